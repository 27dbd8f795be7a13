// Layers: the rows that changed between a checkpoint and its parent, each with its text before
// and after (null where the row did not exist). The triggers keep both in the change log, so taking
// a layer reads only the change log, and a diff along a chain of checkpoints reads only layers.
//
// A layer chunk has one line per row: the key (JSON), a tab, the row before, a tab, the row after.
// A row is its canonical text, or "-" where it did not exist; a row before that was changed rather
// than inserted or deleted is written as "=" and the fields it had that differ from the row after
// (a JSON object): most changes touch two or three fields, so a layer holds little more than the
// rows after. Record texts hold no tab or newline.
import type { Database } from 'better-sqlite3';
import type { ChunkCache } from './chunk-cache';
import { packInThisThread, type Packer } from './layer-packer';
import type { LayerRef } from './manifest';
import { encodeRow, type Row } from './records';
import { CHECKPOINT_TABLES } from './tables';
export { beforePatch } from './row-patch';

export interface LayerRecord {
  key: string;
  before: string | null;
  after: string | null;
}

/** Records per layer chunk: a layer is written once and read whole, so the split only bounds size. */
const RECORDS_PER_CHUNK = 512;
const ABSENT = '-';
const PATCH = '=';

/** A layer chunk's records as stored (see `resolve`). */
export function parseLayer(data: Buffer): LayerRecord[] {
  const text = data.toString('utf8');
  if (text === '') return [];
  return text.split('\n').map((line) => {
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    const before = line.slice(a + 1, b);
    const after = line.slice(b + 1);
    return { key: JSON.parse(line.slice(0, a)) as string, before: before === ABSENT ? null : before, after: after === ABSENT ? null : after };
  });
}

/**
 * A record as read from a layer chunk may hold its row before as a patch on its row after; this
 * gives the row before in full. Readers resolve only the records they use.
 */
export function resolve(r: LayerRecord): LayerRecord {
  if (r.before === null || !r.before.startsWith(PATCH)) return r;
  return { key: r.key, before: unpatch(r.after!, r.before.slice(1)), after: r.after };
}

/** The row before, from the row after and the fields that differed. */
function unpatch(after: string, patch: string): string {
  const row = { ...(JSON.parse(after) as Record<string, unknown>), ...(JSON.parse(patch) as Record<string, unknown>) };
  return encodeRow(Object.keys(row).sort(), row as Row);
}


export function readLayerTable(chunks: ChunkCache, layer: LayerRef, table: string): LayerRecord[] {
  return (layer.tables[table] ?? []).flatMap((hash) => parseLayer(chunks.get(hash, `${table} layer chunk ${hash.slice(0, 12)}`)));
}

export interface ChangeLog<R> {
  tables: Map<string, R[]>;
  /** False when some logged row's earlier text is unknown (logged before layers existed). */
  complete: boolean;
}

const SHOWS_A_CHANGE = 'before_text IS NOT after_text'; // not changed and changed back, nor inserted and deleted again

/** The change log as a layer: rows whose text differs from the last checkpoint's, in key order. */
export function changeLogLayer(db: Database): ChangeLog<LayerRecord> {
  const tables = new Map<string, LayerRecord[]>();
  const rows = db
    .prepare(`SELECT table_name, row_key, before_text, after_text FROM change_log WHERE ${SHOWS_A_CHANGE} ORDER BY table_name, row_key`)
    .raw()
    .iterate() as IterableIterator<[string, string, string | null, string | null]>;
  for (const [table, key, before, after] of rows) {
    let list = tables.get(table);
    if (!list) tables.set(table, (list = []));
    list.push({ key, before, after });
  }
  return { tables, complete: changeLogComplete(db) };
}

export const changeLogComplete = (db: Database): boolean => db.prepare('SELECT 1 FROM change_log WHERE before_known = 0 LIMIT 1').get() === undefined;

export interface LayerChunks {
  /** Per table, its chunks (named by their hashes), in key order. */
  tables: Map<string, { hash: string; data: Buffer }[]>;
  rows: number;
}

/**
 * The change log's layer chunks, per table, in the format above. SQLite writes each line and joins
 * each chunk's lines, so a chunk reaches JavaScript as one buffer, ready for the packer to name and
 * compress.
 * A chunk holds the next RECORDS_PER_CHUNK keys, its lines in key order: SQLite feeds an aggregate
 * the rows of a FROM subquery in the order the subquery yields them, and a subquery with a LIMIT
 * keeps its ORDER BY. (An ORDER BY inside group_concat would say so in SQL, at twice the cost.)
 * Verify checks the order of every layer it reads.
 */
export function changeLogChunks(db: Database, packer: Packer = packInThisThread()): LayerChunks {
  const line = `json_quote(row_key) || char(9) ||
    CASE WHEN before_text IS NULL THEN '${ABSENT}' WHEN after_text IS NULL THEN before_text ELSE '${PATCH}' || before_patch END ||
    char(9) || coalesce(after_text, '${ABSENT}')`;
  // One chunk: the next RECORDS_PER_CHUNK logged rows of a table after a key (the first: after none).
  const chunk = (after: string) =>
    db
      .prepare(
        `SELECT CAST(group_concat(line, char(10)) AS BLOB), max(row_key), count(*) FROM (
           SELECT row_key, ${line} AS line FROM change_log
           WHERE table_name = ? ${after} AND ${SHOWS_A_CHANGE} ORDER BY row_key LIMIT ${RECORDS_PER_CHUNK})`,
      )
      .raw();
  const first = chunk('');
  const next = chunk('AND row_key > ?');
  const tables = new Map<string, { hash: string; data: Buffer }[]>();
  let rows = 0;
  for (const { name } of CHECKPOINT_TABLES) {
    let last: string | null = null;
    for (;;) {
      const [data, lastKey, n] = (last === null ? first.get(name) : next.get(name, last)) as [Buffer | null, string | null, number];
      if (n === 0) break;
      let list = tables.get(name);
      if (!list) tables.set(name, (list = []));
      list.push({ hash: packer.add(data!), data: data! });
      rows += n;
      if (n < RECORDS_PER_CHUNK) break;
      last = lastKey;
    }
  }
  return { tables, rows };
}

/**
 * Composes consecutive layers (oldest first) into one: a key's before is from the first layer that
 * holds it, its after from the last. Keys that end where they began drop out.
 */
export function composeLayers(layers: Map<string, LayerRecord[]>[]): Map<string, LayerRecord[]> {
  const out = new Map<string, LayerRecord[]>();
  for (const table of CHECKPOINT_TABLES) {
    const merged = new Map<string, LayerRecord>();
    for (const layer of layers) {
      for (const r of layer.get(table.name) ?? []) {
        const seen = merged.get(r.key);
        // A patch is relative to its own record's row after, so resolve it before that changes.
        merged.set(r.key, seen ? { key: r.key, before: resolve(seen).before, after: r.after } : r);
      }
    }
    const list = [...merged.values()].map(resolve).filter((r) => r.before !== r.after);
    if (list.length) out.set(table.name, list);
  }
  return out;
}

/** The composed layer read backwards (records resolved, as `composeLayers` gives them). */
export const invertLayer = (layer: Map<string, LayerRecord[]>): Map<string, LayerRecord[]> =>
  new Map([...layer].map(([t, list]) => [t, list.map(resolve).map((r) => ({ key: r.key, before: r.after, after: r.before }))]));

export function loadLayer(chunks: ChunkCache, ref: LayerRef): Map<string, LayerRecord[]> {
  const out = new Map<string, LayerRecord[]>();
  for (const table of Object.keys(ref.tables)) out.set(table, readLayerTable(chunks, ref, table));
  return out;
}
