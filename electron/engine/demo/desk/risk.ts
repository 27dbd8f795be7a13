// Risk state: limits sized from what each account and strategy is worth, a peak and a start of
// day near that value, and the halts — the Kraken account (operator), the named breakout
// strategy (daily loss) and on the large desk one generated strategy (drawdown).
import type { RiskState } from '../../../../shared/domain';
import { Dec, toStored } from '../../../../shared/decimal';
import type { Rng } from '../rng';
import { timesBps } from '../fixed';
import type { AccountSpec } from './accounts-catalog';
import type { Desk, StrategyRuntime } from './desk';
import { HOUR } from './profile';
import { HALTED_STRATEGY } from './strategy-catalog';

export function buildRisk(desk: Desk, r: Rng): void {
  for (const spec of desk.specs) {
    desk.store.putRisk(accountRisk(desk, spec, r));
    desk.counts.riskStates++;
  }
  for (const st of desk.strategies) {
    const isHalted = desk.halted.has(st.spec.name);
    // Most strategies have risk state of their own; the halted ones always do.
    if (!isHalted && !r.chance(0.75)) continue;
    desk.store.putRisk(strategyRisk(desk, st, isHalted, r));
    desk.counts.riskStates++;
  }
}

function accountRisk(desk: Desk, spec: AccountSpec, r: Rng): RiskState {
  let value = desk.cashValue(spec.accountId, spec.baseCurrency);
  for (const st of desk.strategies) if (st.spec.account === spec) value = value.plus(st.positionsValue);
  value = value.abs();
  const accountHalted = desk.isHaltedAccount(spec.accountId);
  return {
    accountId: spec.accountId,
    strategyId: '',
    peakValue: toStored(timesBps(value, r.int(0, 800)), 2),
    dailyStartValue: toStored(timesBps(value, r.int(-150, 150)), 2),
    tradingEnabled: !accountHalted,
    haltReason: accountHalted
      ? `halted by operator after broker errors: 12 consecutive order rejections (EAPI:Rate limit exceeded) since ${desk.iso(desk.asOfMs - r.int(20, 90) * 60_000)}`
      : null,
    limits: riskLimits(value, '20'),
    updatedAt: desk.iso(desk.asOfMs - r.int(1000, HOUR)),
  };
}

function strategyRisk(desk: Desk, st: StrategyRuntime, isHalted: boolean, r: Rng): RiskState {
  const strat = desk.store.strategy(st.spec.strategyId)!;
  const value = new Dec(strat.cash).plus(st.positionsValue).abs();
  const limits = riskLimits(value, '12');
  const ccy = st.spec.account.baseCurrency;
  let dailyStart = timesBps(value, r.int(-120, 120));
  let peak = timesBps(value, r.int(0, 600));
  let haltReason: string | null = null;
  // A halt is backed by the numbers: the start of day or the peak is moved to breach the limit.
  if (isHalted && st.spec.name === HALTED_STRATEGY) {
    const loss = timesBps(limits.maxDailyLoss, r.int(50, 900));
    dailyStart = value.plus(loss);
    haltReason = `daily loss ${toStored(loss, 2)} ${ccy} exceeded maxDailyLoss ${limits.maxDailyLoss} ${ccy} at ${desk.iso(desk.asOfMs - r.int(30, 300) * 60_000)}`;
  } else if (isHalted) {
    const dd = new Dec(limits.maxDrawdownPct).plus(r.decimal('0.1', '2.5', 1));
    peak = value.times(100).div(new Dec(100).minus(dd));
    haltReason = `drawdown ${toStored(dd, 1)}% from peak exceeded maxDrawdownPct ${limits.maxDrawdownPct}% at ${desk.iso(desk.asOfMs - r.int(2, 20) * HOUR)}`;
  }
  return {
    accountId: st.spec.account.accountId,
    strategyId: st.spec.strategyId,
    peakValue: toStored(Dec.max(peak, value, dailyStart), 2),
    dailyStartValue: toStored(dailyStart, 2),
    tradingEnabled: !isHalted,
    haltReason,
    limits,
    updatedAt: desk.iso(desk.asOfMs - r.int(1000, 2 * HOUR)),
  };
}

function riskLimits(value: Dec, drawdownPct: string): Record<string, string> {
  return {
    maxPositionValue: toStored(value.times('0.1'), 0),
    maxDailyLoss: toStored(value.times('0.02'), 0),
    maxDrawdownPct: drawdownPct,
  };
}
