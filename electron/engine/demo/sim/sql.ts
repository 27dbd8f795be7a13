// The simulator's own queries, prepared once per database. Each is an indexed lookup or bounded by
// the open orders, so a tick costs the same on a desk of 200,000 orders as on one of 2,000.
import type { Database, Statement } from 'better-sqlite3';

/** The simulator's own queries; exported so a test can check their query plans. */
export const SIM_SQL = {
  /** Covered by the orders_open index: no table rows are read. */
  openRowids: 'SELECT rowid AS id FROM orders WHERE is_open = 1 ORDER BY rowid',
  recentlyUpdatedOpen: 'SELECT rowid AS id FROM orders WHERE is_open = 1 ORDER BY updated_at DESC, rowid DESC LIMIT ?',
  orderByRowid: 'SELECT * FROM orders WHERE rowid = ?',
  runningStrategies: `SELECT * FROM strategies WHERE status = 'running' ORDER BY strategy_id`,
  countPositions: 'SELECT COUNT(*) AS n FROM positions WHERE strategy_id = ?',
  positionAt: 'SELECT * FROM positions WHERE strategy_id = ? ORDER BY symbol LIMIT 1 OFFSET ?',
  positionsOfSymbol: 'SELECT * FROM positions WHERE account_id = ? AND symbol = ? ORDER BY strategy_id',
  brokerIdTaken: 'SELECT 1 AS x FROM orders WHERE account_id = ? AND broker_order_id = ?',
} as const;

export type SimStatements = { readonly [K in keyof typeof SIM_SQL]: Statement };

const statements = new WeakMap<Database, SimStatements>();

export function prepared(db: Database): SimStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      openRowids: db.prepare(SIM_SQL.openRowids),
      recentlyUpdatedOpen: db.prepare(SIM_SQL.recentlyUpdatedOpen),
      orderByRowid: db.prepare(SIM_SQL.orderByRowid),
      runningStrategies: db.prepare(SIM_SQL.runningStrategies),
      countPositions: db.prepare(SIM_SQL.countPositions),
      positionAt: db.prepare(SIM_SQL.positionAt),
      positionsOfSymbol: db.prepare(SIM_SQL.positionsOfSymbol),
      brokerIdTaken: db.prepare(SIM_SQL.brokerIdTaken),
    };
    statements.set(db, s);
  }
  return s;
}
