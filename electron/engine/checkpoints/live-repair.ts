// Putting back what Lifeboat wrote: each live row written outside Lifeboat is restored to its text
// in the base checkpoint plus the change log, which is what the kept state hash describes. The
// writes go through the triggers, whose view of the edited rows is wrong (they never saw them), so
// the state hash and the change log are put back as they stood, and the result is checked again
// before it commits. The edited texts go into the audit entry: nothing is lost.
import type { Database, Statement } from 'better-sqlite3';
import type { LiveRepair } from '../../../shared/api/checkpoints';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { Materialized } from './capture';
import type { ChunkCache } from './chunk-cache';
import { checkLive, differingRows, type FoundDifference } from './live-check';
import { decodeRecord, type Row } from './records';
import { keyValues, tableSpec } from './tables';


export function repairLive(db: Database, chunks: ChunkCache, base: (() => Materialized) | null): LiveRepair {
  return db
    .transaction(() => {
      const before = checkLive(db, chunks, base);
      if (before.ok) throw new LifeboatError('conflict', 'the live rows match the kept state hash: there is nothing to put back');
      if (before.note || !base) throw new LifeboatError('conflict', `the rows written outside Lifeboat cannot be named, so they cannot be put back: ${before.note ?? 'no checkpoint'}`);
      const materialized = base();
      const found: FoundDifference[] = before.tables.flatMap((t) => [...differingRows(db, chunks, materialized, t.table)]);
      const hashes = db.prepare('SELECT table_name, row_count, acc FROM state_hash').all() as { table_name: string; row_count: number; acc: Buffer }[];
      const logged = db.prepare('SELECT * FROM change_log').all() as Record<string, unknown>[];
      restoreRows(db, found);
      // The triggers moved the hash by rows they never saw, and logged the repair as a change: undo both.
      const putHash = db.prepare('UPDATE state_hash SET row_count = ?, acc = ? WHERE table_name = ?');
      for (const h of hashes) putHash.run(h.row_count, h.acc, h.table_name);
      db.prepare('DELETE FROM change_log').run();
      if (logged.length) {
        const columns = Object.keys(logged[0]);
        const put = db.prepare(`INSERT INTO change_log (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const r of logged) put.run(...columns.map((c) => r[c]));
      }
      const after = checkLive(db, chunks, base);
      if (!after.ok) throw new LifeboatError('internal', 'putting the rows back did not restore the state hash; nothing was changed');
      const entry = appendAudit(db, 'state.repair', {
        restored: found.map((d) => ({ table: d.table, key: d.key, kind: d.kind, found: d.found })),
      });
      return { restored: found.length, auditSeq: entry.seq, check: after };
    })
    .immediate();
}

function restoreRows(db: Database, found: FoundDifference[]): void {
  db.pragma('defer_foreign_keys = ON');
  const statements = new Map<string, Statement>();
  const prepare = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;
  for (const d of found) {
    const table = tableSpec(d.table);
    prepare(`DELETE FROM ${table.name} WHERE ${table.keyColumns.map((c) => `${c} = ?`).join(' AND ')}`).run(...keyValues(table, d.key));
    if (d.expected !== null) {
      const row: Row = decodeRecord(table, d.expected).row;
      const columns = Object.keys(row);
      prepare(`INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => row[c]));
    }
  }
}
