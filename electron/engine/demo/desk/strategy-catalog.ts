// The desk's strategies: six named ones on both desk sizes, and templates the large desk draws
// more from (a family, a bar interval and the symbols it trades, named after what it does).
import type { StrategyStatus } from '../../../../shared/domain';
import * as inst from '../instruments';
import type { Rng } from '../rng';
import type { Family, StrategyTemplate } from '../strategy-state';
import { ALPACA, BINANCE, type AccountSpec } from './accounts-catalog';

export interface StrategySpec extends StrategyTemplate {
  strategyId: string;
  account: AccountSpec;
  status: StrategyStatus;
}

export const NAMED: readonly [string, Family, string, string[], AccountSpec, StrategyStatus][] = [
  ['mean-reversion-spy', 'mean-reversion', '15m', ['SPY'], ALPACA, 'running'],
  ['pairs-ko-pep', 'pairs', '1h', ['KO', 'PEP'], ALPACA, 'running'],
  ['momentum-tech-1d', 'momentum', '1d', ['NVDA', 'MSFT', 'AAPL'], ALPACA, 'paused'],
  ['btc-momentum-4h', 'momentum', '4h', ['BTC/USDT'], BINANCE, 'running'],
  ['eth-basis-carry', 'basis-carry', '8h', ['ETH/USDT'], BINANCE, 'running'],
  ['sol-breakout-1h', 'breakout', '1h', ['SOL/USDT'], BINANCE, 'running'],
];

export const isNamed = (name: string): boolean => NAMED.some((n) => n[0] === name);

/** The strategy the small and the large desk both halt on a daily-loss breach. */
export const HALTED_STRATEGY = 'sol-breakout-1h';

export const strategyIdOf = (name: string) => `stg-${name}`;

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
/** The coin of a pair, as it appears in a strategy name ("BTC/USDT" → "btc"). */
const coin = (pair: string) => slug(inst.splitPair(pair).base);

export type TemplateFn = (r: Rng, symbols: string[]) => StrategyTemplate;

/**
 * A template that trades one symbol: it picks the symbol, then the bar interval when it has a
 * choice of several (a fixed interval draws nothing from the generator).
 */
function oneSymbol(family: Family, timeframe: string | readonly string[], name: (symbol: string, tf: string) => string): TemplateFn {
  return (r, s) => {
    const symbol = r.pick(s);
    const tf = typeof timeframe === 'string' ? timeframe : r.pick(timeframe);
    return { name: name(symbol, tf), family, timeframe: tf, focus: [symbol] };
  };
}

export const EQUITY_TEMPLATES: readonly TemplateFn[] = [
  oneSymbol('mean-reversion', ['5m', '15m', '1h'], (t) => `mean-reversion-${slug(t)}`),
  oneSymbol('momentum', ['1h', '4h', '1d'], (t, tf) => `momentum-${slug(t)}-${tf}`),
  (r, s) => {
    const [a, b] = r.sample(s, 2);
    return { name: `pairs-${slug(a)}-${slug(b)}`, family: 'pairs', timeframe: '1h', focus: [a, b] };
  },
  (r, s) => {
    const sector = r.pick(['tech', 'energy', 'banks', 'staples', 'healthcare', 'semis', 'industrials', 'telecom']);
    return { name: `stat-arb-${sector}`, family: 'stat-arb', timeframe: '1d', focus: r.sample(s, 4) };
  },
  oneSymbol('trend', ['4h', '1d'], (t, tf) => `trend-${slug(t)}-${tf}`),
  oneSymbol('vwap-exec', '1m', (t) => `vwap-exec-${slug(t)}`),
  oneSymbol('earnings-drift', '1d', (t) => `earnings-drift-${inst.marketOf(t).toLowerCase()}`),
];

export const CRYPTO_TEMPLATES: readonly TemplateFn[] = [
  oneSymbol('momentum', ['1h', '4h', '1d'], (p, tf) => `${coin(p)}-momentum-${tf}`),
  oneSymbol('basis-carry', '8h', (p) => `${coin(p)}-basis-carry`),
  oneSymbol('breakout', ['15m', '1h', '4h'], (p, tf) => `${coin(p)}-breakout-${tf}`),
  oneSymbol('market-making', 'tick', (p) => `mm-${slug(p)}`),
  oneSymbol('grid', '5m', (p) => `grid-${slug(p)}`),
  oneSymbol('funding-arb', '8h', (p) => `${coin(p)}-funding-arb`),
  oneSymbol('mean-reversion', ['5m', '15m'], (p, tf) => `${coin(p)}-mean-reversion-${tf}`),
];
