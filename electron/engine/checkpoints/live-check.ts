// Live rows against the state hash the triggers kept. Writes that bypass Lifeboat (a byte edited in
// the file, a tool without the triggers' functions) leave rows the kept hash never saw; a checkpoint
// would then carry them under a root they do not match, and every rollback would be refused. This
// recomputes each table's hash from its rows and, for a table that differs, names the rows: those
// that are not what the base checkpoint plus the change log say Lifeboat wrote.
import type { Database } from 'better-sqlite3';
import type { LiveCheck, LiveDifference } from '../../../shared/api/checkpoints';
import type { Materialized } from './capture';
import { parseChunk } from './chunker';
import type { ChunkCache } from './chunk-cache';
import { changeLogComplete } from './layers';
import { recordKey, TableReader } from './records';
import { accDigest, computeLiveAccs, liveTableHashes } from './state-hash';
import { tableSpec } from './tables';

const MAX_LISTED = 100;

/** A differing row with both texts: what Lifeboat wrote (null: no such row) and what is there now. */
export interface FoundDifference extends LiveDifference {
  expected: string | null;
  found: string | null;
}

export function checkLive(db: Database, chunks: ChunkCache, base: (() => Materialized) | null, now = new Date()): LiveCheck {
  const kept = liveTableHashes(db);
  const live = computeLiveAccs(db);
  let rows = 0;
  const tables: LiveCheck['tables'] = [];
  for (const [table, a] of Object.entries(live)) {
    rows += a.rows;
    const k = kept[table];
    if (!k || k.rows !== a.rows || k.digest !== accDigest(a.acc)) tables.push({ table, rows: a.rows, keptRows: k?.rows ?? 0 });
  }
  const result: LiveCheck = { ok: tables.length === 0, checkedAt: now.toISOString(), rows, tables, differences: [], truncated: false, note: null };
  if (result.ok) return result;
  if (!base) return { ...result, note: 'no checkpoint to compare with: the tables are named, their rows cannot be' };
  if (!changeLogComplete(db)) return { ...result, note: 'the change log holds keys only (from before layers): the tables are named, their rows cannot be' };
  const materialized = base();
  for (const t of tables) {
    for (const d of differingRows(db, chunks, materialized, t.table)) {
      if (result.differences.length === MAX_LISTED) {
        result.truncated = true;
        return result;
      }
      result.differences.push({ table: d.table, key: d.key, kind: d.kind });
    }
  }
  return result;
}

/** Rows of one table that are not as the base checkpoint and the change log say they were written. */
export function* differingRows(db: Database, chunks: ChunkCache, base: Materialized, table: string): Generator<FoundDifference> {
  const spec = tableSpec(table);
  const expected = new Map<string, string>();
  for (const e of base.entries[table] ?? []) {
    for (const r of parseChunk(base.extra.get(e.hash) ?? chunks.get(e.hash, `${table} chunk ${e.hash.slice(0, 12)}`))) expected.set(recordKey(spec, r.text), r.text);
  }
  for (const c of db.prepare('SELECT row_key, after_text FROM change_log WHERE table_name = ?').iterate(table) as IterableIterator<{ row_key: string; after_text: string | null }>) {
    if (c.after_text === null) expected.delete(c.row_key);
    else expected.set(c.row_key, c.after_text);
  }
  for (const r of new TableReader(db, spec).all()) {
    const want = expected.get(r.key);
    if (want === undefined) yield { table, key: r.key, kind: 'added', expected: null, found: r.text };
    else if (want !== r.text) yield { table, key: r.key, kind: 'changed', expected: want, found: r.text };
    expected.delete(r.key);
  }
  for (const [key, text] of expected) yield { table, key, kind: 'removed', expected: text, found: null };
}

/** One line per difference, for messages. */
export function describeLiveCheck(check: LiveCheck): string {
  const named = check.differences.slice(0, 5).map((d) => `${d.table} row ${JSON.stringify(d.key.replace(/\u001f/g, '/'))} (${d.kind})`);
  const where = named.length ? named.join(', ') + (check.differences.length > 5 || check.truncated ? ', …' : '') : check.tables.map((t) => t.table).join(', ');
  return `live rows differ from the state hash Lifeboat kept (written outside Lifeboat): ${where}`;
}
