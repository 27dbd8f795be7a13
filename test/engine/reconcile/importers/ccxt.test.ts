// CCXT unified JSON: fetchBalance / fetchPositions / fetchOpenOrders, one account or many.
import { describe, expect, it } from 'vitest';
import { detectBrokerFormat, parseBrokerFile } from '../../../../electron/engine/reconcile/importers';
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

  it('reads ccxt\'s own results bare: a fetchPositions array, a fetchOpenOrders array, a fetchBalance object, for the chosen account', () => {
    const positions = '[\n  {"info": {}, "symbol": "BTC/USDT:USDT", "contracts": 0.015, "contractSize": 1, "side": "long", "entryPrice": 67250.12345678, "leverage": 5}\n]';
    expect(detectBrokerFormat('p.json', positions)).toMatchObject({ format: 'ccxt', reason: 'a bare fetchPositions array, as ccxt returns it' });
    const p = parseBrokerFile({ fileName: 'p.json', text: positions, accountId: 'acct-binance-01' });
    expect(p.accounts).toEqual([{ accountId: 'acct-binance-01', positions: [{ at: '[0]', symbol: 'BTC/USDT:USDT', quantity: '0.015', avgPrice: '67250.12345678' }], orders: null, cash: null }]);

    const orders = JSON.stringify([{ id: '1', clientOrderId: null, symbol: 'ETH/USDT', type: 'limit', side: 'sell', price: '3600', amount: '2', filled: '0.5', status: 'open' }]);
    expect(detectBrokerFormat('o.json', orders).format).toBe('ccxt');
    expect(parseBrokerFile({ fileName: 'o.json', text: orders, accountId: 'A' }).accounts[0]).toMatchObject({ positions: null, cash: null, orders: [{ at: '[0]', brokerOrderId: '1', quantity: '2', filledQuantity: '0.5', status: 'partially_filled' }] });

    const balance = '{"info": {"balances": []}, "BTC": {"free": 0.1, "used": 0.02, "total": 0.12}, "free": {"BTC": 0.1}, "used": {"BTC": 0.02}, "total": {"BTC": 0.12, "USDT": 1.2e-7}, "timestamp": 1710509400250}';
    expect(detectBrokerFormat('b.json', balance)).toMatchObject({ format: 'ccxt', reason: 'a bare fetchBalance result (total, free, used), as ccxt returns it' });
    expect(parseBrokerFile({ fileName: 'b.json', text: balance, accountId: 'A' }).accounts[0]).toEqual({
      accountId: 'A',
      positions: null,
      orders: null,
      cash: [
        { at: 'total.BTC', currency: 'BTC', amount: '0.12' },
        { at: 'total.USDT', currency: 'USDT', amount: '0.00000012' },
      ],
    });
  });

  it('refuses a bare result without an account, and a bare array that says nothing', () => {
    const err = refusal({ fileName: 'p.json', text: '[{"symbol": "X", "contracts": 1, "side": "long"}]' });
    expect(err.reason).toBe('(top level): a bare ccxt result names no account; choose the account it belongs to (--account on the command line)');
    expect(refusal({ fileName: 'e.json', text: '[]', accountId: 'A' }).reason).toMatch(/^the top level is an array and an empty array does not say what it lists/);
    expect(refusal({ fileName: 'e.json', text: '[]', accountId: 'A', format: 'ccxt' }).reason).toMatch(/a bare array, but an empty array does not say whether it lists positions or orders; wrap it to say: \{"fetchPositions": \[…\]\}/);
  });

  it('reads tiny amounts written with an exponent exactly, as numbers and as strings; refuses what no decimal can hold', () => {
    const s = parseBrokerFile(ccxt({ account: 'a', fetchPositions: [{ symbol: 'PEPE/USDT:USDT', contracts: '1.2e-7', side: 'long', entryPrice: '7.1E-6' }], fetchBalance: { total: { BTC: '-5e-18' } } }));
    expect(s.accounts[0].positions![0]).toMatchObject({ quantity: '0.00000012', avgPrice: '0.0000071' });
    expect(s.accounts[0].cash![0].amount).toBe('-0.000000000000000005');
    const numbers = parseBrokerFile({ fileName: 'n.json', text: '{"account": "a", "fetchPositions": [{"symbol": "X", "contracts": 1.2e-7, "contractSize": 1e1, "side": "long"}]}' });
    expect(numbers.accounts[0].positions![0].quantity).toBe('0.0000012'); // 0.00000012 × 10, exactly
    expect(refusal(ccxt({ account: 'a', fetchPositions: [{ symbol: 'X', contracts: '1e999', side: 'long' }] })).reason).toBe('fetchPositions[0].contracts: "1e999" has an exponent out of range');
    expect(refusal(ccxt({ account: 'a', fetchOpenOrders: [{ id: '1', symbol: 'X', side: 'buy', amount: '-1e-3' }] })).reason).toBe('fetchOpenOrders[0].amount: "-0.001" must be greater than zero (written -1e-3)');
    // Other formats still want plain digits.
    expect(refusal({ fileName: 'a.json', text: JSON.stringify({ account_id: 'A', positions: [{ symbol: 'X', qty: '1e-7' }] }) }).reason).toMatch(/"1e-7" uses an exponent/);
  });

  it('keeps an inverse contract in contracts, with what one contract is worth, never a USD amount as the quantity', () => {
    const inverse = { symbol: 'BTC/USD:BTC', contracts: 12, contractSize: 100, side: 'short', entryPrice: 64000.5, inverse: true, linear: false, notional: 0.01875 };
    const s = parseBrokerFile(ccxt({ account: 'a', fetchPositions: [inverse, { ...inverse, symbol: 'ETH/USD:ETH-240628', contracts: 3, contractSize: 10, side: 'long', inverse: undefined }] }));
    expect(s.accounts[0].positions).toEqual([
      // In coin too: ccxt's notional (in the settle coin), signed as the position is, read exactly.
      { at: 'fetchPositions[0]', symbol: 'BTC/USD:BTC', quantity: '-12', avgPrice: '64000.5', contracts: { assetClass: 'swap', multiplier: '100', multiplierUnit: 'USD', coin: { amount: '-0.01875', currency: 'BTC' } } },
      { at: 'fetchPositions[1]', symbol: 'ETH/USD:ETH-240628', quantity: '3', avgPrice: '64000.5', contracts: { assetClass: 'future', multiplier: '10', multiplierUnit: 'USD', coin: { amount: '0.01875', currency: 'ETH' } } }, // linear: false alone
    ]);
    // Without a notional, no coin amount is made up.
    const bare = parseBrokerFile(ccxt({ account: 'a', fetchPositions: [{ ...inverse, notional: undefined }] }));
    expect(bare.accounts[0].positions![0].contracts).toEqual({ assetClass: 'swap', multiplier: '100', multiplierUnit: 'USD' });
    // Linear contracts stay in coins: contracts × contractSize.
    const linear = parseBrokerFile(ccxt({ account: 'a', fetchPositions: [{ symbol: 'DOGE/USDT:USDT', contracts: 40, contractSize: 0.001, side: 'long', linear: true, inverse: false }] }));
    expect(linear.accounts[0].positions![0]).toEqual({ at: 'fetchPositions[0]', symbol: 'DOGE/USDT:USDT', quantity: '0.04', avgPrice: null });
    expect(refusal(ccxt({ account: 'a', fetchPositions: [{ ...inverse, linear: true }] })).reason).toBe('fetchPositions[0].inverse: inverse is true and linear is true: one contract cannot be both or neither');
    expect(refusal(ccxt({ account: 'a', fetchPositions: [{ ...inverse, contractSize: undefined }] })).reason).toBe('fetchPositions[0].contractSize: required for an inverse contract (what one contract is worth in the quote currency)');
  });

  it('keeps the exchange the file names, per account or for all of them', () => {
    const one = parseBrokerFile(ccxt({ account: 'a', exchange: 'binanceusdm', fetchPositions: [] }));
    expect(one.accounts[0].venue).toBe('binanceusdm');
    expect(parseBrokerFile(ccxt({ account: 'a', id: 'kraken', fetchPositions: [] })).accounts[0].venue).toBe('kraken');
    const many = parseBrokerFile(ccxt({ exchange: 'bybit', accounts: { x: { fetchPositions: [] }, y: { exchange: 'okx', fetchPositions: [] } } }));
    expect(many.accounts.map((a) => a.venue)).toEqual(['bybit', 'okx']);
    expect(parseBrokerFile(ccxt({ account: 'a', fetchPositions: [] })).accounts[0].venue).toBeUndefined();
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
