// The backup types, each distinct: what each sends, what each survives, and a killed run resumed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackup } from '../../../electron/engine/backups/create-backup';
import type { Destination } from '../../../electron/engine/backups/destinations/destination';
import { MemoryDestination } from '../../../electron/engine/backups/destinations/memory-destination';
import { forget, prune } from '../../../electron/engine/backups/prune';
import { BackupRepository } from '../../../electron/engine/backups/repository/repository';
import { restoreSnapshot } from '../../../electron/engine/backups/restore/restore';
import { verifyRepository } from '../../../electron/engine/backups/verify';
import { simulate } from '../../../electron/engine/demo/simulate';
import type { Engine } from '../../../electron/engine/engine';
import { openReader } from '../../../electron/engine/store/database';
import type { BackupType } from '../../../shared/api/backups';
import { demoDesk } from '../../support/demo-desk';
import { tempDir } from '../../support/temp-state';

const PASS = 'types test passphrase';
let clock = Date.parse('2026-11-22T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

async function take(engine: Engine, repo: BackupRepository, type: BackupType, reason: string | null = null) {
  const reader = openReader(engine.paths.db);
  try {
    return await createBackup(repo, reader, engine.paths.dir, { type, reason });
  } finally {
    reader.close();
  }
}

describe('backup types', () => {
  it('a full writes every object anew; an incremental only what is new; a differential what is new since the full', async () => {
    const engine = demoDesk(21);
    await engine.call('checkpoints.create', { label: 'base' });
    const { repository } = await BackupRepository.init(new MemoryDestination(), PASS);
    const f1 = (await take(engine, repository, 'full')).snapshot;
    const f2 = (await take(engine, repository, 'full')).snapshot;
    expect(f2.objectsAdded).toBe(f2.objects);
    simulate(engine.store, { ticks: 5, seed: 1 }, now);
    const i1 = (await take(engine, repository, 'incremental')).snapshot;
    expect(i1.parent).toBe(f2.id);
    expect(i1.objectsAdded).toBeGreaterThan(0);
    expect(i1.objectsAdded).toBeLessThan(i1.objects / 2);
    const d1 = (await take(engine, repository, 'differential')).snapshot;
    expect(d1.parent).toBe(f2.id);
    // Everything the incremental sent, the differential sends again: it must not need the incremental.
    expect(d1.objectsAdded).toBeGreaterThanOrEqual(i1.objectsAdded);
    expect(f1.parent).toBeNull();
  });

  it('a differential survives the loss of the incrementals, and of its full once pruned around it', async () => {
    const engine = demoDesk(22);
    await engine.call('checkpoints.create', { label: 'base' });
    const { repository } = await BackupRepository.init(new MemoryDestination(), PASS);
    const full = (await take(engine, repository, 'full')).snapshot;
    simulate(engine.store, { ticks: 5, seed: 2 }, now);
    const incr = (await take(engine, repository, 'incremental')).snapshot;
    const diff = (await take(engine, repository, 'differential')).snapshot;
    await forget(repository, [incr.id, full.id]);
    const pruned = await prune(repository);
    expect(pruned.packsRemoved + pruned.packsPartlyUsed).toBeGreaterThan(0);
    expect((await verifyRepository(repository, { readData: true })).ok).toBe(true);
    const report = await restoreSnapshot(repository, diff, join(tempDir(), 'restored'), { thorough: true });
    expect(report.restoredRoot).toBe(diff.rootHash);
  });

  it('a snapshot holds the live state and no checkpoint history', async () => {
    const engine = demoDesk(23);
    await engine.call('checkpoints.create', { label: 'base' });
    const { repository } = await BackupRepository.init(new MemoryDestination(), PASS);
    const full = (await take(engine, repository, 'full')).snapshot;
    const snap = (await take(engine, repository, 'snapshot')).snapshot;
    expect(snap.liveForm).toBe('rows');
    expect(snap.files).toBe(1);
    const target = join(tempDir(), 'restored');
    const report = await restoreSnapshot(repository, snap, target, { thorough: true });
    expect(report.restoredRoot).toBe(full.rootHash);
  });

  it('an emergency backup needs a reason and keeps it', async () => {
    const engine = demoDesk(24);
    const { repository } = await BackupRepository.init(new MemoryDestination(), PASS);
    await expect(take(engine, repository, 'emergency')).rejects.toThrow(/needs a reason/);
    const e = (await take(engine, repository, 'emergency', 'disk SMART warning')).snapshot;
    expect(e.reason).toBe('disk SMART warning');
  });

  it('a run killed before its snapshot record leaves earlier snapshots whole; the next run does not send its objects again', async () => {
    const engine = demoDesk(25);
    await engine.call('checkpoints.create', { label: 'base' });
    const memory = new MemoryDestination();
    const { repository } = await BackupRepository.init(memory, PASS);
    const first = (await take(engine, repository, 'full')).snapshot;
    simulate(engine.store, { ticks: 30, seed: 5 }, now);
    // The destination goes away just as the snapshot record would be written.
    const failing: Destination = Object.create(memory, {
      put: { value: async (key: string, data: Buffer, o?: object) => (key.startsWith('snapshots/') ? Promise.reject(new Error('connection reset')) : memory.put(key, data, o)) },
    });
    const broken = await BackupRepository.open(failing, PASS);
    await expect(take(engine, broken, 'incremental')).rejects.toThrow(/connection reset/);
    expect((await repository.snapshots()).map((s) => s.id)).toEqual([first.id]);
    expect((await verifyRepository(repository, { readData: true })).ok).toBe(true);
    const next = (await take(engine, repository, 'incremental')).snapshot;
    expect(next.objectsResumed).toBeGreaterThan(0);
    expect(next.objectsAdded).toBeLessThanOrEqual(2);
  });
});
