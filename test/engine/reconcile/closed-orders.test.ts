// A broker order that is open at the broker but closed (filled, cancelled, ...) here is one of our
// orders with a different status, never an "external" order we do not know.
import { describe, expect, it } from 'vitest';
import type { BrokerOrder, BrokerSnapshot } from '../../../shared/api/reconcile';
import { closedOrdersFrom } from '../../../electron/engine/reconcile/closed-orders';
import type { LocalBook, LocalOrder } from '../../../electron/engine/reconcile/local-book';
import { matchSnapshot } from '../../../electron/engine/reconcile/match';

const order = (o: Partial<LocalOrder> & Pick<LocalOrder, 'orderId' | 'status'>): LocalOrder => ({
  accountId: 'A',
  strategyId: 's1',
  clientOrderId: null,
  brokerOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  quantity: '1',
  filledQuantity: '0',
  limitPrice: '60000',
  ...o,
});

const closed = [
  order({ orderId: 'o-filled', brokerOrderId: 'b1', clientOrderId: 'c1', status: 'filled', filledQuantity: '1' }),
  order({ orderId: 'o-cancelled', clientOrderId: 'c2', status: 'cancelled' }),
  order({ orderId: 'o-by-id', status: 'expired' }),
  order({ orderId: 'o-client-only', brokerOrderId: 'b9', clientOrderId: 'c9', status: 'cancelled' }),
  order({ orderId: 'o-other-account', accountId: 'B', brokerOrderId: 'b5', status: 'filled', filledQuantity: '1' }),
];

function book(): LocalBook {
  return {
    source: 'live',
    accounts: new Map([['A', { accountType: 'margin', baseCurrency: 'USDT' }], ['B', { accountType: 'margin', baseCurrency: 'USDT' }]]),
    positions: [],
    orders: [],
    closedOrders: closedOrdersFrom(closed),
    cash: [],
    knownSymbols: new Map([['A', new Set(['BTC/USDT'])]]),
  };
}

const brokerOrder = (o: Partial<BrokerOrder>): BrokerOrder => ({
  brokerOrderId: null,
  clientOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  quantity: '1',
  filledQuantity: '0',
  limitPrice: '60000',
  status: 'open',
  at: 'o',
  ...o,
});

const run = (orders: BrokerOrder[]) => {
  const snapshot: BrokerSnapshot = { format: 'lifeboat', fileName: 'x.json', asOf: null, accounts: [{ accountId: 'A', positions: null, orders, cash: null }] };
  return matchSnapshot(book(), snapshot, new Map(), {});
};

describe('broker orders that are closed here', () => {
  it('an open broker order matching a filled order of ours by broker order id is a status mismatch on our order', () => {
    const [f, ...rest] = run([brokerOrder({ brokerOrderId: 'b1', clientOrderId: 'c1', status: 'partially_filled', filledQuantity: '0.5' })]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'order_status_mismatch',
      orderRef: 'o-filled',
      strategyIds: ['s1'],
      local: { status: 'filled', brokerOrderId: 'b1' },
      broker: { status: 'partially_filled' },
      delta: { filledQuantity: '-0.5' },
    });
    expect(f.message).toMatch(/o-filled is filled here but partially_filled at the broker/);
  });

  it('falls back to the client order id (ours, then our order id) when the broker order id matches nothing', () => {
    const found = run([
      brokerOrder({ brokerOrderId: 'unknown-to-us', clientOrderId: 'c2' }),
      brokerOrder({ clientOrderId: 'o-by-id' }),
    ]);
    expect(found.map((f) => `${f.kind} ${f.orderRef}`)).toEqual(['order_status_mismatch o-by-id', 'order_status_mismatch o-cancelled']);
  });

  it('the broker order id wins over the client order id', () => {
    const found = run([brokerOrder({ brokerOrderId: 'b9', clientOrderId: 'c1' })]);
    expect(found.map((f) => `${f.kind} ${f.orderRef}`)).toEqual(['order_status_mismatch o-client-only']);
  });

  it('an order closed on both sides is no discrepancy; an order of another account is not ours here', () => {
    expect(run([brokerOrder({ brokerOrderId: 'b1', status: 'filled', filledQuantity: '1' })])).toEqual([]);
    expect(run([brokerOrder({ brokerOrderId: 'b5' })]).map((f) => `${f.kind} ${f.orderRef}`)).toEqual(['external_order b5']);
  });

  it('an open broker order that matches nothing of ours, open or closed, is still external', () => {
    expect(run([brokerOrder({ brokerOrderId: 'x1', clientOrderId: 'x2' })]).map((f) => f.kind)).toEqual(['external_order']);
  });
});
