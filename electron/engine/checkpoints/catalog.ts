// The checkpoint catalog: rows of the `checkpoints` table as domain objects.
import type { Database } from 'better-sqlite3';
import type { CheckpointInfo } from '../../../shared/api/checkpoints';
import { LifeboatError } from '../../../shared/result';
import { parseManifest, type Manifest } from './manifest';

interface CheckpointRow {
  checkpoint_id: string;
  type: CheckpointInfo['type'];
  label: string | null;
  created_at: string;
  schema_version: number;
  root_hash: string;
  counts_json: string;
  changed_rows: number;
  new_bytes: number;
  manifest_json: string;
  pinned: number;
  status: CheckpointInfo['status'];
  status_detail: string | null;
  verified_at: string | null;
}

const COLUMNS = `checkpoint_id, type, label, created_at, schema_version, root_hash, counts_json, changed_rows, new_bytes,
  pinned, status, status_detail, verified_at`;

function toInfo(r: Omit<CheckpointRow, 'manifest_json'>): CheckpointInfo {
  return {
    checkpointId: r.checkpoint_id,
    type: r.type,
    label: r.label,
    createdAt: r.created_at,
    schemaVersion: r.schema_version,
    rootHash: r.root_hash,
    counts: JSON.parse(r.counts_json) as Record<string, number>,
    changedRows: r.changed_rows,
    newBytes: r.new_bytes,
    pinned: r.pinned === 1,
    status: r.status,
    statusDetail: r.status_detail,
    verifiedAt: r.verified_at,
  };
}

export function listCheckpoints(db: Database): CheckpointInfo[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM checkpoints ORDER BY created_at, checkpoint_id`).all() as CheckpointRow[]).map(toInfo);
}

export function getCheckpoint(db: Database, id: string): CheckpointInfo & { manifest: Manifest } {
  const r = db.prepare(`SELECT ${COLUMNS}, manifest_json FROM checkpoints WHERE checkpoint_id = ?`).get(id) as CheckpointRow | undefined;
  if (!r) throw new LifeboatError('not_found', `no checkpoint ${id} (see \`lifeboat checkpoint list\`)`);
  return { ...toInfo(r), manifest: parseManifest(r.manifest_json) };
}

/** A checkpoint's manifest, or null if there is no such checkpoint. */
export function findManifest(db: Database, id: string): Manifest | null {
  const json = db.prepare('SELECT manifest_json FROM checkpoints WHERE checkpoint_id = ?').pluck().get(id) as string | undefined;
  return json === undefined ? null : parseManifest(json);
}

export function newestCheckpoint(db: Database): CheckpointInfo | null {
  const r = db.prepare(`SELECT ${COLUMNS} FROM checkpoints ORDER BY created_at DESC, checkpoint_id DESC LIMIT 1`).get() as
    | CheckpointRow
    | undefined;
  return r ? toInfo(r) : null;
}

export function insertCheckpoint(db: Database, info: CheckpointInfo, manifest: Manifest): void {
  db.prepare(
    `INSERT INTO checkpoints (checkpoint_id, type, label, created_at, schema_version, root_hash, counts_json, changed_rows,
       new_bytes, manifest_json, pinned, status, status_detail, verified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    info.checkpointId,
    info.type,
    info.label,
    info.createdAt,
    info.schemaVersion,
    info.rootHash,
    JSON.stringify(info.counts),
    info.changedRows,
    info.newBytes,
    JSON.stringify(manifest),
    info.pinned ? 1 : 0,
    info.status,
    info.statusDetail,
    info.verifiedAt,
  );
}

export function setStatus(db: Database, id: string, status: CheckpointInfo['status'], detail: string | null, at: string): void {
  db.prepare('UPDATE checkpoints SET status = ?, status_detail = ?, verified_at = ? WHERE checkpoint_id = ?').run(status, detail, at, id);
}

export function setPinned(db: Database, id: string, pinned: boolean): void {
  const r = db.prepare('UPDATE checkpoints SET pinned = ? WHERE checkpoint_id = ?').run(pinned ? 1 : 0, id);
  if (r.changes === 0) throw new LifeboatError('not_found', `no checkpoint ${id}`);
}

export function readBase(db: Database): { checkpointId: string; manifest: Manifest } | null {
  const r = db.prepare('SELECT checkpoint_id, manifest_json FROM live_base WHERE id = 1').get() as
    | { checkpoint_id: string; manifest_json: string }
    | undefined;
  return r ? { checkpointId: r.checkpoint_id, manifest: parseManifest(r.manifest_json) } : null;
}

export function writeBase(db: Database, checkpointId: string, manifest: Manifest): void {
  db.prepare(
    `INSERT INTO live_base (id, checkpoint_id, manifest_json) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET checkpoint_id = excluded.checkpoint_id, manifest_json = excluded.manifest_json`,
  ).run(checkpointId, JSON.stringify(manifest));
}
