// What single orders and brackets share: ids, the symbol a strategy trades, broker ids, and when
// an order last changed given its status.
import type { OrderStatus, OrderType } from '../../../../shared/domain';
import { orderIdStamp } from '../order-ids';
import type { Rng } from '../rng';
import type { Desk, StrategyRuntime } from './desk';
import { HOUR } from './profile';

/** ord-YYYYMMDD-HHMMSS-nnnnnn: the creation time, then the order's place in the whole history. */
export function orderId(createdIso: string, seq: number): string {
  return `ord-${orderIdStamp(createdIso)}-${String(seq + 1).padStart(6, '0')}`;
}

/** The strategy's next client order id: its name and a running number. */
export function nextClientOrderId(st: StrategyRuntime): string {
  return `${st.spec.name}-${String(++st.clientSeq).padStart(7, '0')}`;
}

/** Mostly something the strategy already holds, sometimes anything it may trade. */
export function pickSymbol(st: StrategyRuntime, r: Rng): string {
  return st.held.length > 0 && r.chance(0.75) ? r.pick(st.held) : r.pick(st.universe);
}

/**
 * The broker's id for an order, or null when the broker never saw it: still new, held back (a
 * bracket child whose parent the broker has no id for), or half the rejections (refused upfront).
 */
export function brokerIdFor(desk: Desk, accountId: string, status: OrderStatus, held: boolean, r: Rng): string | null {
  return status === 'new' || held || (status === 'rejected' && r.chance(0.5)) ? null : desk.brokerIds.get(accountId)!();
}

/** `t` kept between an order's creation and the desk's "now". */
export function clampTime(t: number, created: number, asOfMs: number): number {
  return Math.min(asOfMs, Math.max(created, t));
}

/** When an order created at `created` last changed, given its type and status. */
export function lastUpdate(desk: Desk, created: number, type: OrderType, status: OrderStatus, r: Rng): number {
  const clamp = (t: number) => clampTime(t, created, desk.asOfMs);
  switch (status) {
    case 'new':
      return clamp(created + r.int(0, 2000));
    case 'accepted':
      return clamp(created + r.int(40, 900));
    case 'partially_filled':
      return clamp(created + r.int(1000, Math.max(1000, desk.asOfMs - created)));
    case 'pending_cancel':
      return clamp(desk.asOfMs - r.int(0, 90_000));
    case 'filled':
      return clamp(created + (type === 'market' ? r.int(30, 900) : r.int(1000, 8 * HOUR)));
    case 'cancelled':
      return clamp(created + r.int(1000, 6 * HOUR));
    case 'expired':
      return clamp(created + r.int(HOUR, 16 * HOUR));
    case 'rejected':
      return clamp(created + r.int(20, 500));
  }
}
