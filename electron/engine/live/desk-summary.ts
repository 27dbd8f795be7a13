// The desk overview per account: a pure function of the live state's rows; and the figures of
// desk.status that come from the live tables.
import type { AccountSummary, DeskStatus } from '../../../shared/api/contract';
import type { Account, CashBalance, Position, RiskState, Strategy } from '../../../shared/domain';
import { Dec, toStored, ZERO } from '../../../shared/decimal';
import type { LiveStore } from './live-store';

/** What the overview needs of a position (not its cost basis: working that out for 10,000 is half the read). */
export type PositionFigures = Pick<Position, 'accountId' | 'currency' | 'quantity' | 'avgPrice' | 'lastPrice'>;

export interface DeskRows {
  accounts: Account[];
  strategies: Strategy[];
  positions: PositionFigures[];
  cash: CashBalance[];
  risk: RiskState[];
  openOrdersByAccount: Map<string, number>;
  lastActivityByAccount: Map<string, string>;
}

export function summariseAccounts(rows: DeskRows): AccountSummary[] {
  return rows.accounts.map((account) => {
    const id = account.accountId;
    const gross = new Map<string, Dec>();
    const net = new Map<string, Dec>();
    const pnl = new Map<string, Dec>();
    let positions = 0;
    for (const p of rows.positions) {
      if (p.accountId !== id) continue;
      positions++;
      if (p.lastPrice === null) continue;
      const value = new Dec(p.quantity).times(p.lastPrice);
      add(gross, p.currency, value.abs());
      add(net, p.currency, value);
      if (p.avgPrice !== null) add(pnl, p.currency, new Dec(p.lastPrice).minus(p.avgPrice).times(p.quantity));
    }
    const strategies = rows.strategies.filter((s) => s.accountId === id);
    const risk = rows.risk.find((r) => r.accountId === id && r.strategyId === '');
    return {
      account,
      cash: rows.cash.filter((c) => c.accountId === id),
      grossExposure: toRecord(gross),
      netExposure: toRecord(net),
      unrealizedPnl: toRecord(pnl),
      positions,
      openOrders: rows.openOrdersByAccount.get(id) ?? 0,
      strategies: { running: strategies.filter((s) => s.status === 'running').length, total: strategies.length },
      tradingEnabled: risk?.tradingEnabled ?? true,
      haltReason: risk?.haltReason ?? null,
      haltedStrategies: rows.risk
        .filter((r) => r.accountId === id && r.strategyId !== '' && !r.tradingEnabled)
        .map((r) => ({ strategyId: r.strategyId, reason: r.haltReason })),
      lastActivity: rows.lastActivityByAccount.get(id) ?? null,
    };
  });
}

function add(map: Map<string, Dec>, currency: string, value: Dec): void {
  map.set(currency, (map.get(currency) ?? ZERO).plus(value));
}

function toRecord(map: Map<string, Dec>): Record<string, string> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, toStored(v)]));
}

/** What desk.status shows of the live tables: counts, the per-account overview, balances, activity. */
export type DeskFigures = Pick<DeskStatus, 'counts' | 'accounts' | 'balances' | 'lastActivity' | 'settingsHash'>;

export function deskFigures(store: LiveStore): DeskFigures {
  const lastActivity = store.lastActivityByAccount();
  const balances = store.cashBalances();
  const accounts = summariseAccounts({
    accounts: store.accounts(),
    strategies: store.strategies(),
    positions: store.positionFigures(),
    cash: balances,
    risk: store.riskState(),
    openOrdersByAccount: store.openOrdersByAccount(),
    lastActivityByAccount: lastActivity,
  });
  return {
    counts: store.counts(),
    accounts,
    balances,
    lastActivity: [...lastActivity.values()].sort().pop() ?? null,
    settingsHash: store.settingsHash(),
  };
}
