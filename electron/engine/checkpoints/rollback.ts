// Rollback: preview (a diff) → pre_rollback checkpoint → apply in one transaction → check the live
// state now matches the target → audit. Undo is a rollback to the pre_rollback checkpoint.
import type { Database, Statement } from 'better-sqlite3';
import type { CheckpointDiff, CheckpointInfo, RollbackScope, RowChange } from '../../../shared/api/checkpoints';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import { STATE_SCHEMA_VERSION } from '../store/migrations/migrate';
import { getCheckpoint, setStatus } from './catalog';
import type { ChunkCache } from './chunk-cache';
import { liveRoot } from './create';
import { isMaterialized, loadAllEntries, parseManifest, type Manifest } from './manifest';
import { TableReader, type Row } from './records';
import { tableSpec, type TableSpec } from './tables';
import { withoutTracking } from './change-tracking';
import { changeLogEmpty, recordWrites, type RowWrite } from './untracked-writes';

export interface RollbackResult {
  targetId: string;
  scope: RollbackScope;
  preRollbackId: string;
  rootHash: string;
  applied: { added: number; removed: number; changed: number };
  diff: CheckpointDiff;
}

function checkTarget(db: Database, id: string): CheckpointInfo {
  const target = getCheckpoint(db, id);
  if (target.status === 'corrupt') {
    throw new LifeboatError('verification_failed', `checkpoint ${id} failed verification and cannot be a rollback target (${target.statusDetail})`);
  }
  if (target.schemaVersion !== STATE_SCHEMA_VERSION) {
    throw new LifeboatError('conflict', `checkpoint ${id} holds tables of schema ${target.schemaVersion}; this Lifeboat's tables are schema ${STATE_SCHEMA_VERSION}, so it cannot roll back to it`);
  }
  return target;
}

/** What a rollback would change, from the live state to the target. Writes nothing. */
/** What a rollback needs of the checkpoint service (checkpoints.ts passes itself). */
export interface Checkpoints {
  readonly db: Database;
  readonly chunks: ChunkCache;
  create(type: 'pre_rollback', label: string, details: Record<string, unknown>): CheckpointInfo;
  diff(from: string, to: string, options: { scope?: RollbackScope }): CheckpointDiff;
}

export function previewRollback(checkpoints: Checkpoints, targetId: string, scope: RollbackScope): CheckpointDiff {
  checkTarget(checkpoints.db, targetId);
  return guarded(checkpoints, targetId, () => checkpoints.diff('live', targetId, { scope }));
}

export function applyRollback(checkpoints: Checkpoints, targetId: string, scope: RollbackScope): RollbackResult {
  return finishRollback(checkpoints, targetId, scope, takePreRollback(checkpoints, targetId, scope));
}

/** Step one: refuse a bad target early, then take the pre_rollback checkpoint (its own transaction). */
export function takePreRollback(checkpoints: Checkpoints, targetId: string, scope: RollbackScope): CheckpointInfo {
  checkTarget(checkpoints.db, targetId);
  return checkpoints.create('pre_rollback', `before rollback to ${targetId}${describeScope(scope)}`, { rollbackTarget: targetId, scope });
}

/** Step two: apply, check the hash and audit, in one transaction. */
export function finishRollback(checkpoints: Checkpoints, targetId: string, scope: RollbackScope, pre: CheckpointInfo): RollbackResult {
  return guarded(checkpoints, targetId, () => applyInTransaction(checkpoints, targetId, scope, pre.checkpointId));
}

/**
 * Every chunk a rollback reads is rehashed on the way. One that fails marks the checkpoints that
 * hold it damaged (so none is offered as a target again until verified) and refuses the rollback.
 */
function guarded<T>(checkpoints: Checkpoints, targetId: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const hash = err instanceof LifeboatError && err.code === 'verification_failed' ? (err.details as { hash?: string } | undefined)?.hash : undefined;
    if (!hash || !(err instanceof LifeboatError)) throw err;
    const holders = checkpointsHolding(checkpoints, hash);
    const at = new Date().toISOString();
    if (!checkpoints.db.readonly) for (const id of holders) setStatus(checkpoints.db, id, 'corrupt', `${err.where ?? 'chunk'}: ${err.reason}`, at);
    const damaged = holders.includes(targetId) ? `checkpoint ${targetId} is damaged` : `checkpoint ${holders.join(', ') || '(unknown)'}, which the rollback to ${targetId} reads, is damaged`;
    throw new LifeboatError('verification_failed', `${damaged} (${err.where}: ${err.reason}); rollback refused, nothing changed`);
  }
}

function checkpointsHolding(checkpoints: Checkpoints, hash: string): string[] {
  const rows = checkpoints.db.prepare('SELECT checkpoint_id, manifest_json FROM checkpoints').all() as { checkpoint_id: string; manifest_json: string }[];
  return rows.filter((r) => holdsChunk(checkpoints, parseManifest(r.manifest_json), hash)).map((r) => r.checkpoint_id);
}

function holdsChunk(checkpoints: Checkpoints, manifest: Manifest, hash: string): boolean {
  if (Object.values(manifest.layer?.tables ?? {}).some((list) => list.includes(hash))) return true;
  if (!isMaterialized(manifest)) return false;
  if (Object.values(manifest.tables).some((t) => t.pages?.includes(hash))) return true;
  try {
    return Object.values(loadAllEntries(checkpoints.chunks, manifest)).some((list) => list.some((e) => e.hash === hash));
  } catch {
    return false;
  }
}

function applyInTransaction(checkpoints: Checkpoints, targetId: string, scope: RollbackScope, preId: string): RollbackResult {
  const db = checkpoints.db;
  return db
    .transaction(() => {
      const target = checkTarget(db, targetId);
      const diff = checkpoints.diff(preId, targetId, { scope });
      if (changeLogEmpty(db)) applyUntracked(db, diff.rows);
      else applyChanges(db, diff.rows);
      const rootHash = checkResult(checkpoints, target, scope);
      const applied = {
        added: diff.rows.filter((r) => r.kind === 'added').length,
        removed: diff.rows.filter((r) => r.kind === 'removed').length,
        changed: diff.rows.filter((r) => r.kind === 'changed').length,
      };
      appendAudit(db, 'rollback.apply', { targetId, scope, preRollbackId: preId, rootHash, ...applied });
      return { targetId, scope, preRollbackId: preId, rootHash, applied, diff };
    })
    .immediate();
}

/**
 * The usual case (nothing written since the pre_rollback checkpoint): the rows are written with
 * the tracking triggers off, then each row's change-log entry and state-hash move are recorded
 * at once from its text read back before and after (untracked-writes.ts) — what the triggers
 * would record, without their per-row SQL. The root check after still compares the hash of what
 * is stored with the target's.
 */
function applyUntracked(db: Database, rows: RowChange[]): void {
  if (rows.length === 0) return;
  const readers = new Map<string, TableReader>();
  const reader = (table: TableSpec) => readers.get(table.name) ?? readers.set(table.name, new TableReader(db, table)).get(table.name)!;
  const textOf = (change: RowChange) => reader(tableSpec(change.table)).get(change.key)?.text ?? null;
  const before = rows.map(textOf);
  const tables = [...new Set(rows.map((r) => r.table))].map(tableSpec);
  withoutTracking(db, tables, () => applyChanges(db, rows));
  const writes = new Map<string, RowWrite[]>();
  rows.forEach((change, i) => {
    let list = writes.get(change.table);
    if (!list) writes.set(change.table, (list = []));
    list.push({ key: change.key, before: before[i], after: textOf(change) });
  });
  for (const [table, list] of writes) recordWrites(db, tableSpec(table), list);
}

/** Writes the target's version of each changed row; foreign keys are checked at commit. */
function applyChanges(db: Database, rows: RowChange[]): void {
  db.pragma('defer_foreign_keys = ON');
  const statements = new Map<string, Statement>();
  const prepare = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;
  for (const change of rows) {
    const table = tableSpec(change.table);
    if (change.kind === 'removed') {
      const where = table.keyColumns.map((c) => `${c} = ?`).join(' AND ');
      prepare(`DELETE FROM ${table.name} WHERE ${where}`).run(...table.keyColumns.map((c) => (change.before as Row)[c]));
    } else {
      const row = change.after as Row;
      const columns = Object.keys(row);
      const updates = columns.filter((c) => !table.keyColumns.includes(c));
      prepare(
        `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (${table.keyColumns.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'NOTHING'}`,
      ).run(...columns.map((c) => row[c]));
    }
  }
}

/** After applying: the whole desk must hash to the target's root; a scope must match the target's rows. */
function checkResult(checkpoints: Checkpoints, target: CheckpointInfo, scope: RollbackScope): string {
  const root = liveRoot(checkpoints.db);
  if (!scope.accountId && !scope.strategyId) {
    if (root !== target.rootHash) throw new LifeboatError('verification_failed', `after rollback the state hashes to ${root}, not the target's ${target.rootHash}; nothing was changed`);
    return root;
  }
  const left = checkpoints.diff('live', target.checkpointId, { scope });
  if (left.rows.length) throw new LifeboatError('verification_failed', `after rollback ${left.rows.length} rows in scope still differ from the target; nothing was changed`);
  return root;
}

export function describeScope(scope: RollbackScope): string {
  if (scope.strategyId) return ` (strategy ${scope.strategyId})`;
  if (scope.accountId) return ` (account ${scope.accountId})`;
  return '';
}
