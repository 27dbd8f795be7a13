// Verify: reread from disk and rehash everything a checkpoint is made of, and recompute its hashes.
//  - Stored as chunk lists: every index page and chunk is rehashed and recounted, every table's
//    chunk-list root recomputed, and every row's LtHash vector summed into the table's hash.
//  - Stored as a layer: the nearest ancestor with chunk lists is verified so, then each layer since
//    is reread and applied to those table hashes (minus each row before, plus it after); every
//    checkpoint on the way must land on the hashes it recorded.
// A fault is named by table and chunk.
import type { Database } from 'better-sqlite3';
import type { VerifyReport } from '../../../shared/api/checkpoints';
import { LifeboatError } from '../../../shared/result';
import { getCheckpoint, setStatus } from './catalog';
import { parseChunk, parsePage, tableRoot, type ChunkEntry } from './chunker';
import type { ChunkCache } from './chunk-cache';
import { parseLayer, resolve } from './layers';
import { isMaterialized, type Manifest } from './manifest';
import { layerChain } from './materialize';
import { recordKey } from './records';
import type { CheckedChunk } from './verify-chunks';
import { accDigest, addAcc, addRecord, emptyAcc, recordsAcc, stateRoot, type Acc } from './state-hash';
import { CHECKPOINT_TABLES, compareKeys } from './tables';

export interface VerifyOptions {
  /** Per verify run: chunks already checked, with their rows' summed LtHash (a shared chunk is read once). */
  verified?: Map<string, Acc>;
  /** Chunks already reread and summed on other threads (verify-chunks.ts): each still counts as read here. */
  checked?: Map<string, CheckedChunk>;
  /** Per verify run: checkpoints whose table hashes were recomputed already. */
  tableAccs?: Map<string, Record<string, Acc>>;
  onProgress?: (done: number, total: number, message: string) => void;
  signal?: AbortSignal;
  /** Record the outcome in the catalog (needs a writable database). */
  record?: boolean;
}

class Fault extends Error {
  constructor(
    readonly table: string,
    readonly chunk: string,
    reason: string,
  ) {
    super(reason);
  }
}

const reasonOf = (err: unknown) => (err instanceof LifeboatError ? err.reason : err instanceof Error ? err.message : String(err));

export function verifyCheckpoint(db: Database, chunks: ChunkCache, id: string, options: VerifyOptions = {}): VerifyReport {
  const checkpoint = getCheckpoint(db, id);
  const run = new Run(db, chunks, options, id);
  try {
    const accs = run.accsOf(id, checkpoint.manifest);
    const tables = Object.fromEntries(Object.entries(accs).map(([t, acc]) => [t, { rows: checkpoint.manifest.tables[t]?.rows ?? 0, digest: accDigest(acc) }]));
    if (stateRoot(checkpoint.manifest.schemaVersion, tables) !== checkpoint.rootHash || checkpoint.manifest.root !== checkpoint.rootHash) {
      throw new Fault('-', '-', 'the root hash does not match the tables');
    }
  } catch (err) {
    // Cancelled, or a storage tier that cannot be reached (the cold folder unmounted): no verdict
    // on the checkpoint — it is not damaged, it cannot be read now.
    if (err instanceof LifeboatError && (err.code === 'cancelled' || err.code === 'unavailable')) throw err;
    const fault = err instanceof Fault ? err : new Fault('-', '-', reasonOf(err));
    const report: VerifyReport = { checkpointId: id, ok: false, chunksChecked: run.checked, problem: { table: fault.table, chunk: fault.chunk, reason: fault.message } };
    if (options.record) recordVerdict(db, report);
    return report;
  }
  const report: VerifyReport = { checkpointId: id, ok: true, chunksChecked: run.checked, problem: null };
  if (options.record) recordVerdict(db, report);
  options.onProgress?.(run.total, run.total, `${id}: ok`);
  return report;
}

/**
 * A verdict in the catalog: the checkpoint's status, what is wrong and when it was checked. Apart
 * from the verify, so a verify that read on another connection is recorded on the writer's.
 */
export function recordVerdict(db: Database, report: VerifyReport, at = new Date().toISOString()): void {
  const p = report.problem;
  if (report.ok || !p) setStatus(db, report.checkpointId, 'ok', null, at);
  else setStatus(db, report.checkpointId, 'corrupt', `${p.table}, chunk ${p.chunk.slice(0, 12)}: ${p.reason}`, at);
}

class Run {
  checked = 0;
  total = 0;
  private done = 0;
  private readonly verified: Map<string, Acc>;
  private readonly tableAccs: Map<string, Record<string, Acc>>;

  constructor(
    private readonly db: Database,
    private readonly chunks: ChunkCache,
    private readonly options: VerifyOptions,
    private readonly id: string,
  ) {
    this.verified = options.verified ?? new Map();
    this.tableAccs = options.tableAccs ?? new Map();
  }

  /** The table hashes of a checkpoint, recomputed from what is stored; checks them on the way. */
  accsOf(id: string, manifest: Manifest): Record<string, Acc> {
    const cached = this.tableAccs.get(id);
    if (cached) return copy(cached);
    let chain: { id: string; manifest: Manifest }[];
    let root: { id: string; manifest: Manifest };
    try {
      ({ chain, root } = layerChain(this.db, id, manifest));
    } catch (err) {
      throw new Fault('-', '-', reasonOf(err));
    }
    this.total = CHECKPOINT_TABLES.reduce((n, t) => n + (root.manifest.tables[t.name]?.rows ?? 0), 0) + chain.length;
    let accs = this.tableAccs.get(root.id) ?? this.fromChunks(root.id, root.manifest);
    this.tableAccs.set(root.id, accs);
    for (const step of [...chain].reverse()) {
      const hit = this.tableAccs.get(step.id);
      accs = hit ?? this.applyLayer(step.id, step.manifest, copy(accs));
      this.tableAccs.set(step.id, accs);
      this.progress(1, step.id);
    }
    return copy(accs);
  }

  private fromChunks(id: string, manifest: Manifest): Record<string, Acc> {
    const accs: Record<string, Acc> = {};
    for (const table of CHECKPOINT_TABLES) {
      const tm = manifest.tables[table.name];
      if (!tm?.pages) throw new Fault(table.name, '-', 'the manifest has no chunk list for this table');
      const entries: ChunkEntry[] = [];
      for (const page of tm.pages) entries.push(...parsePage(this.read(table.name, page, 'index page')));
      const acc = emptyAcc();
      for (const e of entries) {
        if (this.options.signal?.aborted) throw new LifeboatError('cancelled', `verify of ${this.id} was cancelled`);
        addAcc(acc, this.chunkAcc(table, e));
        this.progress(e.rows, id);
      }
      const rows = entries.reduce((n, e) => n + e.rows, 0);
      if (tableRoot(entries) !== tm.root || rows !== tm.rows) throw new Fault(table.name, '-', 'the table root does not match its chunks');
      if (accDigest(acc) !== tm.digest) throw new Fault(table.name, '-', 'the table’s rows do not hash to its recorded state hash');
      accs[table.name] = acc;
    }
    // Its layer is kept for diffs: its chunks must be sound too.
    for (const [table, list] of Object.entries(manifest.layer?.tables ?? {})) for (const hash of list) this.read(table, hash, 'layer chunk');
    return accs;
  }

  /** A chunk's rows, recounted and summed; its first and last keys checked against the index. */
  private chunkAcc(table: (typeof CHECKPOINT_TABLES)[number], e: ChunkEntry): Acc {
    const seen = this.verified.get(e.hash);
    if (seen) return seen;
    const pre = this.options.checked?.get(e.hash);
    if (pre?.kind === 'rows' && pre.table === table.name) {
      this.checked++;
      if (pre.rows !== e.rows) throw new Fault(table.name, e.hash, `holds ${pre.rows} rows, the index says ${e.rows}`);
      if (pre.first !== e.first || pre.last !== e.last) throw new Fault(table.name, e.hash, 'its first or last key differs from the index');
      const acc = pre.acc.slice();
      this.verified.set(e.hash, acc);
      return acc;
    }
    const records = parseChunk(this.read(table.name, e.hash, 'chunk'));
    if (records.length !== e.rows) throw new Fault(table.name, e.hash, `holds ${records.length} rows, the index says ${e.rows}`);
    if (recordKey(table, records[0].text) !== e.first || recordKey(table, records[records.length - 1].text) !== e.last) {
      throw new Fault(table.name, e.hash, 'its first or last key differs from the index');
    }
    const acc = recordsAcc(table.name, records.map((r) => r.text));
    this.verified.set(e.hash, acc);
    return acc;
  }

  private applyLayer(id: string, manifest: Manifest, accs: Record<string, Acc>): Record<string, Acc> {
    const layer = manifest.layer;
    if (!layer || isMaterialized(manifest)) throw new Fault('-', '-', `checkpoint ${id} is not a layer`);
    for (const table of CHECKPOINT_TABLES) {
      const acc = accs[table.name];
      let previous: string | null = null;
      for (const hash of layer.tables[table.name] ?? []) {
        const pre = this.options.checked?.get(hash);
        if (pre?.kind === 'layer' && pre.table === table.name) {
          this.checked++;
          if (!pre.ordered || (previous !== null && pre.first !== null && compareKeys(previous, pre.first) >= 0)) throw new Fault(table.name, hash, 'its rows are out of key order');
          previous = pre.last ?? previous;
          addAcc(acc, pre.acc);
          continue;
        }
        for (const stored of parseLayer(this.read(table.name, hash, 'layer chunk'))) {
          const r = resolve(stored);
          if (previous !== null && compareKeys(previous, r.key) >= 0) throw new Fault(table.name, hash, 'its rows are out of key order');
          previous = r.key;
          if (r.before !== null) addRecord(acc, table.name, r.before, -1);
          if (r.after !== null) addRecord(acc, table.name, r.after);
        }
      }
      if (accDigest(acc) !== manifest.tables[table.name]?.digest) {
        throw new Fault(table.name, layer.tables[table.name]?.[0] ?? '-', `the layer of ${id} does not lead from its parent’s state hash to its own`);
      }
    }
    return accs;
  }

  private read(table: string, hash: string, what: string): Buffer {
    try {
      const data = this.chunks.readStored(hash, `${table} ${what}`);
      this.checked++;
      return data;
    } catch (err) {
      if (err instanceof LifeboatError && err.code === 'unavailable') throw err;
      throw new Fault(table, hash, reasonOf(err));
    }
  }

  private progress(rows: number, at: string): void {
    this.done += rows;
    if (this.done % 5000 < rows || rows === 1) this.options.onProgress?.(Math.min(this.done, this.total), this.total, `${this.id}: ${at}`);
  }
}

const copy = (accs: Record<string, Acc>): Record<string, Acc> => Object.fromEntries(Object.entries(accs).map(([t, a]) => [t, a.slice()]));
