// The heavy half of verify, in shards: every distinct chunk the named checkpoints are made of is
// reread, decompressed, rehashed (the repository checks its SHA-256) and its rows' LtHash vectors
// summed — a row chunk's rows, or a layer chunk's rows after minus its rows before. Each chunk is
// done once, by whichever shard claims it first, so two threads split the work of one verify.
// (The shards list the chunks alike: both read the same committed catalog. Should a checkpoint
// commit between their reads, a chunk one of them skips is simply reread by verify.ts.)
// What it finds is only an answer to look up: verify.ts still checks every index page, count, key
// and hash against the manifests, and rereads itself any chunk a shard could not read (so a
// damaged chunk is reported by the same code, with the same words, either way).
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { getCheckpoint } from './catalog';
import { parsePage } from './chunker';
import type { ChunkCache } from './chunk-cache';
import { parseLayer, resolve } from './layers';
import { layerChain } from './materialize';
import { recordKey } from './records';
import { addRecord, addRecordBytes, LANES, type Acc } from './state-hash';
import { compareKeys, tableSpec } from './tables';

/** What a shard found in one chunk, its summed vectors apart (see CheckedChunks). */
export interface ChunkCheck {
  hash: string;
  kind: 'rows' | 'layer';
  table: string;
  rows: number;
  /** Keys of its first and last rows (null when it holds none). */
  first: string | null;
  last: string | null;
  /** A layer chunk: whether its rows are in strictly increasing key order. */
  ordered: boolean;
}

/** A shard's answers: the checks, and their vectors in the same order, LANES apiece. */
export interface CheckedChunks {
  checks: ChunkCheck[];
  accs: Uint16Array;
}

export type CheckedChunk = ChunkCheck & { acc: Acc };

export const VERIFY_SHARDS = 2;

/** The chunks of the checkpoints (row chunks of each one's materialized ancestor, and the layers since), in a fixed order. */
function chunksOf(db: Database, chunks: ChunkCache, ids: string[]): { hash: string; kind: 'rows' | 'layer'; table: string }[] {
  const out: { hash: string; kind: 'rows' | 'layer'; table: string }[] = [];
  const seen = new Set<string>();
  const roots = new Set<string>();
  const add = (hash: string, kind: 'rows' | 'layer', table: string) => {
    if (seen.has(hash)) return;
    seen.add(hash);
    out.push({ hash, kind, table });
  };
  for (const id of ids) {
    try {
      const { chain, root } = layerChain(db, id, getCheckpoint(db, id).manifest);
      // Layers share their materialized ancestor: its pages are read once.
      for (const [table, t] of roots.has(root.id) ? [] : Object.entries(root.manifest.tables)) {
        for (const page of t.pages ?? []) for (const e of parsePage(chunks.readStored(page, `${table} index page`))) add(e.hash, 'rows', table);
      }
      roots.add(root.id);
      for (const step of chain) for (const [table, list] of Object.entries(step.manifest.layer?.tables ?? {})) for (const hash of list) add(hash, 'layer', table);
    } catch (err) {
      // A missing checkpoint or a damaged page: verify.ts finds it and says so.
      if (err instanceof LifeboatError && err.code === 'cancelled') throw err;
    }
  }
  return out;
}

/**
 * Checks chunks until none is left: each shard claims the next one from the counter they share
 * (a SharedArrayBuffer across threads), so a thread the machine slows down does fewer, and each
 * chunk is done once. The ones it cannot read are left for verify.ts.
 */
export function checkChunks(db: Database, chunks: ChunkCache, ids: string[], claim: Int32Array, signal?: AbortSignal): CheckedChunks {
  const all = chunksOf(db, chunks, ids);
  const checks: ChunkCheck[] = [];
  const accs = new Uint16Array(all.length * LANES);
  for (let i = Atomics.add(claim, 0, 1); i < all.length; i = Atomics.add(claim, 0, 1)) {
    if (signal?.aborted) throw new LifeboatError('cancelled', 'verify was cancelled');
    const c = all[i];
    const acc = accs.subarray(checks.length * LANES, (checks.length + 1) * LANES);
    try {
      checks.push(c.kind === 'rows' ? rowChunk(chunks, c.hash, c.table, acc) : layerChunk(chunks, c.hash, c.table, acc));
    } catch {
      acc.fill(0); // verify.ts rereads it and names what is wrong
    }
  }
  return { checks, accs: accs.slice(0, checks.length * LANES) };
}

/** A counter for shards to claim chunks from (see checkChunks). */
export const newClaim = (): Int32Array => new Int32Array(new SharedArrayBuffer(4));

function rowChunk(chunks: ChunkCache, hash: string, table: string, acc: Acc): ChunkCheck {
  const spec = tableSpec(table);
  const data = chunks.readStored(hash, `${table} chunk`);
  if (data.length === 0) return { hash, kind: 'rows', table, rows: 0, first: null, last: null, ordered: true };
  // Records are the chunk's lines (parseChunk): hashed as the bytes they are stored as.
  let rows = 0;
  let firstEnd = -1;
  let lastStart = 0;
  for (let start = 0; ; ) {
    const nl = data.indexOf(10, start);
    const end = nl < 0 ? data.length : nl;
    addRecordBytes(acc, table, data.subarray(start, end));
    rows++;
    if (firstEnd < 0) firstEnd = end;
    lastStart = start;
    if (nl < 0) break;
    start = nl + 1;
  }
  const key = (from: number, to: number) => recordKey(spec, data.toString('utf8', from, to));
  return { hash, kind: 'rows', table, rows, first: key(0, firstEnd), last: key(lastStart, data.length), ordered: true };
}

function layerChunk(chunks: ChunkCache, hash: string, table: string, acc: Acc): ChunkCheck {
  let first: string | null = null;
  let last: string | null = null;
  let ordered = true;
  let rows = 0;
  for (const stored of parseLayer(chunks.readStored(hash, `${table} layer chunk`))) {
    const r = resolve(stored);
    if (last !== null && compareKeys(last, r.key) >= 0) ordered = false;
    first ??= r.key;
    last = r.key;
    if (r.before !== null) addRecord(acc, table, r.before, -1);
    if (r.after !== null) addRecord(acc, table, r.after);
    rows++;
  }
  return { hash, kind: 'layer', table, rows, first, last, ordered };
}

/** The shards' answers by chunk hash. */
export function checkedByHash(parts: CheckedChunks[]): Map<string, CheckedChunk> {
  const out = new Map<string, CheckedChunk>();
  for (const part of parts) part.checks.forEach((c, i) => out.set(c.hash, { ...c, acc: part.accs.subarray(i * LANES, (i + 1) * LANES) }));
  return out;
}
