// Loading our books: from the live state, from a checkpoint, or from a Freqtrade database
// (freqtrade-book.ts).
import type { Account } from '../../../shared/domain';
import type { DeskContext } from '../runtime/context';
import { getCheckpoint } from '../checkpoints/catalog';
import { readTable } from '../checkpoints/read-checkpoint';
import type { Row } from '../checkpoints/records';
import { closedOrdersFrom, liveClosedOrders } from './closed-orders';
import { freqtradeBook } from './freqtrade-book';
import { localOrder, makeBook, type LocalBook, type LocalOrder } from './local-book';

export function loadLocalBook(desk: DeskContext, against: string, accountForFreqtrade?: string): LocalBook {
  if (against === 'live') return liveBook(desk);
  if (against.startsWith('freqtrade:')) return freqtradeBook(desk, against.slice('freqtrade:'.length), accountForFreqtrade);
  return checkpointBook(desk, against);
}

function liveBook(desk: DeskContext): LocalBook {
  const store = desk.store;
  return store.db.transaction(() => {
    const symbols = store.db.prepare('SELECT DISTINCT account_id AS accountId, symbol FROM orders').all() as { accountId: string; symbol: string }[];
    return makeBook(
      'live',
      store.accounts(),
      store.positions().map((p) => ({ accountId: p.accountId, strategyId: p.strategyId, symbol: p.symbol, quantity: p.quantity, avgPrice: p.avgPrice })),
      store.openOrders().map(localOrder),
      liveClosedOrders(store.db),
      store.cashBalances().map((c) => ({ accountId: c.accountId, currency: c.currency, amount: c.amount })),
      symbols,
    );
  })();
}

function checkpointBook(desk: DeskContext, id: string): LocalBook {
  getCheckpoint(desk.store.db, id);
  const content = desk.checkpoints.materialized(id);
  const table = (name: string) => readTable(desk.checkpoints.chunks, content, name);
  const s = (r: Row, c: string) => (r[c] === null ? null : String(r[c]));
  const orders = table('orders');
  const order = (r: Row): LocalOrder => ({
    accountId: String(r.account_id),
    strategyId: String(r.strategy_id),
    orderId: String(r.order_id),
    clientOrderId: s(r, 'client_order_id'),
    brokerOrderId: s(r, 'broker_order_id'),
    symbol: String(r.symbol),
    side: r.side as 'buy' | 'sell',
    quantity: String(r.quantity),
    filledQuantity: String(r.filled_quantity),
    limitPrice: s(r, 'limit_price'),
    status: String(r.status),
  });
  return makeBook(
    id,
    table('accounts').map((r) => ({ accountId: String(r.account_id), accountType: r.account_type as Account['accountType'], baseCurrency: String(r.base_currency) }) as Account),
    table('positions').map((r) => ({ accountId: String(r.account_id), strategyId: String(r.strategy_id), symbol: String(r.symbol), quantity: String(r.quantity), avgPrice: s(r, 'avg_price') })),
    orders.filter((r) => r.is_open === 1).map(order),
    closedOrdersFrom(orders.filter((r) => r.is_open !== 1).map(order)),
    table('cash_balances').map((r) => ({ accountId: String(r.account_id), currency: String(r.currency), amount: String(r.amount) })),
    orders.map((r) => ({ accountId: String(r.account_id), symbol: String(r.symbol) })),
  );
}
