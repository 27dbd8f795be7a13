// What each desk size holds: how many positions and orders, how deep the history, how much money.
// 'tiny' is the small desk's accounts and strategies with a tenth of its rows, for tests that
// open, check and recover a desk hundreds of times.
export type DeskSize = 'tiny' | 'small' | 'large';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface Profile {
  positions: number;
  orders: number;
  openOrders: readonly [number, number];
  historyDays: number;
  bracketRate: number;
  /** Cash balances are the account's ranges times this (a bigger desk runs more money). */
  cashMultiplier: number;
  synthetic: { US: number; EU: number; UK: number; JP: number; COINS: number };
  /** Strategies added per account on top of the six named ones. */
  extraStrategies: Readonly<Record<string, number>>;
}

export const PROFILES: Record<DeskSize, Profile> = {
  tiny: {
    positions: 20,
    orders: 200,
    openOrders: [10, 16],
    historyDays: 3,
    bracketRate: 0.05,
    cashMultiplier: 1,
    synthetic: { US: 0, EU: 0, UK: 0, JP: 0, COINS: 0 },
    extraStrategies: {},
  },
  small: {
    positions: 200,
    orders: 2000,
    openOrders: [45, 70],
    historyDays: 14,
    bracketRate: 0.05,
    cashMultiplier: 1,
    synthetic: { US: 0, EU: 0, UK: 0, JP: 0, COINS: 0 },
    extraStrategies: {},
  },
  large: {
    positions: 10_000,
    orders: 200_000,
    openOrders: [320, 460],
    historyDays: 90,
    bracketRate: 0.04,
    cashMultiplier: 20,
    synthetic: { US: 1200, EU: 240, UK: 240, JP: 150, COINS: 500 },
    extraStrategies: { 'acct-alpaca-01': 6, 'acct-ibkr-01': 10, 'acct-saxo-01': 6, 'acct-binance-01': 7, 'acct-kraken-01': 5 },
  },
};
