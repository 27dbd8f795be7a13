// Our closed orders (filled, cancelled, rejected, expired), found by what a broker order names, so a
// broker order that is closed here is matched as ours, never taken for an order we do not know.
import type { Database, Statement } from 'better-sqlite3';
import { toOrder, type OrderRow } from '../live/rows';
import { localOrder, type ClosedOrders, type LocalOrder } from './local-book';

const key = (accountId: string, id: string) => `${accountId}\u001f${id}`;

/** An index over closed orders already in memory (a checkpoint's, a Freqtrade database's, a test's). */
export function closedOrdersFrom(orders: Iterable<LocalOrder>): ClosedOrders {
  const byBrokerId = new Map<string, LocalOrder>();
  const byClientId = new Map<string, LocalOrder>();
  const byOrderId = new Map<string, LocalOrder>();
  for (const o of orders) {
    if (o.brokerOrderId) byBrokerId.set(key(o.accountId, o.brokerOrderId), o);
    if (o.clientOrderId) byClientId.set(key(o.accountId, o.clientOrderId), o);
    byOrderId.set(key(o.accountId, o.orderId), o);
  }
  return {
    find: (accountId, brokerOrderId, clientOrderId) =>
      (brokerOrderId ? byBrokerId.get(key(accountId, brokerOrderId)) : undefined) ??
      (clientOrderId ? byClientId.get(key(accountId, clientOrderId)) ?? byOrderId.get(key(accountId, clientOrderId)) : undefined) ??
      null,
  };
}

/** The live orders table, asked one broker order at a time (by its indexes); read it in the run's transaction. */
export function liveClosedOrders(db: Database): ClosedOrders {
  const statements = new Map<string, Statement>();
  const one = (column: 'broker_order_id' | 'client_order_id' | 'order_id', accountId: string, id: string): LocalOrder | null => {
    let s = statements.get(column);
    if (!s) {
      s = db.prepare(`SELECT * FROM orders WHERE account_id = ? AND ${column} = ? AND is_open = 0 ORDER BY order_id LIMIT 1`);
      statements.set(column, s);
    }
    const row = s.get(accountId, id) as OrderRow | undefined;
    return row ? localOrder(toOrder(row)) : null;
  };
  return {
    find: (accountId, brokerOrderId, clientOrderId) =>
      (brokerOrderId ? one('broker_order_id', accountId, brokerOrderId) : null) ??
      (clientOrderId ? one('client_order_id', accountId, clientOrderId) ?? one('order_id', accountId, clientOrderId) : null),
  };
}
