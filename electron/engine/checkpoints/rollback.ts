// Rollback: preview (a diff) → pre_rollback checkpoint → apply in one transaction → check the live
// state now matches the target → audit. Undo is a rollback to the pre_rollback checkpoint.
import type { Database, Statement } from 'better-sqlite3';
import type { CheckpointDiff, CheckpointInfo, RollbackScope, RowChange } from '../../../shared/api/checkpoints';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import { CODE_SCHEMA_VERSION } from '../store/migrations';
import { captureLive } from './capture';
import { getCheckpoint, readBase, setStatus } from './catalog';
import type { ChunkStore } from './chunk-store';
import { createCheckpoint, snapshotLive } from './create';
import { diffStates, type DiffSide } from './diff';
import { loadAllEntries, makeManifest, type Manifest } from './manifest';
import type { Row } from './records';
import { tableSpec } from './tables';

export interface RollbackResult {
  targetId: string;
  scope: RollbackScope;
  preRollbackId: string;
  rootHash: string;
  applied: { added: number; removed: number; changed: number };
  diff: CheckpointDiff;
}

function targetSide(db: Database, chunks: ChunkStore, id: string): DiffSide {
  const target = getCheckpoint(db, id);
  if (target.status === 'corrupt') {
    throw new LifeboatError('verification_failed', `checkpoint ${id} failed verification and cannot be a rollback target (${target.statusDetail})`);
  }
  if (target.schemaVersion !== CODE_SCHEMA_VERSION) {
    throw new LifeboatError('conflict', `checkpoint ${id} has schema ${target.schemaVersion}; this Lifeboat writes ${CODE_SCHEMA_VERSION}`);
  }
  return { ref: id, rootHash: target.rootHash, entries: loadAllEntries(chunks, target.manifest) };
}

/** What a rollback would change, from the live state to the target. Writes nothing. */
export function previewRollback(db: Database, chunks: ChunkStore, targetId: string, scope: RollbackScope): CheckpointDiff {
  return db.transaction(() => {
    const target = targetSide(db, chunks, targetId);
    const live = snapshotLive(db, chunks);
    return diffStates(chunks, { ref: 'live', rootHash: live.manifest.root, entries: live.capture.entries, extra: live.capture.built }, target, { scope });
  })();
}

export function applyRollback(db: Database, chunks: ChunkStore, targetId: string, scope: RollbackScope): RollbackResult {
  return finishRollback(db, chunks, targetId, scope, takePreRollback(db, chunks, targetId, scope));
}

/** Step one: refuse a bad target early, then take the pre_rollback checkpoint (its own transaction). */
export function takePreRollback(db: Database, chunks: ChunkStore, targetId: string, scope: RollbackScope): CheckpointInfo {
  targetSide(db, chunks, targetId);
  return createCheckpoint(db, chunks, {
    type: 'pre_rollback',
    label: `before rollback to ${targetId}${describeScope(scope)}`,
    details: { rollbackTarget: targetId, scope },
  });
}

/** Step two: apply, check the hash and audit, in one transaction. */
export function finishRollback(db: Database, chunks: ChunkStore, targetId: string, scope: RollbackScope, pre: CheckpointInfo): RollbackResult {
  try {
    return applyInTransaction(db, chunks, targetId, scope, pre.checkpointId, pre.rootHash);
  } catch (err) {
    // Every chunk the rollback reads is rehashed on the way; one that fails marks the target
    // damaged, so it is never offered as a target again until verified.
    const hash = err instanceof LifeboatError && err.code === 'verification_failed' ? (err.details as { hash?: string } | undefined)?.hash : undefined;
    if (hash && err instanceof LifeboatError && holdsChunk(chunks, getCheckpoint(db, targetId).manifest, hash)) {
      setStatus(db, targetId, 'corrupt', `${err.where ?? 'chunk'}: ${err.reason}`, new Date().toISOString());
      throw new LifeboatError('verification_failed', `checkpoint ${targetId} is damaged (${err.where}: ${err.reason}); rollback refused, nothing changed`);
    }
    throw err;
  }
}

function holdsChunk(chunks: ChunkStore, manifest: Manifest, hash: string): boolean {
  return Object.values(manifest.tables).some((t) => t.pages.includes(hash)) || Object.values(loadAllEntries(chunks, manifest)).some((list) => list.some((e) => e.hash === hash));
}

function applyInTransaction(db: Database, chunks: ChunkStore, targetId: string, scope: RollbackScope, preId: string, preRoot: string): RollbackResult {
  return db
    .transaction(() => {
      const target = targetSide(db, chunks, targetId);
      const preEntries = loadAllEntries(chunks, getCheckpoint(db, preId).manifest);
      const diff = diffStates(chunks, { ref: preId, rootHash: preRoot, entries: preEntries }, target, { scope });
      applyChanges(db, diff.rows);
      const rootHash = checkResult(db, chunks, target, scope);
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
function checkResult(db: Database, chunks: ChunkStore, target: DiffSide, scope: RollbackScope): string {
  const base = readBase(db);
  const capture = captureLive(db, chunks, base ? loadAllEntries(chunks, base.manifest) : null);
  const root = makeManifest(CODE_SCHEMA_VERSION, capture.entries).manifest.root;
  if (!scope.accountId && !scope.strategyId) {
    if (root !== target.rootHash) throw new LifeboatError('verification_failed', `after rollback the state hashes to ${root}, not the target's ${target.rootHash}; nothing was changed`);
    return root;
  }
  const left = diffStates(chunks, { ref: 'live', rootHash: root, entries: capture.entries, extra: capture.built }, target, { scope });
  if (left.rows.length) throw new LifeboatError('verification_failed', `after rollback ${left.rows.length} rows in scope still differ from the target; nothing was changed`);
  return root;
}

export function describeScope(scope: RollbackScope): string {
  if (scope.strategyId) return ` (strategy ${scope.strategyId})`;
  if (scope.accountId) return ` (account ${scope.accountId})`;
  return '';
}
