// Accepting the broker's value for order discrepancies: a closed order the broker lists as open takes the
// broker's status, and adopting an "external" order never gives a second order a broker order id
// one of ours already carries.
import { describe, expect, it } from 'vitest';
import type { Discrepancy } from '../../../shared/api/reconcile';
import { Engine } from '../../../electron/engine/engine';
import { acceptBroker, cannotAcceptBroker } from '../../../electron/engine/reconcile/corrections';
import { demoDesk } from '../../support/demo-desk';

const desk = () => demoDesk(5);

const closedWithBrokerId = (e: Engine) =>
  e.store.db.prepare(`SELECT order_id FROM orders WHERE is_open = 0 AND broker_order_id IS NOT NULL AND status = 'filled' ORDER BY order_id LIMIT 1`).pluck().get() as string;

const base = { itemId: 'F0001', severity: 'critical', strategyIds: [] as string[], delta: {}, withinTolerance: false, message: '', brokerAt: null, resolution: null, resolutionReason: null, resolvedBy: null, resolvedAt: null } as const;

describe('order corrections', () => {
  it("a filled order of ours that the broker lists as open takes the broker's status and fill", () => {
    const e = desk();
    const order = e.store.order(closedWithBrokerId(e))!;
    const f: Discrepancy = {
      ...base,
      accountId: order.accountId,
      kind: 'order_status_mismatch',
      symbol: order.symbol,
      orderRef: order.orderId,
      local: { status: order.status },
      broker: { brokerOrderId: order.brokerOrderId, status: 'open', filledQuantity: '0' },
    };
    const effect = e.store.db.transaction(() => acceptBroker(e.store, f, '2026-11-21T00:00:00.000Z'))();
    expect(effect).toBe(`order ${order.orderId} set to accepted`);
    expect(e.store.order(order.orderId)).toMatchObject({ status: 'accepted', filledQuantity: '0', brokerOrderId: order.brokerOrderId });
    expect(e.store.openOrders().map((o) => o.orderId)).toContain(order.orderId);
  });

  it('refuses to adopt an external order whose broker order id one of our orders already carries, and changes nothing', () => {
    const e = desk();
    const order = e.store.order(closedWithBrokerId(e))!;
    const before = e.checkpoints.stateHash().rootHash;
    const f: Discrepancy = {
      ...base,
      accountId: order.accountId,
      kind: 'external_order',
      symbol: order.symbol,
      orderRef: order.brokerOrderId,
      local: null,
      broker: { brokerOrderId: order.brokerOrderId, clientOrderId: null, side: 'buy', quantity: '1', filledQuantity: '0', limitPrice: null, status: 'open' },
    };
    expect(() => e.store.db.transaction(() => acceptBroker(e.store, f, '2026-11-21T00:00:00.000Z'))()).toThrow(
      new RegExp(`broker order ${order.brokerOrderId}.*our order ${order.orderId}`),
    );
    expect(e.checkpoints.stateHash().rootHash).toBe(before);
  });

  it('cannot adopt an external order the broker sized in money (no quantity), and says what to do instead', () => {
    const e = desk();
    const before = e.checkpoints.stateHash().rootHash;
    const f: Discrepancy = {
      ...base,
      accountId: 'acct-alpaca-01',
      kind: 'external_order',
      symbol: 'AAPL',
      orderRef: 'N-1',
      local: null,
      broker: { brokerOrderId: 'N-1', clientOrderId: null, side: 'buy', quantity: null, notional: '500', filledQuantity: '0', limitPrice: null, status: 'open' },
    };
    expect(cannotAcceptBroker(f)).toBe('the broker reports no quantity for this order (an order for 500 in money), and an order of ours needs one: enter it by hand, or keep it out with "ignore"');
    expect(() => e.store.db.transaction(() => acceptBroker(e.store, f, '2026-11-21T00:00:00.000Z'))()).toThrow(/F0001 \(external_order\) cannot take the broker's value: the broker reports no quantity/);
    expect(e.checkpoints.stateHash().rootHash).toBe(before);
  });
});
