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
