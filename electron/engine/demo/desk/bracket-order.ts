// A bracket: an entry order with a stop-loss and a take-profit child, whose statuses tell one
// consistent story (take profit hit, stopped out, never filled, still working, still pending).
import type { Order, OrderSide, OrderStatus, OrderType } from '../../../../shared/domain';
import type { Rng } from '../rng';
import { fmt, mulBps } from '../fixed';
import type { Desk, StrategyRuntime } from './desk';
import { max1, offset } from './instrument-book';
import { brokerIdFor, clampTime, lastUpdate, nextClientOrderId, orderId, pickSymbol } from './order-common';
import type { Group } from './order-plan';
import { DAY, HOUR } from './profile';

type Outcome = 'tp' | 'sl' | 'cancelled' | 'expired' | 'rejected' | 'working' | 'pending';

/** Parent, stop and take-profit statuses for each outcome but 'pending' (whose parent status is drawn). */
const STATUSES: Record<Exclude<Outcome, 'pending'>, readonly [OrderStatus, OrderStatus, OrderStatus]> = {
  tp: ['filled', 'cancelled', 'filled'],
  sl: ['filled', 'filled', 'cancelled'],
  cancelled: ['cancelled', 'cancelled', 'cancelled'],
  expired: ['expired', 'cancelled', 'cancelled'],
  rejected: ['rejected', 'cancelled', 'cancelled'],
  working: ['filled', 'accepted', 'accepted'],
};

/** The parent, its stop-loss child and its take-profit child. */
export function bracketOrders(desk: Desk, g: Group, st: StrategyRuntime, seq: number, r: Rng): Order[] {
  const account = st.spec.account;
  const symbol = pickSymbol(st, r);
  const ps = desk.book.info(symbol).ps;
  const ref = desk.book.priceAt(symbol, g.t, r);
  const entrySide: OrderSide = account.accountType === 'cash' || r.chance(0.75) ? 'buy' : 'sell';
  const exitSide: OrderSide = entrySide === 'buy' ? 'sell' : 'buy';
  const dir = entrySide === 'buy' ? 1 : -1;
  const outcome: Outcome = g.open
    ? g.openKind!
    : r.weighted<Outcome>([['tp', 33], ['sl', 27], ['cancelled', 25], ['expired', 10], ['rejected', 5]]);
  // A market entry fills at once (or is rejected): it is never left working, cancelled or expired.
  const marketOk = outcome === 'tp' || outcome === 'sl' || outcome === 'working' || outcome === 'rejected';
  const parentType: OrderType = marketOk && r.chance(0.3) ? 'market' : 'limit';
  const { q, qs } = desk.book.quantity(symbol, ref, account, r);
  const qty = fmt(q, qs);
  const parentLimit = parentType === 'limit' ? offset(ref, -dir, 0, 80, r) : null;
  const entryFill = parentLimit ?? max1(mulBps(ref, r.int(-15, 15)));
  const stopPx = offset(entryFill, -dir, 150, 500, r);
  const tpPx = offset(entryFill, dir, 200, 800, r);

  const created = g.t;
  const clamp = (t: number) => clampTime(t, created, desk.asOfMs);
  const entryAt = clamp(created + (parentType === 'market' ? r.int(30, 900) : r.int(60_000, 4 * HOUR)));
  const exitAt = clamp(entryAt + r.int(10 * 60_000, 3 * DAY));

  const [parentStatus, stopStatus, tpStatus] =
    outcome === 'pending' ? [r.chance(0.2) ? 'new' : 'accepted', 'new', 'new'] as const : STATUSES[outcome];
  let parentUpdated = entryAt;
  let childUpdated = exitAt;
  if (outcome === 'cancelled' || outcome === 'expired' || outcome === 'rejected') {
    // The whole bracket ended when the parent did, timed as a single order ending that way.
    parentUpdated = childUpdated = lastUpdate(desk, created, parentType, parentStatus, r);
  } else if (outcome === 'working') {
    childUpdated = entryAt;
  } else if (outcome === 'pending') {
    parentUpdated = childUpdated = clamp(created + r.int(40, 2000));
  }

  const createdAt = desk.iso(created);
  const ids = [orderId(createdAt, seq), orderId(createdAt, seq + 1), orderId(createdAt, seq + 2)];
  const client = nextClientOrderId(st);
  const parentBroker = brokerIdFor(desk, account.accountId, parentStatus, false, r);
  const base = { accountId: account.accountId, strategyId: st.spec.strategyId, symbol, quantity: qty, createdAt };
  const parent: Order = {
    ...base,
    orderId: ids[0],
    clientOrderId: client,
    brokerOrderId: parentBroker,
    side: entrySide,
    type: parentType,
    filledQuantity: parentStatus === 'filled' ? qty : '0',
    limitPrice: parentLimit === null ? null : fmt(parentLimit, ps),
    stopPrice: null,
    avgFillPrice: parentStatus === 'filled' ? fmt(entryFill, ps) : null,
    status: parentStatus,
    parentOrderId: null,
    stopOrderId: ids[1],
    takeProfitOrderId: ids[2],
    updatedAt: desk.iso(parentUpdated),
  };
  // Children of a bracket the broker never accepted stay without broker ids.
  const childrenHeld = parentBroker === null;
  const childUpdatedAt = desk.iso(childUpdated);
  const child = (k: 1 | 2, status: OrderStatus, type: OrderType, trigger: string, fillPx: () => bigint): Order => ({
    ...base,
    orderId: ids[k],
    clientOrderId: `${client}-${k === 1 ? 'sl' : 'tp'}`,
    brokerOrderId: brokerIdFor(desk, account.accountId, status, childrenHeld, r),
    side: exitSide,
    type,
    filledQuantity: status === 'filled' ? qty : '0',
    limitPrice: type === 'limit' ? trigger : null,
    stopPrice: type === 'stop' ? trigger : null,
    avgFillPrice: status === 'filled' ? fmt(fillPx(), ps) : null,
    status,
    parentOrderId: ids[0],
    stopOrderId: null,
    takeProfitOrderId: null,
    updatedAt: childUpdatedAt,
  });
  // The stop fills with some slippage past its trigger; the take-profit exactly at its limit.
  const stop = child(1, stopStatus, 'stop', fmt(stopPx, ps), () => offset(stopPx, -dir, 0, 40, r));
  const tp = child(2, tpStatus, 'limit', fmt(tpPx, ps), () => tpPx);
  return [parent, stop, tp];
}
