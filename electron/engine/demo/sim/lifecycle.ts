// Order status changes that need no fill: the broker acknowledges, a cancel is requested or
// confirmed (an unfilled bracket parent takes its children with it), and the bracket bookkeeping
// that follows a complete fill.
import { isOpenStatus, type Order } from '../../../../shared/domain';
import { Dec } from '../../../../shared/decimal';
import { brokerOrderId } from './ids';
import type { TickContext } from './tick-context';

export function accept(t: TickContext, o: Order): void {
  t.store.putOrder({ ...o, status: 'accepted', brokerOrderId: o.brokerOrderId ?? brokerOrderId(t, o.accountId), updatedAt: t.stamp(o) });
  t.accepted.push(o.orderId);
}

export function requestCancel(t: TickContext, o: Order): void {
  t.store.putOrder({ ...o, status: 'pending_cancel', updatedAt: t.stamp(o) });
  t.cancelRequested.push(o.orderId);
}

/** Cancels an order; an unfilled bracket parent takes its children with it. */
export function cancel(t: TickContext, o: Order, reason?: string): void {
  t.store.putOrder({ ...o, status: 'cancelled', updatedAt: t.stamp(o) });
  t.summary.cancelled.push(o.orderId);
  if (reason) t.cancelReasons.push({ orderId: o.orderId, reason });
  t.act(o.strategyId).cancels++;
  if (new Dec(o.filledQuantity).isZero()) {
    for (const childId of [o.stopOrderId, o.takeProfitOrderId]) cancelIfOpen(t, childId);
  }
}

/** Bracket bookkeeping: a filled parent releases its children; a filled child cancels its sibling. */
export function afterFilled(t: TickContext, o: Order): void {
  for (const childId of [o.stopOrderId, o.takeProfitOrderId]) {
    const child = childId ? t.store.order(childId) : null;
    if (child && child.status === 'new') accept(t, child);
  }
  if (o.parentOrderId) {
    const parent = t.store.order(o.parentOrderId);
    for (const siblingId of parent ? [parent.stopOrderId, parent.takeProfitOrderId] : []) {
      if (siblingId !== o.orderId) cancelIfOpen(t, siblingId);
    }
  }
}

function cancelIfOpen(t: TickContext, orderId: string | null): void {
  const o = orderId ? t.store.order(orderId) : null;
  if (o && isOpenStatus(o.status)) cancel(t, o);
}
