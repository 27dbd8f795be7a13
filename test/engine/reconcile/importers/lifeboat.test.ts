// Lifeboat's own snapshot file: read strictly, written canonically, and the two agree.
import { describe, expect, it } from 'vitest';
import { parseBrokerFile, writeLifeboatSnapshot } from '../../../../electron/engine/reconcile/importers';
import { fixture, parseFixture, refusal } from './helpers';

const lifeboat = (accounts: unknown[], more: object = {}) => ({
  fileName: 'l.json',
  text: JSON.stringify({ format: 'lifeboat-broker-snapshot', version: 1, asOf: null, accounts, ...more }),
});

describe('Lifeboat snapshot file', () => {
  it('reads 18-decimal values exactly and keeps null (not reported) apart from [] (none)', () => {
    const s = parseFixture('lifeboat.json');
    expect(s).toMatchObject({ format: 'lifeboat', asOf: '2024-03-15T13:30:00.000Z' });
    const [crypto, eq] = s.accounts;
    expect(crypto.positions![0]).toEqual({ at: 'accounts[0].positions[0]', symbol: 'BTC/USDT', quantity: '0.123456789012345678', avgPrice: '66850.123456789012345678' });
    expect(crypto.cash!.map((c) => c.amount)).toEqual(['-125.75', '0.000000000000000001']);
    expect(crypto.orders![1]).toMatchObject({ brokerOrderId: null, clientOrderId: 'ord-1002', limitPrice: null });
    expect(eq).toEqual({ accountId: 'ACC-EQ', positions: null, orders: [], cash: null });
  });

  it('writes the fixture back byte for byte', () => {
    const text = fixture('lifeboat.json');
    expect(writeLifeboatSnapshot(parseBrokerFile({ fileName: 'l.json', text }))).toBe(text);
  });

  it('round-trips what it writes', () => {
    const s = parseFixture('ccxt-binance.json');
    const again = parseBrokerFile({ fileName: 'again.json', text: writeLifeboatSnapshot(s) });
    const strip = (x: typeof s) => x.accounts.map((a) => JSON.parse(JSON.stringify(a, (k, v) => (k === 'at' ? undefined : v))));
    expect(again.format).toBe('lifeboat');
    expect(strip(again)).toEqual(strip(s));
  });

  it('carries an order sized in money (quantity null, notional) through its own file', () => {
    const orders = [{ brokerOrderId: 'n-1', clientOrderId: null, symbol: 'AAPL', side: 'buy', quantity: null, notional: '500', filledQuantity: '0', limitPrice: null, status: 'open' }];
    const text = JSON.stringify({ format: 'lifeboat-broker-snapshot', version: 1, asOf: null, accounts: [{ accountId: 'A', orders }] });
    const s = parseBrokerFile({ fileName: 'n.json', text });
    expect(s.accounts[0].orders).toEqual([{ at: 'accounts[0].orders[0]', ...orders[0] }]);
    expect(parseBrokerFile({ fileName: 'again.json', text: writeLifeboatSnapshot(s) }).accounts[0].orders).toEqual(s.accounts[0].orders);
    const bare = JSON.stringify({ format: 'lifeboat-broker-snapshot', version: 1, accounts: [{ accountId: 'A', orders: [{ ...orders[0], notional: undefined }] }] });
    expect(refusal({ fileName: 'q.json', text: bare }).reason).toContain('accounts[0].orders[0].quantity: required but missing');
  });

  it.each([
    [{ version: 2 }, [{ accountId: 'A', positions: [] }], 'version: this Lifeboat reads version 1'],
    [{}, [{ accountId: 'A', positions: [{ symbol: 'X', quantity: '1', avgPrice: null, colour: 'red' }] }], 'accounts[0].positions[0].colour: unknown field "colour"'],
    [{}, [{ accountId: 'A', positions: [] }, { accountId: 'A', cash: [] }], 'accounts[1].accountId: account A appears twice'],
    [{}, [{ accountId: 'A', orders: [{ brokerOrderId: '1', symbol: 'X', side: 'buy', quantity: '1', filledQuantity: '0', status: 'new' }] }], 'accounts[0].orders[0].status: expected one of open'],
    [{}, [], 'accounts: names no account'],
  ])('refuses %j %j', (more, accounts, message) => {
    expect(refusal(lifeboat(accounts, more)).reason).toContain(message);
  });
});
