// Verify: reread every index page and chunk of a checkpoint from disk, rehash it, recount its
// rows, recompute every table root and the root hash. A fault is named by table and chunk.
import type { Database } from 'better-sqlite3';
import type { VerifyReport } from '../../../shared/api/checkpoints';
import { LifeboatError } from '../../../shared/result';
import { getCheckpoint, setStatus } from './catalog';
import { parsePage, tableRoot, type ChunkEntry } from './chunker';
import type { ChunkStore } from './chunk-store';
import { rootHash } from './manifest';
import { recordKey } from './records';
import { CHECKPOINT_TABLES } from './tables';

export interface VerifyOptions {
  /** Chunks already verified in this run (verify --all checks a shared chunk once). */
  verified?: Set<string>;
  onProgress?: (done: number, total: number, message: string) => void;
  signal?: AbortSignal;
  /** Record the outcome in the catalog (needs a writable database). */
  record?: boolean;
}

export function verifyCheckpoint(db: Database, chunks: ChunkStore, id: string, options: VerifyOptions = {}): VerifyReport {
  const checkpoint = getCheckpoint(db, id);
  const verified = options.verified ?? new Set<string>();
  let checked = 0;
  const fail = (table: string, chunk: string, reason: string): VerifyReport => {
    const report = { checkpointId: id, ok: false, chunksChecked: checked, problem: { table, chunk, reason } };
    if (options.record) setStatus(db, id, 'corrupt', `${table}, chunk ${chunk.slice(0, 12)}: ${reason}`, new Date().toISOString());
    return report;
  };
  const roots: Record<string, { rows: number; root: string }> = {};
  const total = CHECKPOINT_TABLES.reduce((n, t) => n + (checkpoint.manifest.tables[t.name]?.rows ?? 0), 0);
  let rowsDone = 0;
  for (const table of CHECKPOINT_TABLES) {
    const tm = checkpoint.manifest.tables[table.name];
    if (!tm) return fail(table.name, '-', 'the manifest has no entry for this table');
    const entries: ChunkEntry[] = [];
    for (const page of tm.pages) {
      try {
        entries.push(...parsePage(chunks.readStored(page, `${table.name} index page`)));
        checked++;
      } catch (err) {
        return fail(table.name, page, reasonOf(err));
      }
    }
    for (const e of entries) {
      if (options.signal?.aborted) throw new LifeboatError('cancelled', `verify of ${id} was cancelled`);
      rowsDone += e.rows;
      if (verified.has(e.hash)) continue;
      try {
        // Count the records and read the first and last keys without splitting the chunk.
        const data = chunks.readStored(e.hash, `${table.name} chunk`);
        let rows = data.length ? 1 : 0;
        for (let at = data.indexOf(10); at >= 0; at = data.indexOf(10, at + 1)) rows++;
        if (rows !== e.rows) return fail(table.name, e.hash, `holds ${rows} rows, the index says ${e.rows}`);
        const firstEnd = data.indexOf(10);
        const first = recordKey(table, data.toString('utf8', 0, firstEnd < 0 ? data.length : firstEnd));
        const last = recordKey(table, data.toString('utf8', data.lastIndexOf(10) + 1));
        if (first !== e.first || last !== e.last) return fail(table.name, e.hash, 'its first or last key differs from the index');
      } catch (err) {
        return fail(table.name, e.hash, reasonOf(err));
      }
      verified.add(e.hash);
      checked++;
      if (checked % 200 === 0) options.onProgress?.(rowsDone, total, `${id}: ${table.name}`);
    }
    const root = tableRoot(entries);
    const rows = entries.reduce((n, e) => n + e.rows, 0);
    if (root !== tm.root || rows !== tm.rows) return fail(table.name, '-', 'the table root does not match its chunks');
    roots[table.name] = { rows, root };
  }
  if (rootHash(checkpoint.manifest.schemaVersion, roots) !== checkpoint.rootHash || checkpoint.manifest.root !== checkpoint.rootHash) {
    return fail('-', '-', 'the root hash does not match the tables');
  }
  if (options.record) setStatus(db, id, 'ok', null, new Date().toISOString());
  options.onProgress?.(total, total, `${id}: ok`);
  return { checkpointId: id, ok: true, chunksChecked: checked, problem: null };
}

function reasonOf(err: unknown): string {
  if (err instanceof LifeboatError) return err.reason;
  return err instanceof Error ? err.message : String(err);
}
