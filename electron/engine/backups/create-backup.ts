// Taking one backup into one repository. What each type may reuse decides what it sends:
//  - full: nothing an earlier snapshot holds (every object written anew), only a killed run's work;
//  - differential: what the last full holds;
//  - incremental, emergency and snapshot: anything the repository holds.
// Database and files are read, objects packed and sent, the tree stored, and the snapshot record
// written last: until it lands there is no snapshot, and nothing earlier has changed.
import type { Database } from 'better-sqlite3';
import type { BackupType } from '../../../shared/api/backups';
import { LifeboatError } from '../../../shared/result';
import { captureDatabase } from './capture/db-capture';
import { captureFiles } from './capture/file-capture';
import type { Tree } from './capture/tree';
import { thisHost, type BackupRepository, type LoadedIndex, type Location } from './repository/repository';
import { newRunId, newSnapshotId, type SnapshotRecord } from './repository/snapshot-record';
import { ObjectWriter } from './repository/writer';

export interface BackupProgress {
  step: 'reading the repository' | 'database' | 'files' | 'sending' | 'done';
  rows?: number;
  bytesAdded?: number;
}

export interface CreateBackupOptions {
  type: BackupType;
  reason: string | null;
  signal?: AbortSignal;
  onProgress?: (p: BackupProgress) => void;
  /** For tests of the kill path: called after each pack lands. */
  now?: () => Date;
}

export interface BackupResult {
  snapshot: SnapshotRecord;
  /** Set when an incremental or differential found no full to build on and was taken as a full. */
  promotedFrom: BackupType | null;
  /** The packs it uses (its own and those it refers to). */
  packs: string[];
}

export async function createBackup(repository: BackupRepository, db: Database, stateDir: string, options: CreateBackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  if (options.type === 'emergency' && !options.reason?.trim()) throw new LifeboatError('bad_request', 'an emergency backup needs a reason (--reason "...")', 'reason');
  options.onProgress?.({ step: 'reading the repository' });
  // What this thread read of the repository before is not read again (read-memo.ts).
  const index = await repository.loadIndex({ remembered: true });
  const snapshots = await repository.snapshots({ remembered: true });
  // An index file whose run no snapshot names is an interrupted run's work: any type may reuse it.
  const claimedRuns = new Set(snapshots.map((s) => s.run));
  const unclaimed = new Set([...index.files].filter(([, f]) => !claimedRuns.has(f.run)).map(([id]) => id));

  let type = options.type;
  let promotedFrom: BackupType | null = null;
  const lastFull = [...snapshots].reverse().find((s) => s.type === 'full');
  if ((type === 'incremental' || type === 'differential') && !lastFull) {
    promotedFrom = type;
    type = 'full';
  }
  const parent = type === 'full' || type === 'snapshot' ? null : type === 'differential' ? lastFull!.id : (snapshots[snapshots.length - 1]?.id ?? null);
  const fullsFiles = () => [...index.files].filter(([, f]) => f.run === lastFull!.run).map(([id]) => id);
  const reusable = reusableObjects(index, type === 'full' ? unclaimed : type === 'differential' ? new Set([...fullsFiles(), ...unclaimed]) : null);
  const run = newRunId();
  const writer = new ObjectWriter(repository, run, reusable, unclaimed, options.signal);

  const createdAt = now().toISOString();
  // One read transaction: the database as of one moment, while the console keeps writing.
  db.exec('BEGIN');
  let captured;
  try {
    options.onProgress?.({ step: 'database' });
    captured = await captureDatabase(db, writer, type, { chunkBytes: repository.config.chunkBytes, onRows: (rows) => options.onProgress?.({ step: 'database', rows, bytesAdded: writer.stats.bytesAdded }) });
  } finally {
    db.exec('COMMIT');
  }
  options.onProgress?.({ step: 'files', bytesAdded: writer.stats.bytesAdded });
  const files = await captureFiles(stateDir, writer, type, repository.config.chunkBytes * 16);
  const tree: Tree = { version: 1, db: captured.db, files: files.files };
  const treeId = await writer.add('tree', Buffer.from(JSON.stringify(tree)));
  options.onProgress?.({ step: 'sending', bytesAdded: writer.stats.bytesAdded });
  await writer.finish();
  if (options.signal?.aborted) throw new LifeboatError('cancelled', 'backup cancelled before its snapshot was written; every earlier snapshot is untouched', repository.where);

  const record: SnapshotRecord = {
    id: newSnapshotId(),
    type,
    createdAt,
    finishedAt: now().toISOString(),
    reason: options.reason,
    host: thisHost(),
    parent,
    rootHash: captured.rootHash,
    schemaVersion: captured.schemaVersion,
    liveForm: captured.db.live.form,
    counts: captured.counts,
    files: files.files.length,
    bytesRead: captured.bytesRead + files.bytesRead,
    ...writer.stats,
    seconds: (Date.now() - started) / 1000,
    tree: treeId,
    run,
  };
  await repository.writeSnapshot(record);
  options.onProgress?.({ step: 'done', bytesAdded: writer.stats.bytesAdded });
  return { snapshot: record, promotedFrom, packs: writer.packsUsed() };
}

/**
 * The objects of the given index files (null: of all) that sit in a pack there whole. What a
 * missing or cut-short pack held is sent again, so the next backup heals the damage for itself
 * (and prune then drops the damaged pack: see prune.ts).
 */
function reusableObjects(index: LoadedIndex, only: Set<string> | null): Map<string, Location> {
  const out = new Map<string, Location>();
  if (!only) {
    for (const [id, at] of index.objects) if (index.intact.has(at.pack)) out.set(id, at);
    return out;
  }
  for (const id of only) {
    for (const pack of index.files.get(id)?.packs ?? []) {
      if (!index.intact.has(pack.id)) continue;
      for (const [objectId, type, offset, length, rawLength] of pack.objects) {
        if (!out.has(objectId)) out.set(objectId, { pack: pack.id, offset, length, rawLength, type, index: id });
      }
    }
  }
  return out;
}
