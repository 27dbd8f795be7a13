// Strategy state documents as the demo's bots keep them: config parameters, indicator values,
// counters, the last signal, P&L and health. Money and indicator values are decimal strings;
// counts and periods are integers.
import { Dec, isCanonical, toStored } from '../../../shared/decimal';
import { priceScale, referencePrice } from './instruments';
import type { Rng } from './rng';

export type Family =
  | 'mean-reversion'
  | 'momentum'
  | 'pairs'
  | 'basis-carry'
  | 'breakout'
  | 'market-making'
  | 'grid'
  | 'stat-arb'
  | 'trend'
  | 'vwap-exec'
  | 'funding-arb'
  | 'earnings-drift';

export interface StrategyTemplate {
  name: string;
  family: Family;
  /** Bar interval the bot trades on ("15m", "4h", "1d"). */
  timeframe: string;
  /** Symbols named by the strategy (the pair legs, the coin); held first. */
  focus: string[];
}

export interface StateContext {
  rng: Rng;
  /** The desk's "now". */
  asOfMs: number;
  /** The account's base currency, for P&L. */
  currency: string;
  startedAtMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function initialState(t: StrategyTemplate, ctx: StateContext): Record<string, unknown> {
  const { rng } = ctx;
  const focus = t.focus[0];
  const p = new Dec(referencePrice(focus));
  const s = priceScale(focus);
  const px = (bps: number) => rng.jitter(p, bps, s);
  const dec = (min: string, max: string, scale: number) => rng.decimal(min, max, scale);
  const signals = rng.int(200, 6000);
  const ordersPlaced = signals + rng.int(0, signals);
  const ordersFilled = Math.floor(ordersPlaced * (0.55 + rng.float() * 0.35));
  const wins = Math.floor(ordersFilled * (0.45 + rng.float() * 0.15) * 0.5);
  const losses = Math.floor(ordersFilled * 0.5) - wins;
  const lastSignalAt = ctx.asOfMs - rng.int(30_000, 6 * 3600_000);

  let config: Record<string, unknown>;
  let indicators: Record<string, unknown>;
  switch (t.family) {
    case 'mean-reversion':
      config = { lookbackBars: rng.pick([20, 30, 50]), entryZ: '2', exitZ: '0.5', stopLossPct: '3', maxPositionNotional: '25000' };
      indicators = { sma: px(80), stdev: toStored(p.times(dec('0.004', '0.02', 4)), s), zscore: dec('-2.8', '2.8', 3), rsi14: dec('18', '82', 1) };
      indicators.bollingerUpper = toStored(new Dec(indicators.sma as string).plus(new Dec(indicators.stdev as string).times(2)), s);
      indicators.bollingerLower = toStored(new Dec(indicators.sma as string).minus(new Dec(indicators.stdev as string).times(2)), s);
      break;
    case 'momentum':
      config = { fastEma: 12, slowEma: 26, signalEma: 9, atrPeriod: 14, atrStopMultiple: '2.5', riskPerTradePct: '0.5' };
      indicators = { emaFast: px(120), emaSlow: px(300), macd: toStored(p.times(dec('-0.01', '0.01', 5)), s), atr14: toStored(p.times(dec('0.008', '0.04', 4)), s), roc20: dec('-12', '15', 2) };
      break;
    case 'pairs': {
      const legB = t.focus[1] ?? focus;
      config = { legA: focus, legB, hedgeRatio: dec('0.3', '1.9', 4), lookbackDays: 60, entryZ: '2.25', exitZ: '0.25', maxGrossNotional: '150000' };
      indicators = { spread: dec('-4', '4', 4), spreadMean: dec('-0.5', '0.5', 4), spreadStd: dec('0.8', '2.4', 4), zscore: dec('-2.5', '2.5', 3), halfLifeDays: dec('3', '18', 1), cointegrationPValue: dec('0.001', '0.049', 4) };
      break;
    }
    case 'basis-carry':
    case 'funding-arb':
      config = { spotSymbol: focus, perpSymbol: `${focus.split('/')[0]}-PERP`, minAnnualizedBasisPct: '8', maxLeverage: '3', rebalanceThresholdPct: '1.5', maxNotional: '500000' };
      indicators = { spot: toStored(p, s), perp: px(40), annualizedBasisPct: dec('2', '24', 2), fundingRate8h: dec('-0.0002', '0.0006', 6), hedgeDeltaPct: dec('-1.5', '1.5', 2) };
      break;
    case 'breakout':
      config = { channelBars: 20, volumeMultiple: '1.8', trailingStopPct: '4', confirmBars: 2 };
      indicators = { donchianHigh: toStored(p.times(dec('1.01', '1.06', 4)), s), donchianLow: toStored(p.times(dec('0.93', '0.99', 4)), s), atr: toStored(p.times(dec('0.01', '0.05', 4)), s), volumeRatio: dec('0.4', '3.2', 2) };
      break;
    case 'market-making':
      config = { spreadBps: rng.pick([6, 8, 12, 20]), quoteSize: dec('0.01', '2', 3), inventoryLimit: dec('5', '50', 1), skewFactor: '0.35', refreshMs: 500 };
      indicators = { mid: toStored(p, s), microprice: px(5), inventory: dec('-4', '4', 4), realizedSpreadBps: dec('1', '9', 2), fillRatio: dec('0.05', '0.4', 3) };
      break;
    case 'grid':
      config = { lower: toStored(p.times('0.85'), s), upper: toStored(p.times('1.15'), s), levels: rng.pick([16, 24, 40]), orderSize: dec('0.01', '5', 3) };
      indicators = { mid: toStored(p, s), activeLevels: rng.int(6, 16), gridProfit: dec('120', '9000', 2) };
      break;
    case 'stat-arb':
      config = { basketSize: rng.pick([8, 12, 20]), lookbackDays: 90, entryZ: '1.75', exitZ: '0.3', maxGrossNotional: '400000', neutrality: 'dollar' };
      indicators = { basketZ: dec('-2.2', '2.2', 3), grossExposure: dec('80000', '390000', 2), netExposure: dec('-8000', '8000', 2), pcaFactor1: dec('-1', '1', 4) };
      break;
    case 'trend':
      config = { fastMa: 50, slowMa: 200, atrStopMultiple: '3', pyramidSteps: 3 };
      indicators = { maFast: px(200), maSlow: px(600), adx14: dec('10', '55', 1), regime: rng.pick(['up', 'down', 'range']) };
      break;
    case 'vwap-exec':
      config = { targetParticipationPct: '8', maxParticipationPct: '15', slices: rng.pick([24, 48, 96]), urgency: rng.pick(['low', 'medium', 'high']) };
      indicators = { vwap: px(30), arrivalPrice: px(60), slippageBps: dec('-4', '9', 2), completedPct: dec('0', '100', 1) };
      break;
    case 'earnings-drift':
      config = { holdDays: 20, surpriseThresholdPct: '5', maxNames: 25, maxPositionNotional: '40000' };
      indicators = { openEvents: rng.int(0, 12), avgSurprisePct: dec('-8', '14', 2), driftSinceEntryPct: dec('-6', '9', 2) };
      break;
  }

  return {
    schemaVersion: 3,
    family: t.family,
    timeframe: t.timeframe,
    universe: t.focus,
    config,
    indicators,
    counters: {
      ticks: rng.int(10_000, 900_000),
      signals,
      ordersPlaced,
      ordersFilled,
      ordersCancelled: ordersPlaced - ordersFilled,
      wins,
      losses,
      consecutiveLosses: rng.int(0, 4),
    },
    lastSignal: {
      symbol: focus,
      side: rng.pick(['buy', 'sell']),
      strength: dec('0.05', '1', 3),
      reason: signalReason(t.family, rng),
      at: iso(lastSignalAt),
    },
    pnl: {
      currency: ctx.currency,
      realized: dec('-25000', '180000', 2),
      fees: dec('150', '9000', 2),
      highWaterMark: dec('180000', '900000', 2),
    },
    health: { lastHeartbeatAt: iso(ctx.asOfMs - rng.int(1000, 120_000)), consecutiveErrors: 0, lastError: null },
    startedAt: iso(ctx.startedAtMs),
    updatedAt: iso(ctx.asOfMs - rng.int(1000, 300_000)),
  };
}

function signalReason(family: Family, rng: Rng): string {
  const reasons: Record<Family, string[]> = {
    'mean-reversion': ['zscore below -2 (oversold)', 'zscore above 2 (overbought)', 'exit: zscore back inside 0.5'],
    momentum: ['MACD crossed above signal', 'MACD crossed below signal', 'ATR trailing stop hit'],
    pairs: ['spread z above entry', 'spread z below -entry', 'spread reverted, closing legs'],
    'basis-carry': ['basis above threshold, adding carry', 'basis compressed, reducing', 'delta rebalance'],
    'funding-arb': ['funding positive, short perp / long spot', 'funding flipped, unwinding'],
    breakout: ['close above 20-bar high on volume', 'close below 20-bar low', 'trailing stop hit'],
    'market-making': ['requote: mid moved', 'inventory skew adjusted', 'spread widened on volatility'],
    grid: ['level filled, placing opposite level', 'price left grid range'],
    'stat-arb': ['basket rebalance', 'factor exposure above limit'],
    trend: ['fast MA above slow MA', 'fast MA below slow MA', 'pyramid step added'],
    'vwap-exec': ['slice due', 'behind schedule, increasing participation'],
    'earnings-drift': ['positive surprise, entering', 'holding period over, exiting'],
  };
  return rng.pick(reasons[family]);
}

export interface StateEvent {
  ordersPlaced: number;
  fills: number;
  cancels: number;
  signal: { symbol: string; side: 'buy' | 'sell' } | null;
}

/**
 * The state after one simulator tick: counters advance, indicators drift a little, the last
 * signal and heartbeat move to `now`. Returns null when the state is not an object we understand
 * (an imported strategy's own document is left alone).
 */
export function advanceState(state: unknown, rng: Rng, now: string, ev: StateEvent): Record<string, unknown> | null {
  if (!isRecord(state)) return null;
  const next: Record<string, unknown> = { ...state };
  const counters = isRecord(state.counters) ? { ...state.counters } : {};
  const bump = (key: string, by: number) => {
    const v = counters[key];
    counters[key] = (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0) + by;
  };
  bump('ticks', 1);
  if (ev.signal) bump('signals', 1);
  bump('ordersPlaced', ev.ordersPlaced);
  bump('ordersFilled', ev.fills);
  bump('ordersCancelled', ev.cancels);
  next.counters = counters;
  if (isRecord(state.indicators)) {
    const indicators: Record<string, unknown> = {};
    for (const key of Object.keys(state.indicators).sort()) {
      const v = state.indicators[key];
      if (typeof v === 'string' && isCanonical(v) && v !== '0') {
        const scale = v.includes('.') ? v.length - v.indexOf('.') - 1 : 0;
        indicators[key] = rng.jitter(v, 25, scale);
      } else {
        indicators[key] = v;
      }
    }
    next.indicators = indicators;
  }
  if (ev.signal) {
    next.lastSignal = {
      symbol: ev.signal.symbol,
      side: ev.signal.side,
      strength: rng.decimal('0.05', '1', 3),
      reason: typeof state.family === 'string' && isFamily(state.family) ? signalReason(state.family, rng) : 'signal',
      at: now,
    };
  }
  next.health = { ...(isRecord(state.health) ? state.health : {}), lastHeartbeatAt: now, consecutiveErrors: 0 };
  next.updatedAt = now;
  return next;
}

const FAMILIES: readonly Family[] = [
  'mean-reversion', 'momentum', 'pairs', 'basis-carry', 'breakout', 'market-making', 'grid', 'stat-arb', 'trend',
  'vwap-exec', 'funding-arb', 'earnings-drift',
];
const isFamily = (s: string): s is Family => (FAMILIES as readonly string[]).includes(s);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
