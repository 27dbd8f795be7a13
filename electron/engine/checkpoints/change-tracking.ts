// The triggers on every checkpointed table. On each write they
//  - log the row's key with its text as of the last checkpoint (first change only) and its text now,
//    so a checkpoint reads its layer straight from the change log;
//  - move the table's state hash: subtract the old row's vector, add the new one's.
// Both happen inside the writing statement's transaction, so they can never disagree with the rows.
// The triggers are generated from the tables' columns: a migration that changes a checkpointed
// table's columns must run `changeTrackingSql` again.
import type { Database } from 'better-sqlite3';
import { CHECKPOINT_TABLES, type TableSpec } from './tables';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const HAS_BASE = 'EXISTS (SELECT 1 FROM live_base)';

function triggersFor(table: TableSpec, columns: string[]): string {
  const t = table.name;
  const pairs = (row: 'NEW' | 'OLD') => columns.map((c) => `${quote(c)}, ${row}.${c}`).join(', ');
  const record = (row: 'NEW' | 'OLD') => `lifeboat_record(${pairs(row)})`;
  const key = (row: 'NEW' | 'OLD') => table.keySql(`${row}.`);
  const logged = (row: 'NEW' | 'OLD') => `table_name = ${quote(t)} AND row_key = ${key(row)}`;
  // NOT EXISTS rather than OR IGNORE: an outer statement's conflict policy would override the trigger's.
  // Texts are kept only once there is a checkpoint to layer on: before the first one (a desk being
  // loaded), the first checkpoint is taken whole and the keys alone say that something changed.
  const logFirst = (row: 'NEW' | 'OLD', before: string, only = '') =>
    `INSERT INTO change_log (table_name, row_key, before_known, before_text) SELECT ${quote(t)}, ${key(row)}, 1, ${before === 'NULL' ? before : `CASE WHEN ${HAS_BASE} THEN ${before} END`} WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE ${logged(row)})${only};`;
  // With the row after, the fields of the row before that differ from it (see layers.ts).
  const setAfter = (row: 'NEW' | 'OLD', after: string, only = '') =>
    after === 'NULL'
      ? `UPDATE change_log SET after_text = NULL, before_patch = NULL WHERE ${logged(row)}${only};`
      : `UPDATE change_log SET after_text = ${after}, before_patch = CASE WHEN before_text IS NULL THEN NULL ELSE lifeboat_patch(before_text, ${pairs(row as 'NEW')}) END WHERE ${logged(row)} AND ${HAS_BASE};`;
  const hash = (expr: string, delta: string) => `UPDATE state_hash SET acc = ${expr}, row_count = row_count ${delta} WHERE table_name = ${quote(t)};`;
  const add = (acc: string, sign: 1 | -1, row: 'NEW' | 'OLD') => `lifeboat_lthash(${acc}, ${sign}, ${quote(t)}, ${pairs(row)})`;
  // An update that changes the key also deletes the old key and inserts the new one.
  const keyChanged = ` AND (${key('OLD')}) IS NOT (${key('NEW')})`;
  return `
DROP TRIGGER IF EXISTS ${t}_changed_insert;
DROP TRIGGER IF EXISTS ${t}_changed_update;
DROP TRIGGER IF EXISTS ${t}_changed_delete;
CREATE TRIGGER ${t}_changed_insert AFTER INSERT ON ${t} BEGIN
  ${logFirst('NEW', 'NULL')}
  ${setAfter('NEW', record('NEW'))}
  ${hash(add('acc', 1, 'NEW'), '+ 1')}
END;
CREATE TRIGGER ${t}_changed_update AFTER UPDATE ON ${t} BEGIN
  ${logFirst('OLD', record('OLD'))}
  ${setAfter('OLD', 'NULL', keyChanged)}
  ${logFirst('NEW', 'NULL', keyChanged)}
  ${setAfter('NEW', record('NEW'))}
  ${hash(`lifeboat_lthash_update(acc, ${quote(t)}, ${columns.length}, ${pairs('OLD')}, ${pairs('NEW')})`, '+ 0')}
END;
CREATE TRIGGER ${t}_changed_delete AFTER DELETE ON ${t} BEGIN
  ${logFirst('OLD', record('OLD'))}
  ${setAfter('OLD', 'NULL')}
  ${hash(add('acc', -1, 'OLD'), '- 1')}
END;`;
}

/** Column names of a live table, sorted as canonical records sort them. */
export function sortedColumns(db: Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).sort();
}

export function changeTrackingSql(db: Database): string {
  return CHECKPOINT_TABLES.map((t) => triggersFor(t, sortedColumns(db, t.name))).join('\n');
}

/** The tracking triggers of these tables, as installed (name and SQL). */
function installedTriggers(db: Database, tables: readonly TableSpec[]): { name: string; sql: string }[] {
  const names = tables.flatMap((t) => ['insert', 'update', 'delete'].map((op) => `${t.name}_changed_${op}`));
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`).all(...names) as { name: string; sql: string }[];
  if (rows.length !== names.length) throw new Error(`expected ${names.length} change-tracking triggers on ${tables.map((t) => t.name).join(', ')}, found ${rows.length}`);
  return rows;
}

/**
 * Runs `write` with the tracking triggers of `tables` off, inside the caller's transaction, and
 * puts them back as they were (the same SQL) before returning. For bulk writes whose change-log
 * entries and state hash the caller records itself, at once (untracked-writes.ts), rather than row
 * by row. Dropping and re-creating a trigger is part of the transaction: if it rolls back, or the
 * process dies before the commit, the triggers were never off.
 */
export function withoutTracking<T>(db: Database, tables: readonly TableSpec[], write: () => T): T {
  if (!db.inTransaction) throw new Error('withoutTracking needs the caller’s transaction');
  const triggers = installedTriggers(db, tables);
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  try {
    return write();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
}

/**
 * One statement that logs every row of a table as inserted, as its insert trigger logs each one
 * (the key; its text only once there is a checkpoint to layer on). For a bulk load into a table
 * that was empty and had no logged keys (untracked-writes.ts).
 */
export function logAllInsertedSql(db: Database, table: TableSpec): string {
  const pairs = sortedColumns(db, table.name).map((c) => `${quote(c)}, ${c}`).join(', ');
  return `INSERT INTO change_log (table_name, row_key, before_known, before_text, after_text, before_patch)
    SELECT ${quote(table.name)}, ${table.keySql()}, 1, NULL, CASE WHEN ${HAS_BASE} THEN lifeboat_record(${pairs}) END, NULL FROM ${table.name}`;
}
