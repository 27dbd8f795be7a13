// A CCXT file names its exchange; the desk knows each account's broker: another venue is a warning.
import { describe, expect, it } from 'vitest';
import { sameVenue, venueWarnings } from '../../../electron/engine/reconcile/venue';

describe('the venue a broker file names', () => {
  it.each([
    ['binance', 'Binance', true],
    ['binanceusdm', 'Binance', true], // ccxt's id for Binance USD-M futures
    ['krakenfutures', 'Kraken', true],
    ['Interactive Brokers', 'interactive-brokers', true],
    ['kraken', 'Binance', false],
    ['bybit', 'Binance', false],
    ['', 'Binance', false],
  ])('%s at an account of %s: same venue %s', (file, desk, same) => {
    expect(sameVenue(file, desk)).toBe(same);
  });

  it('warns per account whose file is from another venue; says nothing when the file names none', () => {
    const brokers: Record<string, string> = { 'acct-binance-01': 'Binance', 'acct-kraken-01': 'Kraken' };
    const snapshot = {
      accounts: [
        { accountId: 'acct-binance-01', venue: 'kraken', positions: [], orders: null, cash: null },
        { accountId: 'acct-kraken-01', venue: 'kraken', positions: [], orders: null, cash: null },
        { accountId: 'acct-kraken-01', positions: [], orders: null, cash: null },
      ],
    };
    expect(venueWarnings(snapshot, (id) => brokers[id] ?? null)).toEqual([
      'WARNING: the file says account acct-binance-01 is at "kraken", but on this desk acct-binance-01 is an account at Binance: is this the right file for it?',
    ]);
  });
});
