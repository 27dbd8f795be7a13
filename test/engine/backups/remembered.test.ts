// What a running console remembers between backups (capture/content-ids.ts, repository/key-memo.ts,
// repository/read-memo.ts, capture/pinned-rows.ts) only ever saves time: the next incremental refers to history blobs
// without reading them and restores whole; a blob the repository lost is sent again; a full still
// writes every object anew; a key slot that changed after an unlock is read afresh; a backup reads
// only the index files and snapshot records it has not read before, while verify reads them all.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackup } from '../../../electron/engine/backups/create-backup';
import { MemoryDestination } from '../../../electron/engine/backups/destinations/memory-destination';
import { forget, prune } from '../../../electron/engine/backups/prune';
import { verifyRepository } from '../../../electron/engine/backups/verify';
import { BackupRepository } from '../../../electron/engine/backups/repository/repository';
import { restoreSnapshot } from '../../../electron/engine/backups/restore/restore';
import type { BackupType } from '../../../shared/api/backups';
import { simulate } from '../../../electron/engine/demo/simulate';
import type { Engine } from '../../../electron/engine/engine';
import { appendAudit } from '../../../electron/engine/audit/audit-log';
import { openReader } from '../../../electron/engine/store/database';
import { LifeboatError } from '../../../shared/result';
import { demoDesk } from '../../support/demo-desk';
import { tempDir } from '../../support/temp-state';

const PASS = 'a long enough passphrase';
let clock = Date.parse('2026-12-04T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

async function backup(engine: Engine, repository: BackupRepository, type: BackupType) {
  const reader = openReader(engine.paths.db);
  try {
    return (await createBackup(repository, reader, engine.paths.dir, { type, reason: null })).snapshot;
  } finally {
    reader.close();
  }
}

async function churn(engine: Engine, seed: number) {
  simulate(engine.store, { ticks: 10, seed }, now);
  await engine.call('checkpoints.create', { label: `churn ${seed}` });
}

async function restoredRoot(dest: MemoryDestination, snapshotId: string): Promise<string | null> {
  const repository = await BackupRepository.open(dest, PASS);
  const [snapshot] = (await repository.snapshots()).filter((s) => s.id === snapshotId);
  const report = await restoreSnapshot(repository, snapshot, join(tempDir(), 'restored'));
  expect(report.integrity).toBe('ok');
  return report.restoredRoot;
}

describe('what the console remembers between backups', () => {
  it('refers to the history blobs a backup named before without reading them, and the incremental restores whole', async () => {
    const engine = demoDesk(21);
    await engine.call('checkpoints.create', { label: 'base' });
    const dest = new MemoryDestination();
    const { repository } = await BackupRepository.init(dest, PASS);
    const full = await backup(engine, repository, 'full');
    await churn(engine, 1);
    const incremental = await backup(engine, repository, 'incremental');
    const blobBytes = (engine.store.db.prepare('SELECT SUM(length(data)) AS n FROM chunks').get() as { n: number }).n;
    // The full read every blob of the checkpoint history; the incremental only those it had not named.
    expect(full.bytesRead).toBeGreaterThan(blobBytes);
    expect(incremental.bytesRead).toBeLessThan(full.bytesRead - blobBytes / 2);
    expect(incremental.objects).toBeGreaterThan(incremental.objectsAdded);
    const root = ((await engine.call('state.hash', {})) as { rootHash: string }).rootHash;
    expect(incremental.rootHash).toBe(root);
    await engine.close();
    expect(await restoredRoot(dest, incremental.id)).toBe(root);
  });

  it('reads only the audit rows added since the last backup, and the incremental restores the whole trail', async () => {
    const engine = demoDesk(24);
    await engine.call('checkpoints.create', { label: 'base' });
    const dest = new MemoryDestination();
    const { repository } = await BackupRepository.init(dest, PASS);
    // A busy desk's trail: a couple of thousand entries of a kilobyte or so.
    engine.store.db.transaction(() => {
      for (let i = 0; i < 2000; i++) appendAudit(engine.store.db, 'simulate.tick', { tick: i, note: 'x'.repeat(600 + (i % 200)) });
    })();
    await backup(engine, repository, 'full');
    await churn(engine, 5);
    const audit = () => engine.store.db.prepare('SELECT seq, at, actor, action, details, prev_hash, hash, mac FROM audit_log ORDER BY seq').all();
    const auditBytes = (engine.store.db.prepare('SELECT SUM(length(details)) AS n FROM audit_log').get() as { n: number }).n;
    const incremental = await backup(engine, repository, 'incremental');
    // Most of the trail was cut into chunks by the full; the incremental took those without reading them.
    expect(incremental.bytesRead).toBeLessThan(auditBytes / 2);
    const trail = audit();
    await engine.close();
    const restoredDir = join(tempDir(), 'restored');
    const opened = await BackupRepository.open(dest, PASS);
    const [snapshot] = (await opened.snapshots()).filter((s) => s.id === incremental.id);
    await restoreSnapshot(opened, snapshot, restoredDir);
    const reader = openReader(join(restoredDir, 'lifeboat.db'));
    try {
      expect(reader.prepare('SELECT seq, at, actor, action, details, prev_hash, hash, mac FROM audit_log ORDER BY seq').all()).toEqual(trail);
    } finally {
      reader.close();
    }
  });

  it('cuts the checkpoint history anew from where rows were removed (a prune), and the incremental restores the same chunks', async () => {
    const engine = demoDesk(25);
    for (let i = 0; i < 4; i++) await churn(engine, 10 + i);
    const dest = new MemoryDestination();
    const { repository } = await BackupRepository.init(dest, PASS);
    // Small row chunks, so that a small desk's history is many of them (a repository made by
    // `backup init` cuts them at 64 KiB); restore does not depend on the size.
    (repository.config as { chunkBytes: number }).chunkBytes = 1024;
    await backup(engine, repository, 'full');
    await backup(engine, repository, 'incremental');
    const chunksOf = () => engine.store.db.prepare('SELECT rowid, hash, codec, data FROM chunks ORDER BY rowid').all();
    const before = chunksOf().length;
    const pruned = await engine.call('checkpoints.prune', { policy: { keepLast: 1 }, dryRun: false });
    expect(pruned.chunksRemoved).toBeGreaterThan(0);
    await churn(engine, 20);
    const after = chunksOf();
    expect(after.length).not.toBe(before);
    const incremental = await backup(engine, repository, 'incremental');
    await engine.close();
    const opened = await BackupRepository.open(dest, PASS);
    const [snapshot] = (await opened.snapshots()).filter((s) => s.id === incremental.id);
    const restoredDir = join(tempDir(), 'restored');
    expect((await restoreSnapshot(opened, snapshot, restoredDir)).integrity).toBe('ok');
    const reader = openReader(join(restoredDir, 'lifeboat.db'));
    try {
      expect(reader.prepare('SELECT rowid, hash, codec, data FROM chunks ORDER BY rowid').all()).toEqual(after);
    } finally {
      reader.close();
    }
  });

  it('sends a blob again once the repository no longer holds it, and a full writes every object anew', async () => {
    const engine = demoDesk(22);
    await engine.call('checkpoints.create', { label: 'base' });
    const dest = new MemoryDestination();
    const { repository } = await BackupRepository.init(dest, PASS);
    const first = await backup(engine, repository, 'full');
    await backup(engine, repository, 'incremental');
    // Every snapshot forgotten and pruned: the memo still names blobs the repository lost.
    await forget(repository, (await repository.snapshots()).map((s) => s.id));
    await prune(repository);
    expect([...dest.objects.keys()].filter((k) => k.startsWith('data/'))).toEqual([]);
    await churn(engine, 2);
    const again = await backup(engine, repository, 'incremental');
    expect(again.type).toBe('full');
    expect(again.objectsAdded).toBe(again.objects);
    expect(again.bytesRead).toBeGreaterThanOrEqual(first.bytesRead);
    const full = await backup(engine, repository, 'full');
    expect(full.objectsAdded).toBe(full.objects);
    const root = ((await engine.call('state.hash', {})) as { rootHash: string }).rootHash;
    await engine.close();
    expect(await restoredRoot(dest, again.id)).toBe(root);
    expect(await restoredRoot(dest, full.id)).toBe(root);
  });

  it('a backup reads only the index files and snapshot records it has not read before; verify still reads them all and finds damage', async () => {
    const engine = demoDesk(23);
    await engine.call('checkpoints.create', { label: 'base' });
    const reads: string[] = [];
    const dest = new (class extends MemoryDestination {
      override async get(key: string): Promise<Buffer> {
        reads.push(key);
        return super.get(key);
      }
    })();
    const { repository } = await BackupRepository.init(dest, PASS);
    const metadata = (keys: Iterable<string>) => [...keys].filter((k) => k.startsWith('index/') || k.startsWith('snapshots/')).sort();
    await backup(engine, repository, 'full');
    await backup(engine, repository, 'incremental');
    await churn(engine, 3);
    const before = new Set(dest.objects.keys());
    await backup(engine, repository, 'incremental');
    const written = metadata([...dest.objects.keys()].filter((k) => !before.has(k)));
    reads.length = 0;
    await churn(engine, 4);
    await backup(engine, repository, 'incremental');
    // Of the repository's index files and snapshot records, the backup read only those the one
    // before it wrote: everything older this thread had read already.
    expect(written.length).toBeGreaterThanOrEqual(2);
    expect(metadata(before).length).toBeGreaterThan(written.length);
    expect(metadata(reads)).toEqual(written);
    // Verify reads every one afresh: an index file damaged in place (same name, same size) is found.
    const [indexKey] = [...dest.objects.keys()].filter((k) => k.startsWith('index/'));
    dest.objects.get(indexKey)![40] ^= 0x01;
    const verified = await verifyRepository(repository);
    expect(verified.ok).toBe(false);
    expect(verified.problems.map((p) => p.where).join(' ')).toContain(indexKey);
    await engine.close();
  });

  it('reads a key slot afresh when it changed after an unlock, and a wrong passphrase stays wrong', async () => {
    const dest = new MemoryDestination();
    await BackupRepository.init(dest, PASS);
    await BackupRepository.open(dest, PASS);
    const wrong = await BackupRepository.open(dest, `${PASS} but not quite`).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(LifeboatError);
    expect((wrong as LifeboatError).code).toBe('wrong_passphrase');
    const slotKey = [...dest.objects.keys()].find((k) => k.startsWith('keys/') && JSON.parse(dest.objects.get(k)!.toString()).kind === 'passphrase')!;
    const slot = JSON.parse(dest.objects.get(slotKey)!.toString());
    const wrapped = Buffer.from(slot.wrapped, 'base64');
    wrapped[0] ^= 0x01;
    dest.objects.set(slotKey, Buffer.from(JSON.stringify({ ...slot, wrapped: wrapped.toString('base64') })));
    const refused = await BackupRepository.open(dest, PASS).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LifeboatError);
    expect((refused as LifeboatError).code).toBe('wrong_passphrase');
  });
});
