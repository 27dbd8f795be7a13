// What a fill does to the books: the position moves by the signed quantity (with its average
// price), and the cash in the instrument's currency moves by the notional — the strategy's own
// cash too when that currency is its account's base.
import type { Account, Order, Position, Strategy } from '../../../../shared/domain';
import { Dec, toStored } from '../../../../shared/decimal';
import type { TickContext } from './tick-context';

export interface Booking {
  order: Order;
  account: Account;
  /** The quantity filled now (positive) and its price. */
  q: Dec;
  px: Dec;
  currency: string;
  /** The strategy's position, strategy and account cash as read before the fill. */
  position: Position | null;
  strategy: Strategy | null;
  cashBefore: Dec;
}

export function bookFill(t: TickContext, b: Booking): void {
  const o = b.order;
  const signed = o.side === 'buy' ? b.q : b.q.negated();
  const before = b.position ? new Dec(b.position.quantity) : new Dec(0);
  const after = before.plus(signed);
  t.store.putPosition({
    accountId: o.accountId,
    strategyId: o.strategyId,
    symbol: o.symbol,
    quantity: toStored(after),
    avgPrice: toStored(averagePrice(before, signed, after, b.px, b.position?.avgPrice ?? null)),
    lastPrice: toStored(b.px),
    currency: b.currency,
    updatedAt: t.now,
  });

  const notional = b.q.times(b.px);
  const delta = o.side === 'buy' ? notional.negated() : notional;
  t.store.setCash(o.accountId, b.currency, toStored(b.cashBefore.plus(delta)), t.now);
  if (b.strategy && b.currency === b.account.baseCurrency) {
    t.store.putStrategy({ ...b.strategy, cash: toStored(new Dec(b.strategy.cash).plus(delta)), updatedAt: t.now });
  }
}

/**
 * The position's average price after a fill of `signed` at `px`: weighted on an increase,
 * unchanged on a reduce, the fill price when the position opens or crosses zero.
 */
export function averagePrice(before: Dec, signed: Dec, after: Dec, px: Dec, avgBefore: string | null): Dec {
  if (before.isZero() || avgBefore === null) return px;
  if (before.isNegative() === signed.isNegative()) return before.abs().times(avgBefore).plus(signed.abs().times(px)).div(after.abs());
  if (after.isZero() || after.isNegative() === before.isNegative()) return new Dec(avgBefore);
  return px;
}
