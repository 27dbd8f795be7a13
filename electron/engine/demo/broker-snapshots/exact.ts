// The broker's view of our own books, with nothing different: the base the demo plants into.
import type { BrokerAccountSnapshot, BrokerOrderStatus } from '../../../../shared/api/reconcile';
import { Dec, toStored, ZERO } from '../../../../shared/decimal';
import type { LocalBook, LocalPosition } from '../../reconcile/local-book';
import { netAveragePrice } from '../../reconcile/average-price';

const STATUS: Record<string, BrokerOrderStatus> = {
  new: 'open',
  accepted: 'open',
  partially_filled: 'partially_filled',
  pending_cancel: 'pending_cancel',
};

/** Brokers report average prices rounded (8 places here); the matcher compares at their precision. */
const brokerRounded = (price: string | null) => (price === null ? null : toStored(new Dec(price).toDecimalPlaces(8, Dec.ROUND_HALF_EVEN)));

export function exactSnapshot(book: LocalBook): BrokerAccountSnapshot[] {
  return [...book.accounts.keys()].sort().map((accountId) => {
    const bySymbol = new Map<string, LocalPosition[]>();
    for (const p of book.positions.filter((x) => x.accountId === accountId)) (bySymbol.get(p.symbol) ?? bySymbol.set(p.symbol, []).get(p.symbol)!).push(p);
    return {
      accountId,
      positions: [...bySymbol.entries()]
        .map(([symbol, legs]) => ({ symbol, quantity: toStored(legs.reduce((n, p) => n.plus(p.quantity), ZERO)), avgPrice: brokerRounded(netAveragePrice(legs)), at: '' }))
        .filter((p) => p.quantity !== '0')
        .sort((a, b) => a.symbol.localeCompare(b.symbol)),
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
