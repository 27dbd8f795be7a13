// What restoring a snapshot would change, shown before anything is written (the wizard's second
// step): the live root against the recorded one, rows per table, the folder's files, and the
// history (checkpoints, audit entries) the live desk has gained since the snapshot was taken.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { RestorePreview } from '../../../../shared/api/backups';
import { liveRoot } from '../../checkpoints/create';
import { CHECKPOINT_TABLES } from '../../checkpoints/tables';
import type { Tree } from '../capture/tree';
import type { SnapshotRecord } from '../repository/snapshot-record';

const LIVE = new Set(CHECKPOINT_TABLES.map((t) => t.name));

function liveRows(db: Database, table: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  return exists ? (db.prepare(`SELECT COUNT(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number) : 0;
}

function sizeOf(path: string): number | null {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

/** `liveFiles`: the folder's files as a backup now would take them ('/'-separated, relative). */
export function restorePreview(db: Database, stateDir: string, snapshot: SnapshotRecord, tree: Tree, liveFiles: string[]): RestorePreview {
  const liveRootNow = liveRoot(db);
  // The live tables: what a restore over the live desk changes (history is kept as it is).
  const tables = Object.entries(snapshot.counts)
    .filter(([name]) => LIVE.has(name))
    .map(([name, rows]) => ({ name, live: liveRows(db, name), snapshot: rows }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const inSnapshot = new Map(tree.files.map((f) => [f.path, f.size]));
  const files: RestorePreview['files'] = [];
  for (const path of liveFiles) {
    const liveSize = sizeOf(join(stateDir, path));
    const snapshotSize = inSnapshot.get(path);
    if (snapshotSize === undefined) files.push({ path, change: 'only live', liveSize, snapshotSize: null });
    else if (snapshotSize !== liveSize) files.push({ path, change: 'size differs', liveSize, snapshotSize });
  }
  const live = new Set(liveFiles);
  for (const f of tree.files) if (!live.has(f.path)) files.push({ path: f.path, change: 'only snapshot', liveSize: null, snapshotSize: f.size });
  files.sort((a, b) => a.path.localeCompare(b.path));
  return {
    snapshotId: snapshot.id,
    type: snapshot.type,
    createdAt: snapshot.createdAt,
    liveRoot: liveRootNow,
    snapshotRoot: snapshot.rootHash,
    sameLive: liveRootNow === snapshot.rootHash,
    tables,
    files,
    checkpointsSince: db.prepare('SELECT COUNT(*) FROM checkpoints WHERE created_at > ?').pluck().get(snapshot.createdAt) as number,
    auditSince: db.prepare('SELECT COUNT(*) FROM audit_log WHERE at > ?').pluck().get(snapshot.createdAt) as number,
  };
}
