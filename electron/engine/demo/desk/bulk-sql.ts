// Plain INSERTs for bulk-loading the demo desk: the same columns as schema.ts (including is_open),
// positional parameters, prepared once per generation. Values must already be canonical; the
// generator builds every decimal with toStored, and the tests check the stored text.
import type { Database, Statement } from 'better-sqlite3';
import type { Order, Position } from '../../../../shared/domain';
import { isOpenStatus } from '../../../../shared/domain';

export interface BulkStatements {
  order: Statement;
  position: Statement;
}

export function prepareBulk(db: Database): BulkStatements {
  return {
    order: db.prepare(
      `INSERT INTO orders (order_id, client_order_id, broker_order_id, account_id, strategy_id, symbol, side, type,
         quantity, filled_quantity, limit_price, stop_price, avg_fill_price, status, is_open, parent_order_id,
         stop_order_id, take_profit_order_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    position: db.prepare(
      `INSERT INTO positions (strategy_id, symbol, account_id, quantity, avg_price, last_price, currency, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

export function insertOrder(s: BulkStatements, o: Order): void {
  s.order.run(
    o.orderId,
    o.clientOrderId,
    o.brokerOrderId,
    o.accountId,
    o.strategyId,
    o.symbol,
    o.side,
    o.type,
    o.quantity,
    o.filledQuantity,
    o.limitPrice,
    o.stopPrice,
    o.avgFillPrice,
    o.status,
    isOpenStatus(o.status) ? 1 : 0,
    o.parentOrderId,
    o.stopOrderId,
    o.takeProfitOrderId,
    o.createdAt,
    o.updatedAt,
  );
}

export function insertPosition(s: BulkStatements, p: Omit<Position, 'costBasis'>): void {
  s.position.run(p.strategyId, p.symbol, p.accountId, p.quantity, p.avgPrice, p.lastPrice, p.currency, p.updatedAt);
}
