// Restoring a backup over the live desk, the rollback's way: preview, typed confirmation, a
// pre-restore checkpoint, the live rows made the snapshot's in one commit checked against its root
// hash, history kept, and undo by a rollback to the pre-restore checkpoint.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../electron/engine/demo/simulate';
import type { Engine } from '../../../electron/engine/engine';
import { demoDesk } from '../../support/demo-desk';
import { failure } from '../../support/failure';
import { tempDir } from '../../support/temp-state';

const isoNow = () => new Date().toISOString();

async function deskWithSnapshot(seed: number): Promise<{ engine: Engine; snapshotId: string; root: string }> {
  const engine = demoDesk(seed);
  const dest = join(tempDir('lifeboat-restore-live-'), 'usb');
  mkdirSync(dest);
  await engine.call('backups.destinations.add', { name: 'usb', folder: { path: dest } });
  await engine.call('backups.init', { destination: 'usb', passphrase: 'restore live passphrase', keepPassphrase: true });
  const job = await engine.call('backups.create', { type: 'full', destination: 'usb' });
  const done = await engine.jobs.wait(job.jobId);
  expect(done.state, done.error ?? '').toBe('succeeded');
  const snapshotId = (done.result as { destinations: { snapshot: { id: string } }[] }).destinations[0].snapshot.id;
  return { engine, snapshotId, root: (await engine.call('state.hash', {})).rootHash };
}

describe('restore over the live desk', () => {
  it('makes the live rows the snapshot’s, keeps history, and is undone by a rollback to the pre-restore checkpoint', async () => {
    const { engine, snapshotId, root } = await deskWithSnapshot(51);
    await engine.call('checkpoints.create', { label: 'before trading' });
    simulate(engine.store, { ticks: 10, seed: 5 }, isoNow);
    const traded = (await engine.call('state.hash', {})).rootHash;
    expect(traded).not.toBe(root);
    const auditBefore = engine.store.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;

    const job = await engine.call('backups.restoreLive', { destination: 'usb', snapshotId, confirm: snapshotId });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.state, done.error ?? '').toBe('succeeded');
    const r = done.result as { preRestoreId: string; rootHash: string; applied: { added: number; removed: number; changed: number } };
    expect(r.rootHash).toBe(root);
    expect((await engine.call('state.hash', {})).rootHash).toBe(root);
    expect(r.applied.added + r.applied.removed + r.applied.changed).toBeGreaterThan(0);
    expect(done.steps.map((s) => [s.name, s.state])).toEqual([
      ['restore', 'succeeded'],
      ['pre-restore', 'succeeded'],
      ['apply', 'succeeded'],
      ['check', 'succeeded'],
    ]);
    // History kept: the checkpoints and audit entries made after the backup are all still there.
    const { checkpoints } = await engine.call('checkpoints.list', {});
    expect(checkpoints.map((c) => c.type)).toEqual(expect.arrayContaining(['manual', 'pre_restore']));
    const pre = checkpoints.find((c) => c.checkpointId === r.preRestoreId)!;
    expect(pre.type).toBe('pre_restore');
    expect(pre.rootHash).toBe(traded);
    expect(engine.store.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBeGreaterThan(auditBefore);
    expect(engine.store.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'backup.restore-live'").pluck().get()).toBe(1);
    expect((await engine.call('audit.verify', {})).ok).toBe(true);

    // Undo: a rollback to the pre-restore checkpoint brings the traded state back.
    const undo = await engine.call('rollback.apply', { checkpointId: r.preRestoreId, scope: {}, confirm: r.preRestoreId });
    expect((await engine.jobs.wait(undo.jobId)).state).toBe('succeeded');
    expect((await engine.call('state.hash', {})).rootHash).toBe(traded);
    await engine.close();
  });

  it('changes nothing without the snapshot id typed again', async () => {
    const { engine, snapshotId } = await deskWithSnapshot(52);
    simulate(engine.store, { ticks: 3, seed: 6 }, isoNow);
    const before = (await engine.call('state.hash', {})).rootHash;
    const err = await failure(engine.call('backups.restoreLive', { destination: 'usb', snapshotId, confirm: 'yes' }));
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain(snapshotId);
    expect((await engine.call('state.hash', {})).rootHash).toBe(before);
    expect((await engine.call('checkpoints.list', {})).checkpoints.filter((c) => c.type === 'pre_restore')).toEqual([]);
    await engine.close();
  });

  it('a snapshot that cannot be read changes no live row and takes no checkpoint', async () => {
    const { engine, snapshotId } = await deskWithSnapshot(53);
    simulate(engine.store, { ticks: 3, seed: 7 }, isoNow);
    const before = (await engine.call('state.hash', {})).rootHash;
    const job = await engine.call('backups.restoreLive', { destination: 'usb', snapshotId, confirm: snapshotId, passphrase: 'not the passphrase' });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.state).toBe('failed');
    expect(done.error).toContain('wrong passphrase');
    expect((await engine.call('state.hash', {})).rootHash).toBe(before);
    expect((await engine.call('checkpoints.list', {})).checkpoints.filter((c) => c.type === 'pre_restore')).toEqual([]);
    await engine.close();
  });
});
