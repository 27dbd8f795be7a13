// The checkpoint service of one engine: its chunk store and every checkpoint operation.
import type { Database } from 'better-sqlite3';
import type { CheckpointDiff, CheckpointInfo, CheckpointType, LiveCheck, LiveRepair, RollbackScope, VerifyReport } from '../../../shared/api/checkpoints';
import { checkLive } from './live-check';
import { readTable } from './read-checkpoint';
import { repairLive } from './live-repair';
import { LifeboatError } from '../../../shared/result';
import type { Materialized } from './capture';
import { findManifest, getCheckpoint, listCheckpoints, newestCheckpoint, readBase, setPinned } from './catalog';
import { ChunkCache } from './chunk-cache';
import type { ChunkRepository } from '../chunks/repository';
import { SqliteChunkRepository } from '../chunks/sqlite-repository';
import { createCheckpoint, liveRoot, snapshotLive } from './create';
import { diffFromLayer, diffStates, type DiffSide } from './diff';
import { exportCheckpoint, type ExportResult } from './export';
import { changeLogLayer, composeLayers, invertLayer, loadLayer, type LayerRecord } from './layers';
import type { Manifest } from './manifest';
import { PackingThread, type PackTaskRunner } from './layer-packer';
import { layerChain, materialize, materializeInPlace, type MaterializedCheckpoint } from './materialize';
import { DEFAULT_STALE_AFTER_SECONDS, staleness, type Staleness } from './policy';
import { pruneCheckpoints, type PruneResult } from './prune';
import type { RetentionPolicy } from './retention';
import { applyRollback, finishRollback, previewRollback, takePreRollback, type RollbackResult } from './rollback';
import { recordVerdict, verifyCheckpoint, type VerifyOptions } from './verify';
import { appendAudit } from '../audit/audit-log';

/** A checkpoint stored as a layer is compacted once this many layers separate it from chunk lists. */
export const COMPACT_AFTER_LAYERS = 16;
/** Diffs follow at most this many layers; further apart, they compare chunk lists. */
const MAX_DIFF_LAYERS = 256;
const CACHED_CHECKPOINTS = 2;

export class Checkpoints {
  readonly chunks: ChunkCache;
  /** Recently materialized checkpoints (their content never changes; prune clears the cache). */
  private readonly cache = new Map<string, MaterializedCheckpoint>();
  private packing: PackingThread | null = null;

  constructor(
    readonly db: Database,
    repository: ChunkRepository = new SqliteChunkRepository(db),
    /** The bound of the cache of decoded chunks (the hot tier: the desk's `tiers.hotMaxBytes`). */
    hotMaxBytes?: number,
  ) {
    this.chunks = new ChunkCache(repository, hotMaxBytes);
  }

  /**
   * Packs layers on a second thread of `workers` from now on (see layer-packer.ts): for a process
   * that takes many checkpoints, such as the console. `close` ends the thread. Should the thread
   * fail, layers are packed in this thread again, and `onFailure` is told why. Resolves once the
   * thread serves (true); false when there is none (a pool that runs tasks inline, or it failed).
   */
  startPackingThread(workers: PackTaskRunner, onFailure?: (why: string) => void): Promise<boolean> {
    if (!workers.threaded) return Promise.resolve(false);
    if (!this.packing?.running) this.packing = new PackingThread(workers, onFailure);
    return this.packing.ready;
  }

  close(): void {
    this.packing?.close();
    this.packing = null;
    this.chunks.repository.settle?.();
  }

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM checkpoints').pluck().get() as number;
  }

  list(): CheckpointInfo[] {
    return listCheckpoints(this.db);
  }

  get(id: string): CheckpointInfo {
    const { manifest: _manifest, ...info } = getCheckpoint(this.db, id);
    return info;
  }

  /** Live rows against the kept state hash; names the rows written outside Lifeboat. */
  checkLive(): LiveCheck {
    return checkLive(this.db, this.chunks, readBase(this.db) ? () => this.baseMaterialized() : null);
  }

  /** Puts back, as Lifeboat wrote them, the live rows written outside it (audited with what was found). */
  repairLive(): LiveRepair {
    return repairLive(this.db, this.chunks, readBase(this.db) ? () => this.baseMaterialized() : null);
  }

  create(type: CheckpointType, label?: string | null, details?: Record<string, unknown>): CheckpointInfo {
    return createCheckpoint(this.db, this.chunks, {
      checkLive: () => this.checkLive(),
      type,
      label,
      details,
      materializeBase: () => this.baseMaterialized(),
      packer: this.packing ? () => this.packing!.packer() : undefined,
    });
  }

  /**
   * Compacts the newest checkpoint once enough layers separate it from stored chunk lists, so
   * reads stay cheap. Off the checkpoint's own path: the console runs it after taking one.
   */
  settle(): { checkpointId: string; bytes: number; layers: number } | null {
    // A repository with tiers writes its read statistics here too, off the checkpoint's path.
    this.chunks.repository.settle?.();
    const newest = newestCheckpoint(this.db);
    if (!newest) return null;
    const { chain } = layerChain(this.db, newest.checkpointId, findManifest(this.db, newest.checkpointId)!);
    if (chain.length < COMPACT_AFTER_LAYERS) return null;
    return this.compact(newest.checkpointId);
  }

  /** Stores a layered checkpoint's chunk lists now (no-op for one that has them). */
  compact(id: string): { checkpointId: string; bytes: number; layers: number } | null {
    const done = materializeInPlace(this.db, this.chunks, id);
    return done ? { checkpointId: id, ...done } : null;
  }

  /** A checkpoint as chunk lists (built in memory from its layers if it is stored as one). */
  materialized(id: string): MaterializedCheckpoint {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const m = materialize(this.db, this.chunks, id);
    this.cache.set(id, m);
    if (this.cache.size > CACHED_CHECKPOINTS) this.cache.delete(this.cache.keys().next().value!);
    return m;
  }

  /** The live state's root hash: the root a checkpoint taken now would have. O(1): the triggers keep it. */
  stateHash(): { rootHash: string; changedRows: number; baseCheckpointId: string | null } {
    const base = this.db.prepare('SELECT checkpoint_id FROM live_base').pluck().get() as string | undefined;
    return { rootHash: liveRoot(this.db), changedRows: this.changedRows(), baseCheckpointId: base ?? null };
  }

  changedRows(): number {
    return this.db.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number;
  }

  diff(from: string, to: string, options: { scope?: RollbackScope; limit?: number } = {}): CheckpointDiff {
    return this.db.transaction(() => {
      const layered = this.layersBetween(from, to);
      if (layered) return diffFromLayer(this.ref(from), this.ref(to), layered.layer, layered.chunks, options);
      return diffStates(this.chunks, this.side(from), this.side(to), options);
    })();
  }

  verify(id: string, options: VerifyOptions = {}): VerifyReport {
    return verifyCheckpoint(this.db, this.chunks, id, options);
  }

  /** Records a verify's verdict (one that read on another connection, such as a worker's). */
  recordVerdict(report: VerifyReport): void {
    recordVerdict(this.db, report);
  }

  verifyAll(options: VerifyOptions = {}): VerifyReport[] {
    const shared = { verified: options.verified ?? new Map(), tableAccs: options.tableAccs ?? new Map() };
    return this.list().map((c) => this.verify(c.checkpointId, { ...options, ...shared }));
  }

  pin(id: string, pinned: boolean): CheckpointInfo {
    this.db.transaction(() => {
      setPinned(this.db, id, pinned);
      appendAudit(this.db, pinned ? 'checkpoint.pin' : 'checkpoint.unpin', { checkpointId: id });
    })();
    return this.get(id);
  }

  prune(policy: RetentionPolicy, dryRun: boolean): PruneResult {
    this.cache.clear();
    const result = pruneCheckpoints(this.db, this.chunks, policy, dryRun);
    // Chunks pruned from the cold tier leave packs nothing points into: they go once committed.
    if (!dryRun) this.chunks.repository.settle?.({ collect: true });
    return result;
  }

  export(id: string, exportsDir: string): ExportResult {
    return exportCheckpoint(this.db, this.chunks, this.materialized(id), id, exportsDir);
  }

  previewRollback(id: string, scope: RollbackScope): CheckpointDiff {
    this.requireScope(id, scope);
    return previewRollback(this, id, scope);
  }

  rollback(id: string, scope: RollbackScope): RollbackResult {
    this.requireScope(id, scope);
    return applyRollback(this, id, scope);
  }

  /** The same rollback in two steps, so a job can report the pre_rollback checkpoint before applying. */
  rollbackSteps(id: string, scope: RollbackScope): { pre: CheckpointInfo; finish: () => RollbackResult } {
    this.requireScope(id, scope);
    const pre = takePreRollback(this, id, scope);
    return { pre, finish: () => finishRollback(this, id, scope, pre) };
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

  private ref(ref: string): { ref: string; rootHash: string } {
    return { ref, rootHash: ref === 'live' ? liveRoot(this.db) : this.usable(ref).rootHash };
  }

  private usable(id: string): CheckpointInfo & { manifest: Manifest } {
    const c = getCheckpoint(this.db, id);
    if (c.status === 'corrupt') throw new LifeboatError('verification_failed', `checkpoint ${id} failed verification (${c.statusDetail})`);
    return c;
  }

  /**
   * A scope must name an account or strategy that is live or in the target (one deleted since can
   * still be rolled back); anything else is a typo that would roll back nothing.
   */
  requireScope(id: string, scope: RollbackScope): void {
    const checks: [string | undefined, 'accounts' | 'strategies', 'account_id' | 'strategy_id', string][] = [
      [scope.accountId, 'accounts', 'account_id', 'account'],
      [scope.strategyId, 'strategies', 'strategy_id', 'strategy'],
    ];
    for (const [wanted, table, column, word] of checks) {
      if (wanted === undefined) continue;
      const known = new Set(this.db.prepare(`SELECT ${column} FROM ${table}`).pluck().all() as string[]);
      if (known.has(wanted)) continue;
      for (const row of readTable(this.chunks, this.materialized(id), table)) known.add(String(row[column]));
      if (known.has(wanted)) continue;
      const list = [...known].sort();
      throw new LifeboatError(
        'bad_request',
        `no ${word} "${wanted}" on the desk or in checkpoint ${id}; the ${word === 'account' ? 'accounts' : 'strategies'} are ${list.slice(0, 12).join(', ')}${list.length > 12 ? `, … (${list.length})` : ''}`,
        `--${word}`,
      );
    }
  }

  private baseMaterialized(): Materialized {
    const base = readBase(this.db);
    if (!base) throw new LifeboatError('internal', 'no base checkpoint to build on');
    return this.materialized(base.checkpointId);
  }

  private side(ref: string): DiffSide {
    if (ref === 'live') {
      const base = readBase(this.db);
      const snap = snapshotLive(this.db, this.chunks, base ? this.baseMaterialized() : null);
      return { ref, rootHash: snap.manifest.root, entries: snap.capture.entries, extra: snap.capture.built };
    }
    const c = this.usable(ref);
    const m = this.materialized(ref);
    return { ref, rootHash: c.rootHash, entries: m.entries, extra: m.extra };
  }

  /**
   * The composed layer from one state to another when one descends from the other through at
   * most MAX_DIFF_LAYERS layers (the live state descends from its base through the change log).
   */
  private layersBetween(from: string, to: string): { layer: Map<string, LayerRecord[]>; chunks: number } | null {
    if (from === to) return { layer: new Map(), chunks: 0 };
    if (from === 'live') {
      const back = this.layersBetween(to, 'live');
      return back && { layer: invertLayer(back.layer), chunks: back.chunks };
    }
    let head = to;
    let tail: Map<string, LayerRecord[]>[] = [];
    if (to === 'live') {
      const log = changeLogLayer(this.db);
      const base = readBase(this.db);
      if (!log.complete || !base) return null;
      tail = [log.tables];
      head = base.checkpointId;
      if (head === from) return { layer: composeLayers(tail), chunks: 0 };
    }
    const down = this.chainDown(from, head);
    if (down) return { layer: composeLayers([...down.layers, ...tail]), chunks: down.chunks };
    if (to === 'live') return null;
    const up = this.chainDown(to, from);
    return up && { layer: invertLayer(composeLayers(up.layers)), chunks: up.chunks };
  }

  /** The layers from an ancestor to a descendant checkpoint, oldest first, or null if not one. */
  private chainDown(ancestor: string, id: string): { layers: Map<string, LayerRecord[]>[]; chunks: number } | null {
    const refs = [];
    let at = id;
    for (let i = 0; i < MAX_DIFF_LAYERS && at !== ancestor; i++) {
      const layer = findManifest(this.db, at)?.layer;
      if (!layer) return null;
      refs.push(layer);
      at = layer.parent;
    }
    if (at !== ancestor) return null;
    this.usable(ancestor);
    refs.reverse();
    return { layers: refs.map((r) => loadLayer(this.chunks, r)), chunks: refs.reduce((n, r) => n + Object.values(r.tables).flat().length, 0) };
  }
}
