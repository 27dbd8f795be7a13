// Rows as canonical records: flat JSON objects with keys in sorted order, one line each.
import type { Database, Statement } from 'better-sqlite3';
import { KEY_SEPARATOR, keyValues, type TableSpec } from './tables';
import type { ChunkRecord } from './chunker';

export type Row = Record<string, string | number | null>;

const PREFIXES = new WeakMap<string[], string[]>();

/** Encodes a flat row canonically: same row, same text (the columns are sorted once per table). */
export function encodeRow(sortedColumns: string[], row: Row): string {
  let prefixes = PREFIXES.get(sortedColumns);
  if (!prefixes) PREFIXES.set(sortedColumns, (prefixes = sortedColumns.map((c, i) => (i ? ',' : '{') + JSON.stringify(c) + ':')));
  let out = '';
  for (let i = 0; i < sortedColumns.length; i++) out += prefixes[i] + JSON.stringify(row[sortedColumns[i]] ?? null);
  return sortedColumns.length ? out + '}' : '{}';
}

export function keyOf(table: TableSpec, row: Row): string {
  return table.keyColumns
    .map((c) => (table.name === 'artifacts' && c === 'version' ? String(row[c]).padStart(10, '0') : String(row[c])))
    .join(KEY_SEPARATOR);
}

const KEY_TAGS = new WeakMap<TableSpec, string[]>();

/**
 * A record's key without parsing the whole record. Records are flat canonical JSON objects, so an
 * unescaped `"col":` can only be that column's key token (a quote inside a string value is always
 * escaped, and nested documents are stored as escaped strings).
 */
export function recordKey(table: TableSpec, text: string): string {
  let tags = KEY_TAGS.get(table);
  if (!tags) KEY_TAGS.set(table, (tags = table.keyColumns.map((c) => JSON.stringify(c) + ':')));
  let key = '';
  for (let i = 0; i < tags.length; i++) {
    const at = text.indexOf(tags[i]);
    if (at < 0) return decodeRecord(table, text).key;
    let p = at + tags[i].length;
    let value: string;
    if (text.charCodeAt(p) === 34 /* " */) {
      let q = p + 1;
      let escaped = false;
      for (;;) {
        const c = text.charCodeAt(q);
        if (c === 92 /* \ */) { escaped = true; q += 2; continue; }
        if (c === 34 || Number.isNaN(c)) break;
        q++;
      }
      value = escaped ? (JSON.parse(text.slice(p, q + 1)) as string) : text.slice(p + 1, q);
    } else {
      let q = p;
      while (q < text.length && text.charCodeAt(q) !== 44 /* , */ && text.charCodeAt(q) !== 125 /* } */) q++;
      const raw = text.slice(p, q);
      value = table.name === 'artifacts' && table.keyColumns[i] === 'version' ? String(JSON.parse(raw)).padStart(10, '0') : String(JSON.parse(raw));
    }
    key = i ? key + KEY_SEPARATOR + value : value;
  }
  return key;
}

export function decodeRecord(table: TableSpec, text: string): { key: string; row: Row } {
  const row = JSON.parse(text) as Row;
  return { key: keyOf(table, row), row };
}

/** Reads live rows of one table: all of them in key order, or one by key. */
export class TableReader {
  readonly columns: string[];
  private readonly byKey: Statement;

  constructor(
    private readonly db: Database,
    readonly table: TableSpec,
  ) {
    this.columns = (db.pragma(`table_info(${table.name})`) as { name: string }[]).map((c) => c.name).sort();
    this.byKey = db.prepare(`SELECT * FROM ${table.name} WHERE ${table.keyColumns.map((c) => `${c} = ?`).join(' AND ')}`);
  }

  *all(): Generator<ChunkRecord> {
    const stmt = this.db.prepare(`SELECT * FROM ${this.table.name} ORDER BY ${this.table.keySql()}`);
    for (const row of stmt.iterate() as IterableIterator<Row>) {
      yield { key: keyOf(this.table, row), text: encodeRow(this.columns, row) };
    }
  }

  get(key: string): ChunkRecord | null {
    const row = this.byKey.get(...keyValues(this.table, key)) as Row | undefined;
    return row ? { key, text: encodeRow(this.columns, row) } : null;
  }
}
