// Fills: the broker fills a working order, fully or in part, at a price that fits its type; a cash
// account is never overdrawn and never sells what it does not hold.
import type { Order } from '../../../../shared/domain';
import { Dec, toStored } from '../../../../shared/decimal';
import * as inst from '../instruments';
import { floorLots, places, timesBps } from '../fixed';
import { brokerOrderId } from './ids';
import { bookFill } from './ledger';
import { afterFilled, cancel } from './lifecycle';
import type { TickContext } from './tick-context';

export function fill(t: TickContext, o: Order, full: boolean): void {
  const r = t.rng;
  const account = t.account(o.accountId);
  if (!account) return;
  const remaining = new Dec(o.quantity).minus(o.filledQuantity);
  if (remaining.lte(0)) return;
  const qScale = Math.max(places(o.quantity), inst.quantityScale(o.symbol));
  const lot = new Dec(inst.lotMultiple(o.symbol));
  const floorLot = (x: Dec) => floorLots(x, lot, qScale);

  const price = fillPrice(t, o);
  if (price === null) return;
  const px = new Dec(price);

  let q = remaining;
  if (!full) {
    const part = floorLot(remaining.times(r.int(20, 80)).div(100));
    if (part.gt(0) && part.lt(remaining)) q = part;
  }
  const position = t.store.position(o.strategyId, o.symbol);
  const currency = position?.currency ?? inst.instrumentCurrency(o.symbol);
  const strategy = t.store.strategy(o.strategyId);
  const cashBefore = new Dec(t.store.cash(o.accountId, currency));
  if (account.accountType === 'cash') {
    if (o.side === 'buy') {
      // Up to the account's cash, and in the base currency the strategy's own cash too.
      let budget = cashBefore;
      if (strategy && currency === account.baseCurrency && new Dec(strategy.cash).gte(0)) budget = Dec.min(budget, strategy.cash);
      q = Dec.min(q, floorLot(budget.div(px)));
    } else {
      // A cash account cannot sell what it does not hold.
      const held = position ? new Dec(position.quantity) : new Dec(0);
      q = Dec.min(q, held.gt(0) ? held : new Dec(0));
    }
  }
  if (q.lte(0)) {
    // The broker will not overdraw a cash account or let it sell what it does not hold.
    if (account.accountType === 'cash') cancel(t, o, o.side === 'buy' ? 'insufficient buying power' : 'insufficient position');
    return;
  }

  // The order: its filled quantity, and the average price over all its fills so far.
  const filledBefore = new Dec(o.filledQuantity);
  const filledAfter = filledBefore.plus(q);
  const avgFill = o.avgFillPrice && filledBefore.gt(0) ? filledBefore.times(o.avgFillPrice).plus(q.times(px)).div(filledAfter) : px;
  const done = filledAfter.gte(o.quantity);
  const updated: Order = {
    ...o,
    filledQuantity: toStored(filledAfter),
    avgFillPrice: toStored(avgFill),
    status: done ? 'filled' : 'partially_filled',
    brokerOrderId: o.brokerOrderId ?? brokerOrderId(t, o.accountId),
    updatedAt: t.stamp(o),
  };
  t.store.putOrder(updated);
  (done ? t.summary.filled : t.summary.partiallyFilled).push(o.orderId);
  t.fills.push({ orderId: o.orderId, quantity: toStored(q), price: toStored(px), currency });

  bookFill(t, { order: o, account, q, px, currency, position, strategy, cashBefore });
  t.act(o.strategyId).fills++;
  if (done) afterFilled(t, updated);
}

/** The fill price: the limit for limit orders, a little past the stop or the market otherwise. */
function fillPrice(t: TickContext, o: Order): string | null {
  const r = t.rng;
  const scale = Math.max(inst.priceScale(o.symbol), places(o.limitPrice ?? o.stopPrice ?? '0'));
  // Slippage against the order: a buy pays more, a sell gets less (never a price of zero or below).
  const adverse = (p: string, bps: number) => {
    const v = timesBps(p, o.side === 'buy' ? bps : -bps).toDecimalPlaces(scale, Dec.ROUND_HALF_EVEN);
    return v.gt(0) ? toStored(v, scale) : p;
  };
  switch (o.type) {
    case 'limit':
    case 'stop_limit':
      return o.limitPrice;
    case 'stop':
      return o.stopPrice ? adverse(o.stopPrice, r.int(0, 25)) : null;
    case 'market': {
      const m = t.marketPrice(o.accountId, o.strategyId, o.symbol) ?? o.limitPrice ?? o.stopPrice ?? inst.referencePrice(o.symbol);
      return adverse(m, r.int(0, 10));
    }
  }
}
