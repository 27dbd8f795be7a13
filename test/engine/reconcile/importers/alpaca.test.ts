// Alpaca JSON: numbers as strings, padded symbols, shorts with a negative qty and/or side "short".
import { describe, expect, it } from 'vitest';
import { parseBrokerFile } from '../../../../electron/engine/reconcile/importers';
import { parseFixture, refusal } from './helpers';

const alpaca = (doc: object) => ({ fileName: 'a.json', text: JSON.stringify({ account_id: 'PA1', ...doc }) });

describe('Alpaca import', () => {
  it('reads the account cash, positions and orders (with bracket legs) exactly', () => {
    const s = parseFixture('alpaca.json');
    expect(s).toMatchObject({ format: 'alpaca', asOf: '2024-03-15T13:30:00.000Z' });
    const [a] = s.accounts;
    expect(a.accountId).toBe('PA3K7XQ2ZJ1M');
    expect(a.cash).toEqual([{ at: 'account.cash', currency: 'USD', amount: '25310.75' }]);
    expect(a.positions!.map((p) => [p.symbol, p.quantity, p.avgPrice])).toEqual([
      ['AAPL', '100', '187.25'], // " AAPL " trimmed
      ['TSLA', '-15', '171.05'], // qty "-15" and side "short": negative once
      ['BTC/USD', '0.012345678', '67100.5'], // a JSON number, from its digits
    ]);
    expect(a.orders!.map((o) => [o.at, o.symbol, o.clientOrderId, o.quantity, o.filledQuantity, o.limitPrice, o.status])).toEqual([
      ['orders[0]', 'MSFT', 'mr-1001', '25', '0', '412.5', 'open'], // "new"
      ['orders[1]', 'NVDA', 'mr-1002', '10', '4', '880', 'partially_filled'],
      ['orders[1].legs[0]', 'NVDA', 'mr-1002-tp', '10', '0', '950', 'open'], // "held"
      ['orders[2]', 'AMD', 'mr-0999', '30', '0', null, 'cancelled'], // "canceled"
    ]);
  });

  it('applies the short sign once, whichever way the broker writes it', () => {
    const positions = [
      { symbol: 'A', qty: '-5', side: 'short' },
      { symbol: 'B', qty: '5', side: 'short' },
      { symbol: 'C', qty: '-5' },
      { symbol: 'D', qty: '5', side: 'long' },
    ];
    const s = parseBrokerFile(alpaca({ positions }));
    expect(s.accounts[0].positions!.map((p) => p.quantity)).toEqual(['-5', '-5', '-5', '5']);
    expect(refusal(alpaca({ positions: [{ symbol: 'A', qty: '-5', side: 'long' }] })).reason).toBe(
      'positions[0].qty: the quantity -5 is negative but the side is "long"',
    );
  });

  it.each([
    ['new', 'open'],
    ['accepted', 'open'],
    ['pending_new', 'open'],
    ['partially_filled', 'partially_filled'],
    ['filled', 'filled'],
    ['canceled', 'cancelled'],
    ['expired', 'expired'],
    ['rejected', 'rejected'],
    ['pending_cancel', 'pending_cancel'],
    ['replaced', 'cancelled'],
    ['done_for_day', 'open'],
  ])('maps status %s to %s', (status, expected) => {
    const s = parseBrokerFile(alpaca({ orders: [{ id: 'o1', symbol: 'A', side: 'buy', qty: '1', filled_qty: status === 'filled' ? '1' : '0', status }] }));
    expect(s.accounts[0].orders![0].status).toBe(expected);
  });

  it('reads a notional order (sized in money) with its quantity not reported', () => {
    const orders = [{ id: 'n-1', client_order_id: 'mr-2001', symbol: 'AAPL', side: 'buy', type: 'market', qty: null, notional: '500', filled_qty: '1.2345', status: 'partially_filled' }];
    const [o] = parseBrokerFile(alpaca({ orders })).accounts[0].orders!;
    expect(o).toEqual({ at: 'orders[0]', brokerOrderId: 'n-1', clientOrderId: 'mr-2001', symbol: 'AAPL', side: 'buy', quantity: null, notional: '500', filledQuantity: '1.2345', limitPrice: null, status: 'partially_filled' });
    const filled = parseBrokerFile(alpaca({ orders: [{ ...orders[0], status: 'filled' }] })).accounts[0].orders![0];
    expect(filled).toMatchObject({ quantity: null, filledQuantity: '1.2345', status: 'filled' });
  });

  it('reports only the sections the file has', () => {
    const s = parseBrokerFile(alpaca({ positions: [] }));
    expect(s.accounts[0]).toMatchObject({ positions: [], orders: null, cash: null });
  });

  it.each([
    [{ orders: [{ id: 'o1', symbol: 'A', side: 'buy', qty: null }] }, 'orders[0].qty: required but missing (or a notional)'],
    [{ orders: [{ id: 'o1', symbol: 'A', side: 'buy', qty: null, notional: '0' }] }, 'orders[0].notional: "0" must be greater than zero'],
    [{ orders: [{ id: 'o1', symbol: 'A', side: 'buy', qty: null, notional: '500', status: 'filled' }] }, 'orders[0].filled_qty: required for a filled notional order (its quantity is not reported)'],
    [{ account: { cash: '10', currency: 'XYZ' } }, 'account.currency: unknown currency "XYZ"'],
    [{ account: { currency: 'USD' } }, 'account.cash: required but missing'],
    [{ positions: [{ symbol: 'A', qty: '1.5 ' }] }, 'positions[0].qty: "1.5 " is not a decimal (empty or padded with spaces)'],
    [{ positions: [{ symbol: '   ', qty: '1' }] }, 'positions[0].symbol: must not be empty'],
    [{ orders: [{ id: 'o1', symbol: 'A', side: 'buy', qty: '0' }] }, 'orders[0].qty: "0" must be greater than zero'],
  ])('refuses %j', (doc, message) => {
    expect(refusal(alpaca(doc)).reason).toContain(message);
  });
});
