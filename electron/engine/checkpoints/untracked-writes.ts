// Recording at once what the change-tracking triggers (change-tracking.ts) record row by row, for
// rows written with them off (`withoutTracking`): each row's change-log entry, and its move of the
// table's state hash (minus the row before, plus the row after). The texts must be the rows as
// read from the table (TableReader), before and after the write, so the hash says what is stored,
// exactly as the triggers' would. Rollback and the demo desk's bulk load write this way: the
// triggers' per-row SQL (a 2 KB state-hash row rewritten for every row) is most of their cost.
// `bulkLoad` does the same for a load into empty tables (the demo desk's positions and orders).
import type { Database } from 'better-sqlite3';
import { logAllInsertedSql, withoutTracking } from './change-tracking';
import { TableReader } from './records';
import { beforePatch } from './row-patch';
import { accBytes, accFrom, addRecord } from './state-hash';
import type { TableSpec } from './tables';

export interface RowWrite {
  key: string;
  /** The row's canonical text before the write, or null if there was none. */
  before: string | null;
  /** Its text after, or null if the write removed it. */
  after: string | null;
}

/** Whether the change log is empty: then no key has an entry, and every write's entry is a new one. */
export const changeLogEmpty = (db: Database): boolean => db.prepare('SELECT 1 FROM change_log LIMIT 1').get() === undefined;

/**
 * Logs the writes to one table and moves its state hash, as its triggers would have. No key may
 * have a change-log entry yet (check `changeLogEmpty`, or that the table had none): the insert
 * refuses a second entry for a key rather than lose the text it kept from before.
 */
export function recordWrites(db: Database, table: TableSpec, writes: Iterable<RowWrite>): number {
  const state = db.prepare('SELECT row_count, acc FROM state_hash WHERE table_name = ?').get(table.name) as { row_count: number; acc: Buffer } | undefined;
  if (!state) throw new Error(`the state hash has no row for ${table.name}`);
  // As the triggers: texts are logged only once there is a checkpoint to layer on.
  const hasBase = db.prepare('SELECT 1 FROM live_base').get() !== undefined;
  const log = db.prepare('INSERT INTO change_log (table_name, row_key, before_known, before_text, after_text, before_patch) VALUES (?, ?, 1, ?, ?, ?)');
  const acc = accFrom(state.acc);
  let rows = state.row_count;
  let logged = 0;
  for (const w of writes) {
    if (w.before === null && w.after === null) continue; // nothing was there, nothing is: no trigger would fire
    if (w.before !== null) {
      addRecord(acc, table.name, w.before, -1);
      rows--;
    }
    if (w.after !== null) {
      addRecord(acc, table.name, w.after);
      rows++;
    }
    const patch = hasBase && w.before !== null && w.after !== null ? beforePatch(w.before, pairsOf(w.after)) : null;
    log.run(table.name, w.key, hasBase ? w.before : null, hasBase ? w.after : null, patch);
    logged++;
  }
  db.prepare('UPDATE state_hash SET row_count = ?, acc = ? WHERE table_name = ?').run(rows, accBytes(acc), table.name);
  return logged;
}

/** A canonical record's (name, value) pairs, in its (sorted) column order, as a trigger passes NEW's. */
function pairsOf(text: string): unknown[] {
  const out: unknown[] = [];
  for (const [name, value] of Object.entries(JSON.parse(text) as Record<string, unknown>)) out.push(name, value);
  return out;
}

/**
 * Runs `load`, which fills `tables`, with their tracking triggers off, then logs each row it left
 * as inserted and adds the rows' vectors to the tables' state hashes, in one pass per table. Only
 * for tables that are empty with no logged keys (all rows there afterwards are then the load's);
 * otherwise `load` runs with the triggers on, as any write.
 */
export function bulkLoad<T>(db: Database, tables: readonly TableSpec[], load: () => T): T {
  const fresh = (t: TableSpec) =>
    db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${t.name}) AND NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = ?)`).pluck().get(t.name) === 1;
  if (!tables.every(fresh)) return load();
  const out = withoutTracking(db, tables, load);
  for (const table of tables) {
    db.prepare(logAllInsertedSql(db, table)).run();
    foldInRows(db, table);
  }
  return out;
}

/** Adds every row of the table to its state hash (its rows were all written untracked). */
function foldInRows(db: Database, table: TableSpec): void {
  const state = db.prepare('SELECT row_count, acc FROM state_hash WHERE table_name = ?').get(table.name) as { row_count: number; acc: Buffer } | undefined;
  if (!state) throw new Error(`the state hash has no row for ${table.name}`);
  const acc = accFrom(state.acc);
  let rows = state.row_count;
  for (const r of new TableReader(db, table).all()) {
    addRecord(acc, table.name, r.text);
    rows++;
  }
  db.prepare('UPDATE state_hash SET row_count = ?, acc = ? WHERE table_name = ?').run(rows, accBytes(acc), table.name);
}
