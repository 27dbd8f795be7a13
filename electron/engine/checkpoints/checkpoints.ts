// The checkpoint service of one engine: its chunk store and every checkpoint operation.
import type { Database } from 'better-sqlite3';
import type { CheckpointDiff, CheckpointInfo, CheckpointType, RollbackScope, VerifyReport } from '../../../shared/api/checkpoints';
import { LifeboatError } from '../../../shared/result';
import { getCheckpoint, listCheckpoints, newestCheckpoint, setPinned } from './catalog';
import { ChunkStore } from './chunk-store';
import { createCheckpoint, snapshotLive } from './create';
import { diffStates, type DiffSide } from './diff';
import { exportCheckpoint, type ExportResult } from './export';
import { loadAllEntries } from './manifest';
import { DEFAULT_STALE_AFTER_SECONDS, staleness, type Staleness } from './policy';
import { pruneCheckpoints, type PruneResult } from './prune';
import type { RetentionPolicy } from './retention';
import { applyRollback, finishRollback, previewRollback, takePreRollback, type RollbackResult } from './rollback';
import { verifyCheckpoint, type VerifyOptions } from './verify';
import { appendAudit } from '../audit/audit-log';

export class Checkpoints {
  readonly chunks: ChunkStore;

  constructor(readonly db: Database) {
    this.chunks = new ChunkStore(db);
  }

  list(): CheckpointInfo[] {
    return listCheckpoints(this.db);
  }

  get(id: string): CheckpointInfo {
    const { manifest: _manifest, ...info } = getCheckpoint(this.db, id);
    return info;
  }

  create(type: CheckpointType, label?: string | null): CheckpointInfo {
    return createCheckpoint(this.db, this.chunks, { type, label });
  }

  /** The live state's root hash: the root a checkpoint taken now would have. */
  stateHash(): { rootHash: string; changedRows: number; baseCheckpointId: string | null } {
    const snap = snapshotLive(this.db, this.chunks);
    const base = this.db.prepare('SELECT checkpoint_id FROM live_base').pluck().get() as string | undefined;
    return { rootHash: snap.manifest.root, changedRows: snap.capture.changedRows, baseCheckpointId: base ?? null };
  }

  changedRows(): number {
    return this.db.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number;
  }

  diff(from: string, to: string, options: { scope?: RollbackScope; limit?: number } = {}): CheckpointDiff {
    return this.db.transaction(() => diffStates(this.chunks, this.side(from), this.side(to), options))();
  }

  verify(id: string, options: VerifyOptions = {}): VerifyReport {
    return verifyCheckpoint(this.db, this.chunks, id, options);
  }

  verifyAll(options: VerifyOptions = {}): VerifyReport[] {
    const verified = options.verified ?? new Set<string>();
    return this.list().map((c) => this.verify(c.checkpointId, { ...options, verified }));
  }

  pin(id: string, pinned: boolean): CheckpointInfo {
    this.db.transaction(() => {
      setPinned(this.db, id, pinned);
      appendAudit(this.db, pinned ? 'checkpoint.pin' : 'checkpoint.unpin', { checkpointId: id });
    })();
    return this.get(id);
  }

  prune(policy: RetentionPolicy, dryRun: boolean): PruneResult {
    return pruneCheckpoints(this.db, this.chunks, policy, dryRun);
  }

  export(id: string, exportsDir: string): ExportResult {
    return exportCheckpoint(this.db, this.chunks, id, exportsDir);
  }

  previewRollback(id: string, scope: RollbackScope): CheckpointDiff {
    return previewRollback(this.db, this.chunks, id, scope);
  }

  rollback(id: string, scope: RollbackScope): RollbackResult {
    return applyRollback(this.db, this.chunks, id, scope);
  }

  /** The same rollback in two steps, so a job can report the pre_rollback checkpoint before applying. */
  rollbackSteps(id: string, scope: RollbackScope): { pre: CheckpointInfo; finish: () => RollbackResult } {
    const pre = takePreRollback(this.db, this.chunks, id, scope);
    return { pre, finish: () => finishRollback(this.db, this.chunks, id, scope, pre) };
  }

  staleness(now = new Date(), staleAfterSeconds = DEFAULT_STALE_AFTER_SECONDS): Staleness {
    return staleness(newestCheckpoint(this.db), now, staleAfterSeconds);
  }

  lastOfType(type: CheckpointType): CheckpointInfo | null {
    const id = this.db
      .prepare('SELECT checkpoint_id FROM checkpoints WHERE type = ? ORDER BY created_at DESC LIMIT 1')
      .pluck()
      .get(type) as string | undefined;
    return id ? this.get(id) : null;
  }

  private side(ref: string): DiffSide {
    if (ref === 'live') {
      const snap = snapshotLive(this.db, this.chunks);
      return { ref, rootHash: snap.manifest.root, entries: snap.capture.entries, extra: snap.capture.built };
    }
    const c = getCheckpoint(this.db, ref);
    if (c.status === 'corrupt') throw new LifeboatError('verification_failed', `checkpoint ${ref} failed verification (${c.statusDetail})`);
    return { ref, rootHash: c.rootHash, entries: loadAllEntries(this.chunks, c.manifest) };
  }
}
