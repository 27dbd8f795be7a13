// Order statuses as brokers spell them → BrokerOrderStatus. One table for every format, so
// "canceled" (CCXT, Alpaca) and "cancelled" mean the same thing everywhere.
import type { BrokerOrderStatus } from '../../../../shared/api/reconcile';

const STATUSES: Record<string, BrokerOrderStatus> = {
  open: 'open',
  new: 'open',
  accepted: 'open',
  pending_new: 'open',
  accepted_for_bidding: 'open',
  // Alpaca: still live, just not trading right now.
  held: 'open',
  done_for_day: 'open',
  stopped: 'open',
  suspended: 'open',
  calculated: 'open',
  pending_replace: 'open',
  // Interactive Brokers
  submitted: 'open',
  pre_submitted: 'open',
  pending_submit: 'open',
  api_pending: 'open',
  api_cancelled: 'cancelled',
  partially_filled: 'partially_filled',
  partial: 'partially_filled',
  pending_cancel: 'pending_cancel',
  filled: 'filled',
  // CCXT: an order that is no longer open and was not cancelled is filled.
  closed: 'filled',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  // Alpaca: the order was replaced by another one, which is listed on its own.
  replaced: 'cancelled',
  rejected: 'rejected',
  expired: 'expired',
};

/** The status for a broker's spelling (case, spaces, hyphens and CamelCase ignored), or null if unknown. */
export function orderStatusFrom(text: string): BrokerOrderStatus | null {
  const key = text
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return Object.hasOwn(STATUSES, key) ? STATUSES[key] : null;
}

export function orderStatusProblem(text: string): string {
  return `unknown order status ${JSON.stringify(text)} (expected one of ${Object.keys(STATUSES).join(', ')})`;
}

/** An open order with something filled is partially filled, whatever the broker called it. */
export function settleStatus(status: BrokerOrderStatus, filledQuantity: string): BrokerOrderStatus {
  return status === 'open' && filledQuantity !== '0' ? 'partially_filled' : status;
}
