// The desk's accounts: five real-looking broker accounts, their cash ranges, the style of their
// broker order ids and the instruments each may trade. The small desk has the first two.
import type { AccountKind, AccountType } from '../../../../shared/domain';
import * as inst from '../instruments';
import type { DeskSize } from './profile';

/** The tradable symbols of the desk, per market: the real catalog first, made-up listings after. */
export interface Universes {
  US: string[];
  EU: string[];
  UK: string[];
  JP: string[];
  /** Coin codes, real ones first. */
  COINS: string[];
}

/** How a broker numbers its orders: UUIDs (Alpaca), Kraken txids, or a rising number. */
export type BrokerIdStyle =
  | { style: 'uuid' }
  | { style: 'kraken' }
  | { style: 'numeric'; start: readonly [number, number]; step: number };

export interface AccountSpec {
  accountId: string;
  name: string;
  broker: string;
  kind: AccountKind;
  accountType: AccountType;
  baseCurrency: string;
  cash: readonly (readonly [currency: string, min: string, max: string, scale: number])[];
  brokerIds: BrokerIdStyle;
  /** Fractional share orders (Alpaca only). */
  fractional?: boolean;
  universe(u: Universes): string[];
}

export const REAL_COINS = Object.keys(inst.COINS);
const pairs = (coins: readonly string[], quote: string) => coins.filter((c) => c !== quote).map((c) => `${c}/${quote}`);

export const ALPACA: AccountSpec = {
  accountId: 'acct-alpaca-01',
  name: 'Alpaca — US equities',
  broker: 'Alpaca',
  kind: 'equities',
  accountType: 'cash',
  baseCurrency: 'USD',
  cash: [['USD', '150000', '900000', 2]],
  brokerIds: { style: 'uuid' },
  fractional: true,
  universe: (u) => u.US,
};

export const BINANCE: AccountSpec = {
  accountId: 'acct-binance-01',
  name: 'Binance — crypto margin',
  broker: 'Binance',
  kind: 'crypto',
  accountType: 'margin',
  baseCurrency: 'USDT',
  cash: [
    ['USDT', '200000', '1500000', 8],
    ['USD', '5000', '50000', 2],
    ['EUR', '2000', '30000', 2],
    ['BTC', '0.5', '4', 8],
  ],
  brokerIds: { style: 'numeric', start: [20_000_000_000, 40_000_000_000], step: 900 },
  universe: (u) => [...pairs(u.COINS, 'USDT'), ...pairs(REAL_COINS.slice(1, 13), 'BTC'), ...pairs(REAL_COINS.slice(0, 8), 'EUR')],
};

const IBKR: AccountSpec = {
  accountId: 'acct-ibkr-01',
  name: 'Interactive Brokers — global equities',
  broker: 'Interactive Brokers',
  kind: 'equities',
  accountType: 'margin',
  baseCurrency: 'USD',
  cash: [
    ['USD', '1000000', '5000000', 2],
    ['EUR', '100000', '800000', 2],
    ['GBP', '50000', '400000', 2],
    ['JPY', '5000000', '60000000', 0],
  ],
  brokerIds: { style: 'numeric', start: [1_000_000_000, 1_500_000_000], step: 40 },
  universe: (u) => [...u.US, ...u.EU, ...u.UK, ...u.JP],
};

const SAXO: AccountSpec = {
  accountId: 'acct-saxo-01',
  name: 'Saxo — UK & EU equities',
  broker: 'Saxo Bank',
  kind: 'equities',
  accountType: 'cash',
  baseCurrency: 'GBP',
  cash: [
    ['GBP', '300000', '2000000', 2],
    ['EUR', '50000', '300000', 2],
  ],
  brokerIds: { style: 'numeric', start: [5_000_000_000, 5_500_000_000], step: 25 },
  universe: (u) => [...u.UK, ...u.EU],
};

const KRAKEN: AccountSpec = {
  accountId: 'acct-kraken-01',
  name: 'Kraken — crypto spot',
  broker: 'Kraken',
  kind: 'crypto',
  accountType: 'cash',
  baseCurrency: 'EUR',
  cash: [
    ['EUR', '100000', '900000', 2],
    ['USD', '10000', '80000', 2],
    ['GBP', '5000', '40000', 2],
    ['BTC', '0.2', '2', 8],
  ],
  brokerIds: { style: 'kraken' },
  universe: (u) => [...pairs(u.COINS, 'EUR'), ...pairs(REAL_COINS.slice(0, 15), 'USD'), ...pairs(REAL_COINS.slice(0, 6), 'GBP')],
};

export const ACCOUNTS: Record<DeskSize, readonly AccountSpec[]> = {
  tiny: [ALPACA, BINANCE],
  small: [ALPACA, BINANCE],
  large: [ALPACA, IBKR, SAXO, BINANCE, KRAKEN],
};

/** The account the large desk halts (operator halt after broker errors). */
const HALTED_ACCOUNT = 'acct-kraken-01';

/** Whether the operator has halted this account (only ever on the large desk). */
export function isHaltedAccount(size: DeskSize, accountId: string): boolean {
  return size === 'large' && accountId === HALTED_ACCOUNT;
}
