import { describe, expect, it } from 'vitest';
import type { BrokerAccountSnapshot, BrokerSnapshot } from '../../../shared/api/reconcile';
import type { LocalBook } from '../../../electron/engine/reconcile/local-book';
import { closedOrdersFrom } from '../../../electron/engine/reconcile/closed-orders';
import { matchSnapshot } from '../../../electron/engine/reconcile/match';
import { withinTolerance } from '../../../electron/engine/reconcile/tolerance';
import { resolveSymbol } from '../../../electron/engine/reconcile/symbols';
import { unlistedCashNotes } from '../../../electron/engine/reconcile/unlisted-cash';

function book(): LocalBook {
  return {
    source: 'live',
    accounts: new Map([['A', { accountType: 'margin', baseCurrency: 'USDT' }]]),
    positions: [
      { accountId: 'A', strategyId: 's1', symbol: 'BTC/USDT', quantity: '0.5', avgPrice: '60000' },
      { accountId: 'A', strategyId: 's2', symbol: 'BTC/USDT', quantity: '0.25', avgPrice: '63000' },
      { accountId: 'A', strategyId: 's1', symbol: 'ETH/USDT', quantity: '-2', avgPrice: '3000' },
    ],
    orders: [
      { accountId: 'A', strategyId: 's1', orderId: 'o1', clientOrderId: 'c1', brokerOrderId: 'b1', symbol: 'BTC/USDT', side: 'buy', quantity: '0.1', filledQuantity: '0', limitPrice: '59000', status: 'accepted' },
      { accountId: 'A', strategyId: 's1', orderId: 'o2', clientOrderId: 'c2', brokerOrderId: null, symbol: 'ETH/USDT', side: 'sell', quantity: '1', filledQuantity: '0', limitPrice: '3100', status: 'new' },
      { accountId: 'A', strategyId: 's2', orderId: 'o3', clientOrderId: 'c3', brokerOrderId: 'b3', symbol: 'ETH/USDT', side: 'buy', quantity: '1', filledQuantity: '0', limitPrice: '2900', status: 'pending_cancel' },
    ],
    closedOrders: closedOrdersFrom([]),
    cash: [
      { accountId: 'A', currency: 'USDT', amount: '1000.5' },
      { accountId: 'A', currency: 'BTC', amount: '0.1' },
    ],
    knownSymbols: new Map([['A', new Set(['BTC/USDT', 'ETH/USDT'])]]),
  };
}

/** What the broker would report if it agreed with us exactly. */
function agreeing(): BrokerAccountSnapshot {
  return {
    accountId: 'A',
    positions: [
      { symbol: 'BTC/USDT', quantity: '0.75', avgPrice: '61000', at: 'p0' },
      { symbol: 'ETH/USDT', quantity: '-2', avgPrice: '3000', at: 'p1' },
    ],
    orders: [
      { brokerOrderId: 'b1', clientOrderId: 'c1', symbol: 'BTC/USDT', side: 'buy', quantity: '0.1', filledQuantity: '0', limitPrice: '59000', status: 'open', at: 'o0' },
      { brokerOrderId: 'b2', clientOrderId: 'c2', symbol: 'ETH/USDT', side: 'sell', quantity: '1', filledQuantity: '0', limitPrice: '3100', status: 'open', at: 'o1' },
      { brokerOrderId: 'b3', clientOrderId: 'c3', symbol: 'ETH/USDT', side: 'buy', quantity: '1', filledQuantity: '0', limitPrice: '2900', status: 'pending_cancel', at: 'o2' },
    ],
    cash: [
      { currency: 'USDT', amount: '1000.50', at: 'c0' },
      { currency: 'BTC', amount: '0.1', at: 'c1' },
    ],
  };
}

const snap = (a: BrokerAccountSnapshot): BrokerSnapshot => ({ format: 'lifeboat', fileName: 'x.json', asOf: null, accounts: [a] });
const run = (a: BrokerAccountSnapshot, tolerances = {}) => matchSnapshot(book(), snap(a), new Map(), tolerances);
const kinds = (a: BrokerAccountSnapshot) => run(a).map((f) => `${f.kind} ${f.symbol ?? ''} ${f.orderRef ?? ''}`.trim());

describe('matching a broker snapshot', () => {
  it('finds nothing when the broker agrees (positions summed across strategies, cost-weighted price)', () => {
    expect(run(agreeing())).toEqual([]);
  });

  it('finds each kind of difference once, with stable item ids', () => {
    const a = agreeing();
    a.positions![0].quantity = '0.8'; // quantity
    a.positions![1].avgPrice = '3100'; // price
    a.positions!.push({ symbol: 'SOL/USDT', quantity: '10', avgPrice: '150', at: 'p2' }); // missing locally
    a.orders![0].status = 'filled'; // status mismatch
    a.orders!.splice(1, 2); // c2 orphaned, c3 (pending cancel) outcome unknown
    a.orders!.push({ brokerOrderId: 'x9', clientOrderId: null, symbol: 'BTC/USDT', side: 'sell', quantity: '1', filledQuantity: '0', limitPrice: null, status: 'open', at: 'o9' });
    a.cash![1].amount = '0.2';
    const found = run(a);
    expect(found.map((f) => `${f.itemId} ${f.kind}`)).toEqual([
      'F0001 missing_locally',
      'F0002 quantity_mismatch',
      'F0003 price_mismatch',
      'F0004 order_status_mismatch',
      'F0005 orphaned_order',
      'F0006 external_order',
      'F0007 outcome_unknown',
      'F0008 cash_mismatch',
    ]);
    expect(found[1]).toMatchObject({ symbol: 'BTC/USDT', strategyIds: ['s1', 's2'], delta: { quantity: '0.05' }, severity: 'critical' });
    expect(found[2]).toMatchObject({ delta: { avgPrice: '100' }, severity: 'warning' });
    expect(found[7]).toMatchObject({ symbol: 'BTC', delta: { amount: '0.1' } });
  });

  it('reports a position the broker does not hold as missing at the broker', () => {
    const a = agreeing();
    a.positions!.splice(1, 1);
    expect(kinds(a)).toEqual(['missing_at_broker ETH/USDT']);
  });

  it('never reads an absent section as flat', () => {
    expect(run({ ...agreeing(), positions: null, orders: null, cash: null })).toEqual([]);
    expect(kinds({ ...agreeing(), positions: [] })).toEqual(['missing_at_broker BTC/USDT', 'missing_at_broker ETH/USDT']);
    expect(kinds({ ...agreeing(), orders: [] })).toEqual(['orphaned_order BTC/USDT o1', 'orphaned_order ETH/USDT o2', 'outcome_unknown ETH/USDT o3']);
  });

  it('matches orders by broker id, then by client id', () => {
    const a = agreeing();
    a.orders![0].clientOrderId = 'something-else'; // still matched by broker id b1
    a.orders![1].brokerOrderId = 'unrelated'; // c2 has no broker id locally: matched by client id
    expect(run(a)).toEqual([]);
  });

  it('applies tolerances exactly, per field and per account', () => {
    const a = agreeing();
    a.cash![0].amount = '1000.51';
    a.positions![0].avgPrice = '61006';
    expect(run(a).every((f) => f.withinTolerance && f.severity === 'info')).toBe(true);
    const strict = run(a, { cash: { abs: '0' }, accounts: { A: { price: { abs: '1' } } } });
    expect(strict.filter((f) => !f.withinTolerance).map((f) => f.kind)).toEqual(['price_mismatch', 'cash_mismatch']);
    expect(withinTolerance('100', '100.1', { rel: '0.001' })).toBe(true);
    expect(withinTolerance('100', '100.11', { rel: '0.001' })).toBe(false);
    expect(withinTolerance('0.1', '0.3', { abs: '0.2' })).toBe(true);
  });

  it('reports a look-alike symbol as unmapped instead of guessing, and uses a mapping when given', () => {
    const a = agreeing();
    a.positions![0].symbol = 'BTCUSDT';
    expect(kinds(a)).toEqual(['missing_at_broker BTC/USDT', 'unmapped_symbol BTCUSDT']);
    const mapped = matchSnapshot(book(), snap(a), new Map([['A', new Map([['BTCUSDT', 'BTC/USDT']])]]), {});
    expect(mapped).toEqual([]);
    expect(resolveSymbol('SOLUSDT', new Map(), new Set(['BTC/USDT']))).toEqual({ symbol: null, lookalike: null });
  });

  it('says when the broker counts a position in contracts (the asset class and multiplier go with its view)', () => {
    const a = agreeing();
    a.positions!.push({ symbol: 'ESM4', quantity: '2', avgPrice: '5150.25', contracts: { assetClass: 'FUT', multiplier: '50', multiplierUnit: null }, at: 'line 16' });
    const [f] = run(a);
    expect(f).toMatchObject({ kind: 'missing_locally', symbol: 'ESM4', broker: { quantity: '2', avgPrice: '5150.25', contract: 'FUT × 50' } });
  });

  it('shows an inverse contract in contracts and in coin', () => {
    const a = agreeing();
    a.positions!.push({ symbol: 'BTC/USD:BTC', quantity: '-12', avgPrice: '64000.5', contracts: { assetClass: 'swap', multiplier: '100', multiplierUnit: 'USD', coin: { amount: '-0.01875', currency: 'BTC' } }, at: 'fetchPositions[3]' });
    const [f] = run(a);
    expect(f).toMatchObject({ kind: 'missing_locally', symbol: 'BTC/USD:BTC', broker: { quantity: '-12', contract: 'swap × 100 USD · -0.01875 BTC' } });
  });

  it('matches orders whose client order id the broker repeats by broker id alone, never by the repeated id', () => {
    const a = agreeing();
    for (const o of a.orders!) o.clientOrderId = '0';
    // o1 and o3 carry broker ids and still match; o2 has only its client id (c2), which the broker no longer gives.
    expect(kinds(a)).toEqual(['orphaned_order ETH/USDT o2', 'external_order ETH/USDT b2']);
    // A local order whose client id is the repeated one is not matched to any of them by it.
    const b = agreeing();
    b.orders![1].clientOrderId = 'c1';
    b.orders![1].brokerOrderId = null;
    b.orders![1].at = 'fetchOpenOrders[1]';
    b.orders![0].brokerOrderId = 'other';
    // The broker's order without an id of its own is named by its place in the file, not by the repeated "c1".
    expect(kinds(b)).toEqual(['orphaned_order BTC/USDT o1', 'orphaned_order ETH/USDT o2', 'external_order BTC/USDT other', 'external_order ETH/USDT fetchOpenOrders[1]']);
  });

  it('matches an order sized in money (no quantity) by its id, and names an unknown one by what it is worth', () => {
    const a = agreeing();
    Object.assign(a.orders![0], { quantity: null, notional: '5900' }); // ours is b1: matched by id, open both sides
    a.orders!.push({ brokerOrderId: 'N-1', clientOrderId: null, symbol: 'BTC/USDT', side: 'buy', quantity: null, notional: '500', filledQuantity: '0', limitPrice: null, status: 'open', at: 'orders[3]' });
    const found = run(a);
    expect(found.map((f) => `${f.kind} ${f.orderRef}`)).toEqual(['external_order N-1']);
    expect(found[0]).toMatchObject({
      message: 'the broker has an open buy order N-1 for BTC/USDT worth 500 (quantity not reported) that we do not know',
      broker: { quantity: null, notional: '500', filledQuantity: '0', status: 'open' },
    });
    a.orders![0].status = 'filled';
    expect(run(a).find((f) => f.orderRef === 'o1')).toMatchObject({ kind: 'order_status_mismatch', broker: { quantity: null, notional: '5900', status: 'filled' } });
  });

  it('a currency we hold that the broker does not list is not reported, never "0 at the broker"', () => {
    const a = agreeing();
    a.cash = [{ currency: 'USDT', amount: '1000.5', at: 'c0' }]; // BTC left out
    expect(run(a)).toEqual([]);
    expect(unlistedCashNotes(book(), snap(a))).toEqual(['A: the broker\'s cash does not list BTC (we hold 0.1 BTC): not reported by the broker, so not compared.']);
    // A currency the broker lists and we do not hold is still a difference; a zero of ours is nothing to say.
    a.cash.push({ currency: 'ETH', amount: '2', at: 'c2' });
    expect(kinds(a)).toEqual(['cash_mismatch ETH']);
    const zero = { ...book(), cash: [{ accountId: 'A', currency: 'USDT', amount: '1000.5' }, { accountId: 'A', currency: 'BTC', amount: '0' }] };
    expect(unlistedCashNotes(zero, snap({ ...agreeing(), cash: [{ currency: 'USDT', amount: '1000.5', at: 'c0' }] }))).toEqual([]);
    expect(unlistedCashNotes(book(), snap({ ...agreeing(), cash: null }))).toEqual([]); // not reported at all: the coverage says so
    expect(unlistedCashNotes({ ...book(), cashCovered: false }, snap(a))).toEqual([]);
  });
});
