// Shaping desk.status for the dashboard: per-currency rows of an account card, desk cash totals,
// and the exposure chart's series.
import type { AccountSummary } from '../../../../../shared/api/contract';
import type { CashBalance, RiskState } from '../../../../../shared/domain';
import { canonical, Dec, sum } from '../../../../../shared/decimal';
import { compareDecimalText } from '../../../../../shared/decimal-text';

export interface CurrencyRow {
  currency: string;
  cash: string | null;
  gross: string | null;
  net: string | null;
  pnl: string | null;
}

/** One row per currency the account holds or is exposed in; the base currency first. */
export function currencyRows(s: AccountSummary): CurrencyRow[] {
  const cash = new Map(s.cash.map((c) => [c.currency, c.amount]));
  const currencies = new Set<string>([...cash.keys(), ...Object.keys(s.grossExposure), ...Object.keys(s.netExposure), ...Object.keys(s.unrealizedPnl)]);
  const base = s.account.baseCurrency;
  return [...currencies]
    .sort((a, b) => (a === base ? -1 : b === base ? 1 : a.localeCompare(b)))
    .map((currency) => ({
      currency,
      cash: cash.get(currency) ?? null,
      gross: s.grossExposure[currency] ?? null,
      net: s.netExposure[currency] ?? null,
      pnl: s.unrealizedPnl[currency] ?? null,
    }));
}

/** Cash of the whole desk per currency, summed exactly. */
export function deskCash(balances: readonly CashBalance[]): { currency: string; amount: string; accounts: number }[] {
  const by = new Map<string, string[]>();
  for (const b of balances) by.set(b.currency, [...(by.get(b.currency) ?? []), b.amount]);
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amounts]) => ({ currency, amount: canonical(sum(amounts)), accounts: amounts.length }));
}

export interface ExposurePoint {
  account: string;
  accountId: string;
  /** Floats for drawing bars only; the tooltip shows the exact strings. */
  gross: number;
  net: number;
  grossExact: string;
  netExact: string;
}

/** Per currency, each account's gross and net exposure, largest gross first. */
export function exposureSeries(accounts: readonly AccountSummary[]): { currency: string; points: ExposurePoint[] }[] {
  const by = new Map<string, ExposurePoint[]>();
  for (const s of accounts) {
    for (const [currency, gross] of Object.entries(s.grossExposure)) {
      const net = s.netExposure[currency] ?? '0';
      const point: ExposurePoint = {
        account: s.account.name,
        accountId: s.account.accountId,
        gross: new Dec(gross).toNumber(),
        net: new Dec(net).toNumber(),
        grossExact: gross,
        netExact: net,
      };
      by.set(currency, [...(by.get(currency) ?? []), point]);
    }
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, points]) => ({ currency, points: points.sort((a, b) => compareDecimalText(b.grossExact, a.grossExact)) }));
}

/** Accounts whose trading is halted, for the banner. */
export function haltedAccounts(accounts: readonly AccountSummary[]): AccountSummary[] {
  return accounts.filter((a) => !a.tradingEnabled);
}

/** Strategies whose own risk state halts them, per account (the account itself may still trade). */
export function haltedStrategiesByAccount(risk: readonly RiskState[]): Map<string, RiskState[]> {
  const by = new Map<string, RiskState[]>();
  for (const r of risk) {
    if (r.tradingEnabled || r.strategyId === '') continue;
    by.set(r.accountId, [...(by.get(r.accountId) ?? []), r]);
  }
  return by;
}
