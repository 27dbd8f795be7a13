import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/api/contract';
import type { AuditEntry, Position } from '../../shared/domain';
import { mergeAuditEntries } from '../../renderer/src/pages/audit/model/audit';
import { currencyRows, deskCash, exposureSeries } from '../../renderer/src/pages/dashboard/model/dashboard';
import { statusCounts } from '../../renderer/src/pages/explorer/model/orders';
import { positionView } from '../../renderer/src/model/positions';
import { inScope } from '../../renderer/src/pages/explorer/model/scope';

const summary = (over: Partial<AccountSummary> & { id: string; base?: string }): AccountSummary => ({
  account: {
    accountId: over.id,
    name: `Account ${over.id}`,
    broker: 'paper',
    kind: 'equities',
    accountType: 'margin',
    baseCurrency: over.base ?? 'USD',
    createdAt: '2025-01-01T00:00:00.000Z',
  },
  cash: [],
  haltedStrategies: [],
  grossExposure: {},
  netExposure: {},
  unrealizedPnl: {},
  positions: 0,
  openOrders: 0,
  strategies: { running: 0, total: 0 },
  tradingEnabled: true,
  haltReason: null,
  lastActivity: null,
  ...over,
});

describe('dashboard shaping', () => {
  it('lists an account’s currencies with the base currency first', () => {
    const rows = currencyRows(
      summary({
        id: 'a',
        base: 'USDT',
        cash: [
          { accountId: 'a', currency: 'BTC', amount: '0.5', updatedAt: '' },
          { accountId: 'a', currency: 'USDT', amount: '1000', updatedAt: '' },
        ],
        grossExposure: { USDT: '2500.25' },
        netExposure: { USDT: '-100' },
        unrealizedPnl: { USDT: '-12.5' },
      }),
    );
    expect(rows).toEqual([
      { currency: 'USDT', cash: '1000', gross: '2500.25', net: '-100', pnl: '-12.5' },
      { currency: 'BTC', cash: '0.5', gross: null, net: null, pnl: null },
    ]);
  });

  it('sums desk cash per currency exactly', () => {
    const cash = deskCash([
      { accountId: 'a', currency: 'USD', amount: '0.1', updatedAt: '' },
      { accountId: 'b', currency: 'USD', amount: '0.2', updatedAt: '' },
      { accountId: 'b', currency: 'BTC', amount: '0.000000000000000001', updatedAt: '' },
    ]);
    expect(cash).toEqual([
      { currency: 'BTC', amount: '0.000000000000000001', accounts: 1 },
      { currency: 'USD', amount: '0.3', accounts: 2 },
    ]);
  });

  it('charts exposure per currency, largest first, keeping the exact text for the tooltip', () => {
    const series = exposureSeries([
      summary({ id: 'a', grossExposure: { USD: '100.5' }, netExposure: { USD: '-20' } }),
      summary({ id: 'b', grossExposure: { USD: '2000' }, netExposure: { USD: '2000' } }),
    ]);
    expect(series).toHaveLength(1);
    expect(series[0].points.map((p) => [p.accountId, p.grossExact, p.netExact])).toEqual([
      ['b', '2000', '2000'],
      ['a', '100.5', '-20'],
    ]);
  });
});

describe('explorer shaping', () => {
  const position: Position = {
    accountId: 'a',
    strategyId: 's',
    symbol: 'BTC/USDT',
    quantity: '0.3',
    avgPrice: '0.1',
    lastPrice: '0.2',
    costBasis: '0.03',
    currency: 'USDT',
    updatedAt: '',
  };

  it('works out market value and unrealized P&L without floats', () => {
    const v = positionView(position);
    expect(v.marketValue).toBe('0.06');
    expect(v.unrealizedPnl).toBe('0.03');
    expect(positionView({ ...position, avgPrice: null }).unrealizedPnl).toBeNull();
    expect(positionView({ ...position, lastPrice: null }).marketValue).toBeNull();
  });

  it('narrows rows to an account and strategy, keeping account-level rows', () => {
    const rows = [
      { accountId: 'a', strategyId: 's1' },
      { accountId: 'a', strategyId: '' },
      { accountId: 'b', strategyId: 's2' },
    ];
    expect(inScope(rows, { accountId: 'a', strategyId: null })).toHaveLength(2);
    expect(inScope(rows, { accountId: 'a', strategyId: 's1' })).toEqual([rows[0], rows[1]]);
    expect(inScope(rows, { accountId: null, strategyId: null })).toBe(rows);
  });

  it('lists order status counts in lifecycle order', () => {
    expect(statusCounts({ filled: 10, new: 2, cancelled: 0 })).toEqual([
      { status: 'new', count: 2 },
      { status: 'filled', count: 10 },
    ]);
  });

  it('merges audit pages by seq, newest first', () => {
    const e = (seq: number): AuditEntry => ({ seq, at: '', actor: 'x', action: 'a', details: null, prevHash: '', hash: String(seq) });
    expect(mergeAuditEntries([e(5), e(4)], [e(7), e(6), e(5)]).map((x) => x.seq)).toEqual([7, 6, 5, 4]);
  });
});

describe('halted strategies on the dashboard', () => {
  it('groups strategy-level halts by account, leaving account-level rows to the account badge', async () => {
    const { haltedStrategiesByAccount } = await import('../../renderer/src/pages/dashboard/model/dashboard');
    const r = (accountId: string, strategyId: string, tradingEnabled: boolean) => ({
      accountId,
      strategyId,
      tradingEnabled,
      haltReason: tradingEnabled ? null : 'daily loss',
      peakValue: '1',
      dailyStartValue: '1',
      limits: {},
      updatedAt: '',
    });
    const by = haltedStrategiesByAccount([r('a', '', false), r('a', 's1', false), r('a', 's2', true), r('b', 's3', false)]);
    expect([...by.entries()].map(([k, v]) => [k, v.map((x) => x.strategyId)])).toEqual([
      ['a', ['s1']],
      ['b', ['s3']],
    ]);
  });
});

describe('position views across live refreshes', () => {
  it('reuses the view of a position that did not change', async () => {
    const { createPositionViews } = await import('../../renderer/src/model/positions');
    const views = createPositionViews();
    const p = (symbol: string, lastPrice: string): Position => ({
      accountId: 'a',
      strategyId: 's',
      symbol,
      quantity: '2',
      avgPrice: '1',
      lastPrice,
      costBasis: '2',
      currency: 'USD',
      updatedAt: '',
    });
    const first = views([p('AAPL', '1.5'), p('MSFT', '3')]);
    const second = views([p('AAPL', '1.5'), p('MSFT', '4')]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1].unrealizedPnl).toBe('6');
  });
});
