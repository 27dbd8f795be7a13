// The broker's view of our own books, with nothing different: the base the demo plants into.
import type { BrokerAccountSnapshot, BrokerOrderStatus } from '../../../../shared/api/reconcile';
import { Dec, toStored, ZERO } from '../../../../shared/decimal';
import type { LocalBook } from '../local-book';

const STATUS: Record<string, BrokerOrderStatus> = {
  new: 'open',
  accepted: 'open',
  partially_filled: 'partially_filled',
  pending_cancel: 'pending_cancel',
};

export function exactSnapshot(book: LocalBook): BrokerAccountSnapshot[] {
  return [...book.accounts.keys()].sort().map((accountId) => {
    const bySymbol = new Map<string, { qty: Dec; cost: Dec; priced: boolean }>();
    for (const p of book.positions.filter((x) => x.accountId === accountId)) {
      const s = bySymbol.get(p.symbol) ?? { qty: ZERO, cost: ZERO, priced: true };
      s.qty = s.qty.plus(p.quantity);
      if (p.avgPrice === null) s.priced = false;
      else s.cost = s.cost.plus(new Dec(p.quantity).times(p.avgPrice));
      bySymbol.set(p.symbol, s);
    }
    return {
      accountId,
      positions: [...bySymbol.entries()]
        .filter(([, s]) => !s.qty.isZero())
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([symbol, s]) => ({ symbol, quantity: toStored(s.qty), avgPrice: s.priced ? toStored(s.cost.div(s.qty)) : null, at: '' })),
      orders: book.orders
        .filter((o) => o.accountId === accountId)
        .sort((a, b) => a.orderId.localeCompare(b.orderId))
        .map((o) => ({
          brokerOrderId: o.brokerOrderId,
          clientOrderId: o.clientOrderId ?? o.orderId,
          symbol: o.symbol,
          side: o.side,
          quantity: o.quantity,
          filledQuantity: o.filledQuantity,
          limitPrice: o.limitPrice,
          status: STATUS[o.status] ?? 'open',
          at: '',
        })),
      cash: book.cash.filter((c) => c.accountId === accountId).map((c) => ({ currency: c.currency, amount: c.amount, at: '' })),
    };
  });
}
