// A backup restored into a new folder is the desk as it was: the live root hash, the checkpoint
// catalog, the reconciliation runs and the audit chain, and the folder's files.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryDestination } from '../../../electron/engine/backups/destinations/memory-destination';
import { createBackup } from '../../../electron/engine/backups/create-backup';
import { BackupRepository } from '../../../electron/engine/backups/repository/repository';
import { restoreSnapshot } from '../../../electron/engine/backups/restore/restore';
import { simulate } from '../../../electron/engine/demo/simulate';
import { Engine } from '../../../electron/engine/engine';
import { openReader } from '../../../electron/engine/store/database';
import { demoDesk } from '../../support/demo-desk';
import { tempDir } from '../../support/temp-state';

const PASS = 'correct horse battery staple';
let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

async function backup(engine: Engine, repo: BackupRepository, type: 'full' | 'incremental' | 'differential' | 'snapshot') {
  const reader = openReader(engine.paths.db);
  try {
    return await createBackup(repo, reader, engine.paths.dir, { type, reason: null });
  } finally {
    reader.close();
  }
}

async function openRestored(dir: string) {
  const restored = Engine.open({ stateDir: dir, mode: 'write', purpose: 'test' });
  try {
    return {
      root: (await restored.call('state.hash', {})) as unknown,
      checkpoints: (await restored.call('checkpoints.list', {})).checkpoints.map((c) => [c.checkpointId, c.rootHash]),
      runs: (await restored.call('reconcile.list', {})).map((r) => r.runId),
      audit: await restored.call('audit.verify', {}),
    };
  } finally {
    await restored.close();
  }
}

describe('backup and restore', () => {
  it('restores a layered desk (checkpoint plus changes since) to the same root, catalog and audit chain', async () => {
    const engine = demoDesk(7);
    await engine.call('checkpoints.create', { label: 'base' });
    simulate(engine.store, { ticks: 20, seed: 3 }, now);
    writeFileSync(join(engine.paths.inbox, 'note.json'), '{"hello":"desk"}');
    const dest = new MemoryDestination();
    const { repository } = await BackupRepository.init(dest, PASS);
    const { snapshot } = await backup(engine, repository, 'full');
    expect(snapshot.liveForm).toBe('layered');
    const before = {
      root: await engine.call('state.hash', {}),
      checkpoints: (await engine.call('checkpoints.list', {})).checkpoints.map((c) => [c.checkpointId, c.rootHash]),
      runs: (await engine.call('reconcile.list', {})).map((r) => r.runId),
    };
    expect(snapshot.rootHash).toBe((before.root as { rootHash: string }).rootHash);
    await engine.close();

    const target = join(tempDir(), 'restored');
    const report = await restoreSnapshot(await BackupRepository.open(dest, PASS), snapshot, target);
    expect(report.restoredRoot).toBe(snapshot.rootHash);
    expect(report.integrity).toBe('ok');
    expect(readFileSync(join(target, 'inbox', 'note.json'), 'utf8')).toBe('{"hello":"desk"}');
    const after = await openRestored(target);
    expect(after.root).toEqual(before.root);
    expect(after.checkpoints).toEqual(before.checkpoints);
    expect(after.runs).toEqual(before.runs);
    expect((after.audit as { ok: boolean }).ok).toBe(true);
  });

  it('restores a desk with no checkpoint yet from its rows', async () => {
    const engine = demoDesk(8);
    const dest = new MemoryDestination();
    const { repository } = await BackupRepository.init(dest, PASS);
    const { snapshot } = await backup(engine, repository, 'full');
    expect(snapshot.liveForm).toBe('rows');
    const root = await engine.call('state.hash', {});
    await engine.close();
    const target = join(tempDir(), 'restored');
    await restoreSnapshot(repository, snapshot, target);
    expect((await openRestored(target)).root).toEqual(root);
  });

  it('sends far less for an incremental after a small change than the full did, and both restore', async () => {
    const engine = demoDesk(9);
    await engine.call('checkpoints.create', { label: 'base' });
    const dest = new MemoryDestination();
    const { repository } = await BackupRepository.init(dest, PASS);
    const full = (await backup(engine, repository, 'full')).snapshot;
    simulate(engine.store, { ticks: 5, seed: 4 }, now);
    const incr = (await backup(engine, repository, 'incremental')).snapshot;
    expect(incr.parent).toBe(full.id);
    expect(incr.bytesAdded).toBeLessThan(full.bytesAdded / 4);
    expect(incr.objectsAdded).toBeLessThan(full.objectsAdded);
    const root = await engine.call('state.hash', {});
    await engine.close();
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    await restoreSnapshot(repository, full, a);
    await restoreSnapshot(repository, incr, b);
    expect((await openRestored(b)).root).toEqual(root);
    expect(readdirSync(a)).toContain('lifeboat.db');
  });
});
