// Rows as canonical records: flat JSON objects with keys in sorted order, one line each.
import type { Database, Statement } from 'better-sqlite3';
import { KEY_SEPARATOR, keyValues, type TableSpec } from './tables';
import type { ChunkRecord } from './chunker';

export type Row = Record<string, string | number | null>;

/** Encodes a flat row canonically: same row, same text (the columns are sorted once per table). */
export function encodeRow(sortedColumns: string[], row: Row): string {
  let out = '{';
  for (let i = 0; i < sortedColumns.length; i++) {
    const c = sortedColumns[i];
    if (i) out += ',';
    out += JSON.stringify(c) + ':' + JSON.stringify(row[c] ?? null);
  }
  return out + '}';
}

export function keyOf(table: TableSpec, row: Row): string {
  return table.keyColumns
    .map((c) => (table.name === 'artifacts' && c === 'version' ? String(row[c]).padStart(10, '0') : String(row[c])))
    .join(KEY_SEPARATOR);
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
