// Accepting the broker's value for one discrepancy: the live state is changed to what the broker
// reports. Corrections get deterministic ids, so applying the same snapshot twice changes nothing.
// Call inside a transaction.
import type { Discrepancy } from '../../../shared/api/reconcile';
import type { Order, OrderStatus } from '../../../shared/domain';
import { Dec, toStored } from '../../../shared/decimal';
import { LifeboatError } from '../../../shared/result';
import type { LiveStore } from '../live/live-store';
import { positionCurrency } from '../state-files/import-state';

/** The strategy that holds what only the broker knew about (positions and orders we adopt). */
export const reconStrategyId = (accountId: string) => `recon-${accountId}`;

const BROKER_TO_LOCAL: Record<string, OrderStatus> = {
  filled: 'filled',
  cancelled: 'cancelled',
  rejected: 'rejected',
  expired: 'expired',
  open: 'accepted',
  partially_filled: 'partially_filled',
  pending_cancel: 'pending_cancel',
};

/** Whether "accept broker" can be applied to this kind of discrepancy, and why not. */
export function cannotAcceptBroker(f: Discrepancy): string | null {
  if (f.kind === 'unmapped_symbol') return 'add a symbol mapping for it, then re-check the run';
  if (f.kind === 'external_order' && f.broker && f.broker.quantity === null) {
    const worth = f.broker.notional ? ` (an order for ${f.broker.notional} in money)` : '';
    return `the broker reports no quantity for this order${worth}, and an order of ours needs one: enter it by hand, or keep it out with "ignore"`;
  }
  return null;
}

export function acceptBroker(store: LiveStore, f: Discrepancy, at: string): string {
  const why = cannotAcceptBroker(f);
  if (why) throw new LifeboatError('conflict', `${f.itemId} (${f.kind}) cannot take the broker's value: ${why}`);
  const account = store.account(f.accountId);
  if (!account) throw new LifeboatError('not_found', `account ${f.accountId} is not on this desk`);
  switch (f.kind) {
    case 'quantity_mismatch':
    case 'missing_locally':
    case 'missing_at_broker': {
      const target = new Dec(f.broker?.quantity ?? '0');
      const held = store.positions({ accountId: f.accountId }).filter((p) => p.symbol === f.symbol);
      const total = held.reduce((n, p) => n.plus(p.quantity), new Dec(0));
      if (target.isZero()) {
        for (const p of held) store.deletePosition(p.strategyId, p.symbol);
        return `closed ${f.symbol} in ${held.length} strateg${held.length === 1 ? 'y' : 'ies'}`;
      }
      // The difference goes to the strategy holding the most, or to the account's reconciliation strategy.
      const biggest = [...held].sort((a, b) => new Dec(b.quantity).abs().comparedTo(new Dec(a.quantity).abs()) || a.strategyId.localeCompare(b.strategyId))[0];
      const strategyId = biggest?.strategyId ?? ensureReconStrategy(store, f.accountId, at);
      const next = new Dec(biggest?.quantity ?? '0').plus(target.minus(total));
      const others = held.filter((p) => p !== biggest);
      store.putPosition({
        accountId: f.accountId,
        strategyId,
        symbol: f.symbol!,
        quantity: toStored(next),
        avgPrice: legPriceKeepingAverage(others, next, target, f.broker?.avgPrice ?? null) ?? biggest?.avgPrice ?? f.broker?.avgPrice ?? null,
        lastPrice: biggest?.lastPrice ?? null,
        currency: biggest?.currency ?? positionCurrency(f.symbol!, account),
        updatedAt: at,
      });
      return `${f.symbol} set to ${toStored(target)} (strategy ${strategyId} now ${toStored(next)})`;
    }
    case 'price_mismatch': {
      const held = store.positions({ accountId: f.accountId }).filter((p) => p.symbol === f.symbol);
      for (const p of held) store.putPosition({ ...p, avgPrice: f.broker!.avgPrice, updatedAt: at });
      return `${f.symbol} average price set to ${f.broker!.avgPrice}`;
    }
    case 'order_status_mismatch':
    case 'orphaned_order':
    case 'outcome_unknown': {
      const order = store.order(f.orderRef!);
      if (!order) throw new LifeboatError('not_found', `order ${f.orderRef} is no longer on the desk`);
      // Not open at the broker: for an orphan or an unknown outcome the broker's word is "not open";
      // positions are reconciled on their own, so a fill shows up there.
      const status = f.broker?.status ? BROKER_TO_LOCAL[f.broker.status] ?? 'cancelled' : 'cancelled';
      const filled = f.broker?.filledQuantity ?? order.filledQuantity;
      store.putOrder({ ...order, status, filledQuantity: filled, updatedAt: at });
      return `order ${order.orderId} set to ${status}`;
    }
    case 'external_order': {
      const b = f.broker!;
      refuseKnownBrokerOrderId(store, f.accountId, b.brokerOrderId, `recon-${f.accountId}-${f.orderRef}`);
      const order: Order = {
        orderId: `recon-${f.accountId}-${f.orderRef}`,
        clientOrderId: b.clientOrderId,
        brokerOrderId: b.brokerOrderId,
        accountId: f.accountId,
        strategyId: ensureReconStrategy(store, f.accountId, at),
        symbol: f.symbol!,
        side: b.side === 'sell' ? 'sell' : 'buy',
        type: b.limitPrice ? 'limit' : 'market',
        quantity: b.quantity!,
        filledQuantity: b.filledQuantity ?? '0',
        limitPrice: b.limitPrice,
        stopPrice: null,
        avgFillPrice: null,
        status: BROKER_TO_LOCAL[b.status ?? 'open'] ?? 'accepted',
        parentOrderId: null,
        stopOrderId: null,
        takeProfitOrderId: null,
        createdAt: at,
        updatedAt: at,
      };
      store.putOrder(order);
      return `adopted broker order ${f.orderRef} as ${order.orderId}`;
    }
    case 'cash_mismatch': {
      store.setCash(f.accountId, f.symbol!, f.broker!.amount!, at);
      return `${f.symbol} cash set to ${f.broker!.amount}`;
    }
    default:
      throw new LifeboatError('conflict', `${f.kind} cannot take the broker's value`);
  }
}

/**
 * One broker order id is one order of ours per account (the orders table holds it unique): an
 * "external" order whose id one of ours already carries is ours, and adopting it would duplicate it.
 */
function refuseKnownBrokerOrderId(store: LiveStore, accountId: string, brokerOrderId: string | null, adoptedAs: string): void {
  if (!brokerOrderId) return;
  const ours = store.db
    .prepare('SELECT order_id, status FROM orders WHERE account_id = ? AND broker_order_id = ? AND order_id <> ?')
    .get(accountId, brokerOrderId, adoptedAs) as { order_id: string; status: string } | undefined;
  if (ours) {
    throw new LifeboatError(
      'conflict',
      `cannot adopt broker order ${brokerOrderId} as a new order: our order ${ours.order_id} (${ours.status}) already carries that broker order id in ${accountId}; re-check the run to compare the two`,
    );
  }
}

/**
 * The price for the adjusted leg that keeps the symbol's average entry price at the broker's, so
 * adopting a quantity does not create a price difference. Null when no such positive price exists.
 */
function legPriceKeepingAverage(others: { quantity: string; avgPrice: string | null }[], leg: Dec, total: Dec, brokerAvg: string | null): string | null {
  if (brokerAvg === null || leg.isZero() || others.some((p) => p.avgPrice === null)) return null;
  if (others.some((p) => new Dec(p.quantity).isNegative() !== leg.isNegative())) return null;
  const othersCost = others.reduce((n, p) => n.plus(new Dec(p.quantity).times(p.avgPrice!)), new Dec(0));
  const price = total.times(brokerAvg).minus(othersCost).div(leg);
  return price.gt(0) ? toStored(price) : null;
}

function ensureReconStrategy(store: LiveStore, accountId: string, at: string): string {
  const strategyId = reconStrategyId(accountId);
  if (!store.strategy(strategyId)) {
    store.putStrategy({
      strategyId,
      accountId,
      name: `Reconciliation adjustments (${accountId})`,
      status: 'stopped',
      cash: '0',
      state: { purpose: 'positions and orders adopted from the broker by reconciliation' },
      updatedAt: at,
    });
  }
  return strategyId;
}
