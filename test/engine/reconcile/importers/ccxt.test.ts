// CCXT unified JSON: fetchBalance / fetchPositions / fetchOpenOrders, one account or many.
import { describe, expect, it } from 'vitest';
import { parseBrokerFile } from '../../../../electron/engine/reconcile/importers';
import { parseFixture, refusal } from './helpers';

const ccxt = (doc: object, accountId?: string) => ({ fileName: 'c.json', text: JSON.stringify(doc), accountId, format: 'ccxt' as const });

describe('CCXT import', () => {
  it('reads positions, orders and cash digit for digit from JSON numbers', () => {
    const s = parseFixture('ccxt-binance.json');
    expect(s).toMatchObject({ format: 'ccxt', fileName: 'ccxt-binance.json', asOf: '2024-03-15T13:30:00.250Z' });
    expect(s.accounts).toHaveLength(1);
    const [a] = s.accounts;
    expect(a.accountId).toBe('binance-margin');
    expect(a.positions!.map((p) => [p.symbol, p.quantity, p.avgPrice, p.at])).toEqual([
      ['BTC/USDT:USDT', '0.015', '67250.12345678', 'fetchPositions[0]'],
      ['ETH/USDT:USDT', '-2.5', '3512.4', 'fetchPositions[1]'], // side "short"
      ['DOGE/USD:DOGE', '0.04', '0.1623', 'fetchPositions[2]'], // 40 contracts × 0.001
      ['SOL/USDT:USDT', '0', null, 'fetchPositions[3]'], // flat: side null, entry price 0
    ]);
    expect(a.cash!.map((c) => [c.currency, c.amount])).toEqual([
      ['BTC', '0.12345678'],
      ['USDT', '11250.5'],
      ['ETH', '0'], // an explicit zero is kept
      ['SOL', '12.5'],
    ]);
    expect(a.orders!.map((o) => [o.brokerOrderId, o.clientOrderId, o.side, o.quantity, o.filledQuantity, o.limitPrice, o.status])).toEqual([
      ['28457119202', 'mr-2024-03-15-0007', 'buy', '0.01', '0.004', '66000', 'partially_filled'],
      ['28457119377', null, 'buy', '1', '0', null, 'open'], // market: its price is not a limit; filled = amount − remaining
      ['28457110001', 'mr-2024-03-15-0003', 'sell', '5', '5', '190.55', 'filled'], // closed
    ]);
  });

  it('reads many accounts; an absent section is not reported, [] is reported empty', () => {
    const s = parseFixture('ccxt-accounts.json');
    expect(s.asOf).toBe('2024-03-15T13:30:00.000Z');
    expect(s.accounts.map((a) => a.accountId)).toEqual(['bybit-main', 'bybit-sub']);
    const [main, sub] = s.accounts;
    expect(main.positions).toEqual([]);
    expect(main.orders).toBeNull();
    expect(main.cash!.map((c) => [c.currency, c.amount, c.at])).toEqual([
      ['USDT', '-125.75', 'accounts["bybit-main"].fetchBalance.total.USDT'], // margin accounts go negative
      ['BTC', '0.000000000000000001', 'accounts["bybit-main"].fetchBalance.total.BTC'],
    ]);
    expect(sub.positions).toBeNull();
    expect(sub.cash).toBeNull();
    expect(sub.orders![0]).toMatchObject({ brokerOrderId: 'b-1', status: 'cancelled', limitPrice: '0.6123' });
  });

  it('takes the account from the file, else from --account, else asks for it', () => {
    expect(parseBrokerFile(ccxt({ fetchPositions: [] }, 'ACC-1')).accounts[0].accountId).toBe('ACC-1');
    expect(parseBrokerFile(ccxt({ account: 'from-file', fetchPositions: [] }, 'ACC-1')).accounts[0].accountId).toBe('from-file');
    const err = refusal(ccxt({ fetchPositions: [] }));
    expect(err.reason).toContain('--account on the command line');
    expect(err.where).toBe('c.json:1:1');
  });

  it('accepts a client order id the venue repeats (Kraken\'s "0"), says so, and still refuses a repeated order id', () => {
    const orders = ['OQCLML-BW3P3-BUCMWZ', 'OB5VMB-B4U2U-DK2WRW', 'O6S6S7-6TQXV-V4R5LJ'].map((id) => ({ id, clientOrderId: '0', symbol: 'BTC/EUR', side: 'buy', amount: '0.01', price: '60000' }));
    const s = parseBrokerFile(ccxt({ account: 'kraken-spot', fetchOpenOrders: [...orders, { id: 'OX-1', clientOrderId: 'mine-7', symbol: 'ETH/EUR', side: 'sell', amount: '1' }] }));
    expect(s.accounts[0].orders!.map((o) => [o.brokerOrderId, o.clientOrderId])).toEqual([...orders.map((o) => [o.id, '0']), ['OX-1', 'mine-7']]);
    expect(s.notes).toEqual([
      'kraken-spot: the broker repeats client order id "0" (3 orders), so it does not identify an order there: those orders are matched by the broker\'s order id alone.',
    ]);
    const twice = [orders[0], { ...orders[1], id: orders[0].id }];
    expect(refusal(ccxt({ account: 'kraken-spot', fetchOpenOrders: twice })).reason).toBe('fetchOpenOrders[1]: order id "OQCLML-BW3P3-BUCMWZ" appears twice (first at fetchOpenOrders[0])');
  });

  it('multiplies contracts by contractSize exactly', () => {
    const s = parseBrokerFile(ccxt({ account: 'a', fetchPositions: [{ symbol: 'X', contracts: 3, contractSize: 0.1, side: 'long' }] }));
    expect(s.accounts[0].positions![0].quantity).toBe('0.3'); // never 0.30000000000000004
  });

  it.each([
    [{ fetchPositions: [{ symbol: 'X', contracts: 1, side: 'long' }, { symbol: 'X', contracts: 1, side: 'short' }] }, 'fetchPositions[1].symbol: X appears twice (first at fetchPositions[0]) (a hedge-mode account?'],
    [{ fetchPositions: [{ symbol: 'X', contracts: 1 }] }, 'fetchPositions[0].side: required for a position of 1 contracts'],
    [{ fetchPositions: [{ symbol: 'X', contracts: -1, side: 'long' }] }, 'fetchPositions[0].contracts: the quantity -1 is negative but the side is "long"'],
    [{ fetchOpenOrders: [{ symbol: 'X', side: 'buy', amount: 1 }] }, 'fetchOpenOrders[0]: an order needs an id or a clientOrderId'],
    [{ fetchOpenOrders: [{ id: '1', symbol: 'X', side: 'buy', amount: 1, filled: 2 }] }, 'fetchOpenOrders[0].filled: the filled quantity 2 is more than the order quantity 1'],
    [{ fetchOpenOrders: [{ id: '1', symbol: 'X', side: 'buy', amount: 1, status: 'weird' }] }, 'fetchOpenOrders[0].status: unknown order status "weird"'],
    [{ fetchOpenOrders: [{ id: '1', symbol: 'X', side: 'buy', amount: 1 }, { id: '1', symbol: 'Y', side: 'buy', amount: 1 }] }, 'fetchOpenOrders[1]: order id "1" appears twice (first at fetchOpenOrders[0])'],
    [{ fetchBalance: { total: { USD: null } } }, 'fetchBalance.total.USD: null: the exchange reported no total for USD'],
    [{ fetchBalance: { free: {} } }, 'fetchBalance.total: required but missing'],
    [{ exchange: 'x' }, '(top level): reports nothing: give at least one of fetchBalance, fetchPositions, fetchOpenOrders'],
    [{ fetchPositions: [], fetchBalances: {} }, 'fetchBalances: unknown field "fetchBalances"'],
  ])('refuses %j', (doc, message) => {
    expect(refusal(ccxt({ account: 'a', ...doc })).reason).toContain(message);
  });

  it('says how many more problems there were', () => {
    const positions = Array.from({ length: 30 }, (_, i) => ({ symbol: `S${i}`, contracts: 'NaN', side: 'long' }));
    const err = refusal(ccxt({ account: 'a', fetchPositions: positions }));
    expect(err.reason).toBe('fetchPositions[0].contracts: "NaN" is not a number (and 29 more problems)');
    expect((err.details as { count: number }).count).toBe(30);
  });
});
