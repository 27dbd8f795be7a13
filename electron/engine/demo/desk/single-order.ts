// One order that is not part of a bracket: its type, side and status, its limit and stop prices,
// how much of it filled and at what average price.
import type { Order, OrderSide, OrderStatus, OrderType } from '../../../../shared/domain';
import type { Rng } from '../rng';
import { fmt, mulBps } from '../fixed';
import type { Desk, StrategyRuntime } from './desk';
import { max1, offset } from './instrument-book';
import { brokerIdFor, lastUpdate, nextClientOrderId, orderId, pickSymbol } from './order-common';
import type { Group } from './order-plan';

export function singleOrder(desk: Desk, g: Group, st: StrategyRuntime, seq: number, r: Rng): Order {
  const account = st.spec.account;
  const symbol = pickSymbol(st, r);
  const ps = desk.book.info(symbol).ps;
  const ref = desk.book.priceAt(symbol, g.t, r);
  let type: OrderType =
    g.forcedType ??
    (g.open
      ? r.weighted<OrderType>([['limit', 70], ['stop', 15], ['stop_limit', 15]])
      : r.weighted<OrderType>([['market', 30], ['limit', 50], ['stop', 10], ['stop_limit', 10]]));
  const side: OrderSide = r.chance(account.accountType === 'cash' ? 0.6 : 0.5) ? 'buy' : 'sell';
  const dir = side === 'buy' ? 1 : -1;
  const status = pickStatus(g, type, r);
  // A market order never rests: an open one drawn as market is shown as a limit.
  if (type === 'market' && g.open) type = 'limit';

  const qty = desk.book.quantity(symbol, ref, account, r);
  let q = qty.q;
  let limitT: bigint | null = null;
  let stopT: bigint | null = null;
  if (type === 'limit') limitT = offset(ref, -dir, 0, 120, r);
  if (type === 'stop' || type === 'stop_limit') stopT = offset(ref, dir, 50, 400, r);
  if (type === 'stop_limit') limitT = offset(stopT!, dir, 10, 50, r);

  // How much filled: whole lots, fewer than ordered. An order of under two lots is made ten
  // times bigger first, so that a part of it can have filled.
  const partial = (): bigint => {
    const lotsHeld = q / qty.lot;
    if (lotsHeld < 2n) {
      q *= 10n;
      return qty.lot * BigInt(r.int(1, 9));
    }
    return qty.lot * BigInt(r.int(1, Number(lotsHeld - 1n > 2n ** 52n ? 2n ** 52n : lotsHeld - 1n)));
  };
  let filled = 0n;
  if (status === 'filled') filled = q;
  else if (status === 'partially_filled') filled = partial();
  else if (status === 'cancelled' && r.chance(0.2)) filled = partial();
  else if (status === 'pending_cancel' && r.chance(0.3)) filled = partial();
  else if (status === 'expired' && r.chance(0.15)) filled = partial();
  const avgFill = filled > 0n ? averageFill(type, ref, limitT, stopT, dir, ps, r) : null;

  const created = g.t;
  const createdAt = desk.iso(created);
  const updated = lastUpdate(desk, created, type, status, r);
  const brokerOrderId = brokerIdFor(desk, account.accountId, status, false, r);
  const clientOrderId = r.chance(0.01) ? null : nextClientOrderId(st);
  return {
    orderId: orderId(createdAt, seq),
    clientOrderId,
    brokerOrderId,
    accountId: account.accountId,
    strategyId: st.spec.strategyId,
    symbol,
    side,
    type,
    quantity: fmt(q, qty.qs),
    filledQuantity: fmt(filled, qty.qs),
    limitPrice: limitT === null ? null : fmt(limitT, ps),
    stopPrice: stopT === null ? null : fmt(stopT, ps),
    avgFillPrice: avgFill,
    status,
    parentOrderId: null,
    stopOrderId: null,
    takeProfitOrderId: null,
    createdAt,
    updatedAt: desk.iso(updated),
  };
}

function pickStatus(g: Group, type: OrderType, r: Rng): OrderStatus {
  if (g.forcedStatus) return g.forcedStatus;
  if (g.open) return r.weighted<OrderStatus>([['new', 12], ['accepted', 50], ['partially_filled', 25], ['pending_cancel', 13]]);
  if (type === 'market') return r.weighted<OrderStatus>([['filled', 94], ['rejected', 6]]);
  if (type === 'limit') return r.weighted<OrderStatus>([['filled', 55], ['cancelled', 33], ['expired', 8], ['rejected', 4]]);
  return r.weighted<OrderStatus>([['filled', 33], ['cancelled', 50], ['expired', 12], ['rejected', 5]]);
}

/** The average fill price: near the reference for a market order, past the stop, at or better than the limit. */
function averageFill(type: OrderType, ref: bigint, limitT: bigint | null, stopT: bigint | null, dir: number, ps: number, r: Rng): string {
  let fillT: bigint;
  if (type === 'market') fillT = max1(mulBps(ref, r.int(-15, 15)));
  else if (type === 'stop') fillT = offset(stopT!, dir, 0, 30, r);
  else fillT = r.chance(0.75) ? limitT! : offset(limitT!, -dir, 0, 10, r);
  // A fill in several pieces averages to more places than the tick.
  return type !== 'market' && r.chance(0.3) ? fmt(max1(mulBps(fillT * 1000n, r.int(-3, 3))), ps + 3) : fmt(fillT, ps);
}
