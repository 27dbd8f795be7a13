// A destination's policies through the API on a real desk and a real folder repository: schedules
// with their next runs and cron checked, the scheduler running what is due (once, a missed run
// caught up), retention previewed and saved, pins kept by forget, the snapshot list's verified
// column, destination health and ratios, and the restore preview.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../electron/engine/demo/simulate';
import type { Engine } from '../../../electron/engine/engine';
import { startBackupScheduler } from '../../../electron/engine/services/backup-scheduler';
import { demoDesk } from '../../support/demo-desk';
import { failure } from '../../support/failure';
import { tempDir } from '../../support/temp-state';

const PASS = 'policies test passphrase';
const isoNow = () => new Date().toISOString();

async function deskWithRepository(seed: number): Promise<Engine> {
  const engine = demoDesk(seed);
  const dest = join(tempDir('lifeboat-policies-'), 'usb');
  mkdirSync(dest);
  await engine.call('backups.destinations.add', { name: 'usb', folder: { path: dest } });
  await engine.call('backups.init', { destination: 'usb', passphrase: PASS, keepPassphrase: true });
  return engine;
}

async function backup(engine: Engine, type: 'full' | 'incremental' | 'differential' = 'incremental') {
  const job = await engine.call('backups.create', { type, destination: 'usb' });
  const done = await engine.jobs.wait(job.jobId);
  expect(done.state, done.error ?? '').toBe('succeeded');
  return (done.result as { destinations: { snapshot: { id: string } }[] }).destinations[0].snapshot.id;
}

describe('backup policies', () => {
  it('a new destination gets the usual schedules, each with its next five runs; a bad cron is refused naming it', async () => {
    const engine = await deskWithRepository(41);
    const schedules = await engine.call('backups.schedules', { destination: 'usb' });
    expect(schedules.map((s) => [s.type, s.cron])).toEqual([
      ['differential', '0 */6 * * *'],
      ['full', '0 0 * * *'],
      ['incremental', '* * * * *'],
    ]);
    for (const s of schedules) expect(s.nextRuns).toHaveLength(5);
    const full = schedules.find((s) => s.type === 'full')!;
    expect(full.nextRuns.every((t) => t.endsWith('T00:00:00.000Z'))).toBe(true);

    const set = await engine.call('backups.schedules.set', { destination: 'usb', type: 'full', cron: '30 2 * * 1-5', enabled: true });
    expect(set.nextRuns.map((t) => new Date(t).getUTCDay()).every((d) => d >= 1 && d <= 5)).toBe(true);
    expect(set.nextRuns.every((t) => t.slice(11, 16) === '02:30')).toBe(true);

    const bad = await failure(engine.call('backups.schedules.set', { destination: 'usb', type: 'full', cron: '61 * * * *', enabled: true }));
    expect(bad.code).toBe('bad_request');
    expect(bad.message).toContain('61 * * * *');
    expect(bad.where).toContain('schedule usb full');
    // Nothing written: the schedule is the one set before.
    expect((await engine.call('backups.schedules', { destination: 'usb' })).find((s) => s.type === 'full')!.cron).toBe('30 2 * * 1-5');
    const off = await engine.call('backups.schedules.set', { destination: 'usb', type: 'incremental', cron: '* * * * *', enabled: false });
    expect(off.nextRuns).toEqual([]);
    await engine.close();
  });

  it('the scheduler runs the biggest due type once per destination, catches up missed runs once, then waits for the next time', async () => {
    const engine = await deskWithRepository(42);
    const errors: unknown[] = [];
    let now = new Date(Date.now() + 2 * 86_400_000); // two days on: the full, differential and incremental are all due
    const scheduler = startBackupScheduler(engine, (err) => errors.push(err), () => now);
    try {
      const first = engine.jobs.list().filter((j) => j.kind === 'backup');
      expect(first).toHaveLength(1);
      const done = await engine.jobs.wait(first[0].jobId);
      expect(done.state, done.error ?? '').toBe('succeeded');
      expect((done.result as { type: string }).type).toBe('full');
      // A scheduled full is followed by retention's forget and prune.
      const prune = engine.jobs.list().find((j) => j.kind === 'backup-prune');
      expect(prune).toBeDefined();
      await engine.jobs.wait(prune!.jobId);

      const runs = () => engine.store.db.prepare('SELECT type FROM backup_runs ORDER BY created_at').pluck().all() as string[];
      expect(runs()).toEqual(['full']);
      // Two days of missed runs were caught up by that one full. Just after it, with only the full
      // scheduled, nothing is due until the next midnight.
      await engine.call('backups.schedules.set', { destination: 'usb', type: 'incremental', cron: '* * * * *', enabled: false });
      await engine.call('backups.schedules.set', { destination: 'usb', type: 'differential', cron: '0 */6 * * *', enabled: false });
      now = new Date(Date.now() + 1000);
      scheduler.tick();
      expect(engine.jobs.list().filter((j) => j.kind === 'backup')).toHaveLength(1);
      const midnight = new Date(now);
      midnight.setUTCHours(24, 0, 30, 0);
      now = midnight;
      scheduler.tick();
      const next = engine.jobs.list().filter((j) => j.kind === 'backup');
      expect(next).toHaveLength(2);
      await engine.jobs.wait(next[0].jobId);
      const prunes = engine.jobs.list().filter((j) => j.kind === 'backup-prune');
      for (const j of prunes) await engine.jobs.wait(j.jobId);
      expect(runs()).toEqual(['full', 'full']);
      expect(errors).toEqual([]);
    } finally {
      scheduler.stop();
      await engine.close();
    }
  });

  it('retention is previewed for rules not saved yet, saved with an audit entry; a pinned snapshot is kept by every rule', async () => {
    const engine = await deskWithRepository(43);
    const full = await backup(engine, 'full');
    simulate(engine.store, { ticks: 3, seed: 1 }, isoNow);
    const incr = await backup(engine, 'incremental');
    simulate(engine.store, { ticks: 3, seed: 2 }, isoNow);
    const newest = await backup(engine, 'incremental');
    // Backdate the first incremental by ten days in the desk's record: past incremental's 7 days.
    engine.store.db.prepare("UPDATE backup_runs SET created_at = '2020-01-01T00:00:00.000Z' WHERE snapshot_id = ?").run(incr);

    const preview = await engine.call('backups.retention', { destination: 'usb' });
    expect(preview.forget.map((f) => f.id)).toEqual([incr]);
    expect(preview.keep.find((k) => k.id === full)!.reasons).toContain('newest full');
    expect(preview.keep.find((k) => k.id === newest)!.reasons).toContain('newest snapshot');

    const stricter = await engine.call('backups.retention', { destination: 'usb', retention: { maxAgeDays: { incremental: 7, full: 90 }, keepLast: 3 } });
    expect(stricter.forget).toEqual([]);

    await engine.call('backups.pin', { destination: 'usb', snapshotId: incr.slice(0, 6), pinned: true });
    const pinned = await engine.call('backups.retention', { destination: 'usb' });
    expect(pinned.forget).toEqual([]);
    expect(pinned.keep.find((k) => k.id === incr)!.reasons).toContain('pinned');

    const saved = await engine.call('backups.retention.set', { destination: 'usb', retention: { maxAgeDays: { incremental: 1, full: 30 }, keepDaily: 2 } });
    expect(saved.retention.keepDaily).toBe(2);
    const audit = engine.store.db.prepare("SELECT details FROM audit_log WHERE action = 'backup.retention'").pluck().all() as string[];
    expect(audit).toHaveLength(1);
    expect((await engine.call('backups.destinations', {}))[0].retention.maxAgeDays.incremental).toBe(1);

    const unknown = await failure(engine.call('backups.pin', { destination: 'usb', snapshotId: 'ffffffff', pinned: true }));
    expect(unknown.code).toBe('not_found');
    await engine.close();
  });

  it('lists when each snapshot was verified, and destinations with health, dedup and compression', async () => {
    const engine = await deskWithRepository(44);
    await backup(engine, 'full');
    simulate(engine.store, { ticks: 3, seed: 3 }, isoNow);
    await backup(engine, 'incremental');
    let list = await engine.call('backups.list', { destination: 'usb' });
    expect(list.every((s) => s.verifiedAt === null && s.packsVerified === 0 && s.packs > 0)).toBe(true);
    const verify = await engine.call('backups.verify', { destination: 'usb', readData: true });
    expect((await engine.jobs.wait(verify.jobId)).state).toBe('succeeded');
    list = await engine.call('backups.list', { destination: 'usb' });
    for (const s of list) {
      expect(s.packsVerified).toBe(s.packs);
      expect(s.verifiedAt).not.toBeNull();
    }
    const [d] = await engine.call('backups.destinations', {});
    expect(d.health.state).toBe('ok');
    expect(d.snapshots).toBe(2);
    // The incremental re-read everything and sent little: dedup above 1; brotli on row text above 1.
    expect(d.dedupRatio!).toBeGreaterThan(1);
    expect(d.compressionRatio!).toBeGreaterThan(1);
    expect(d.nextRun.incremental).toBeDefined();
    await engine.close();
  });

  it('a failed backup marks the destination failing, naming the error, until one succeeds', async () => {
    const engine = await deskWithRepository(45);
    const wrong = await engine.call('backups.create', { type: 'full', destination: 'usb', passphrase: 'not the passphrase' });
    expect((await engine.jobs.wait(wrong.jobId)).state).toBe('failed');
    let [d] = await engine.call('backups.destinations', {});
    expect(d.health.state).toBe('failing');
    expect(d.health.message).toContain('wrong passphrase');
    await backup(engine, 'full');
    [d] = await engine.call('backups.destinations', {});
    expect(d.health.state).toBe('ok');
    await engine.close();
  });

  it('previews a restore: the same live state says so; after trading, rows per table, files and history since', async () => {
    const engine = await deskWithRepository(46);
    const id = await backup(engine, 'full');
    const same = await engine.call('backups.restorePreview', { destination: 'usb', snapshotId: id });
    expect(same.sameLive).toBe(true);
    expect(same.files).toEqual([]);
    expect(same.tables.map((t) => t.name)).toContain('orders');
    expect(same.tables.map((t) => t.name)).not.toContain('audit_log');
    expect(same.tables.every((t) => t.live === t.snapshot)).toBe(true);

    simulate(engine.store, { ticks: 5, seed: 4 }, isoNow);
    await engine.call('checkpoints.create', { label: 'after' });
    writeFileSync(join(engine.paths.dir, 'exports', 'new-export.json'), '{}');
    const after = await engine.call('backups.restorePreview', { destination: 'usb', snapshotId: id });
    expect(after.sameLive).toBe(false);
    expect(after.checkpointsSince).toBe(1);
    expect(after.auditSince).toBeGreaterThan(0);
    const orders = after.tables.find((t) => t.name === 'orders')!;
    expect(orders.live).toBeGreaterThan(orders.snapshot);
    expect(after.files).toContainEqual({ path: 'exports/new-export.json', change: 'only live', liveSize: 2, snapshotSize: null });
    await engine.close();
  });
});
