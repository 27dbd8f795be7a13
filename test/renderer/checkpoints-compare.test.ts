import { describe, expect, it } from 'vitest';
import type { RowChange } from '../../shared/api/checkpoints';
import {
  cashChanges,
  changedTables,
  changeLines,
  decimalDelta,
  diffTotal,
  filterLines,
  jsonChanges,
  kindCounts,
  rowLabel,
  summaryByAccount,
} from '../../renderer/src/pages/checkpoints/model/compare';
import { checkpointViewHash, parseCheckpointView } from '../../renderer/src/pages/checkpoints/model/route';

const position = (over: Partial<RowChange> = {}): RowChange => ({
  table: 'positions',
  key: 'stg-a\u001fAAPL',
  kind: 'changed',
  accountId: 'acct-1',
  strategyId: 'stg-a',
  before: { symbol: 'AAPL', quantity: '10', updated_at: '2026-11-20T00:00:00.000Z' },
  after: { symbol: 'AAPL', quantity: '12.5', updated_at: '2026-11-22T00:00:00.000Z' },
  fields: [
    { field: 'quantity', before: '10', after: '12.5', delta: '2.5' },
    { field: 'updated_at', before: '2026-11-20T00:00:00.000Z', after: '2026-11-22T00:00:00.000Z', delta: null },
  ],
  ...over,
});

const addedOrder: RowChange = {
  table: 'orders',
  key: 'ord-9',
  kind: 'added',
  accountId: 'acct-2',
  strategyId: 'stg-b',
  before: null,
  after: { order_id: 'ord-9', symbol: 'BTC/USDT', side: 'buy', quantity: '0.5', status: 'new' },
  fields: [
    { field: 'order_id', before: null, after: 'ord-9', delta: null },
    { field: 'quantity', before: null, after: '0.5', delta: '0.5' },
    { field: 'status', before: null, after: 'new', delta: null },
  ],
};

const removedCash: RowChange = {
  table: 'cash_balances',
  key: 'acct-1\u001fUSD',
  kind: 'removed',
  accountId: 'acct-1',
  strategyId: null,
  before: { currency: 'USD', amount: '1000.25' },
  after: null,
  fields: [{ field: 'amount', before: '1000.25', after: null, delta: '-1000.25' }],
};

const setting: RowChange = {
  table: 'settings',
  key: 'checkpoint.stale_after_seconds',
  kind: 'changed',
  accountId: null,
  strategyId: null,
  before: { key: 'checkpoint.stale_after_seconds', value: '3600' },
  after: { key: 'checkpoint.stale_after_seconds', value: '600' },
  fields: [{ field: 'value', before: '3600', after: '600', delta: '-3000' }],
};

describe('the compare summary', () => {
  it('counts changed rows per account, desk-wide records last', () => {
    const rows = [position(), position({ key: 'stg-a\u001fMSFT', kind: 'added' }), addedOrder, removedCash, setting];
    expect(summaryByAccount(rows)).toEqual([
      { accountId: 'acct-1', added: 1, removed: 1, changed: 1 },
      { accountId: 'acct-2', added: 1, removed: 0, changed: 0 },
      { accountId: null, added: 0, removed: 0, changed: 1 },
    ]);
  });

  it('totals the tables even when the rows were cut by a limit, biggest table first', () => {
    const tables = [
      { table: 'accounts', added: 0, removed: 0, changed: 0 },
      { table: 'orders', added: 70, removed: 0, changed: 42 },
      { table: 'positions', added: 5, removed: 7, changed: 138 },
    ];
    expect(diffTotal({ tables })).toBe(262);
    expect(changedTables({ tables }).map((t) => t.table)).toEqual(['positions', 'orders']);
  });
});

describe('change lines', () => {
  it('gives each changed field a line with its exact delta and hides timestamps unless asked', () => {
    const lines = changeLines([position()]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ field: 'quantity', before: '10', after: '12.5', delta: '2.5', valueKind: 'decimal', label: 'AAPL' });
    expect(changeLines([position()], { timestamps: true }).map((l) => l.field)).toEqual(['quantity', 'updated_at']);
  });

  it('shows an added or removed row once, by the field that says most about it', () => {
    const [order, cash] = changeLines([addedOrder, removedCash]);
    expect(order).toMatchObject({ kind: 'added', field: 'quantity', before: null, after: '0.5', delta: '0.5', label: 'BTC/USDT BUY ord-9' });
    expect(cash).toMatchObject({ kind: 'removed', field: 'amount', before: '1000.25', after: null, delta: '-1000.25', label: 'USD cash' });
  });

  it('opens a strategy state document so each changed field inside it is its own line', () => {
    const before = JSON.stringify({ pnl: { realized: '46819.92', currency: 'USDT' }, counters: { wins: 1311 }, health: { lastHeartbeatAt: 'a' } });
    const after = JSON.stringify({ pnl: { realized: '46000.5', currency: 'USDT' }, counters: { wins: 1312 }, health: { lastHeartbeatAt: 'b' } });
    const change: RowChange = {
      table: 'strategies',
      key: 'stg-a',
      kind: 'changed',
      accountId: 'acct-1',
      strategyId: 'stg-a',
      before: { name: 'alpha', state_json: before },
      after: { name: 'alpha', state_json: after },
      fields: [{ field: 'state_json', before, after, delta: null }],
    };
    const lines = changeLines([change]);
    expect(lines.map((l) => [l.field, l.before, l.after, l.delta])).toEqual([
      ['state_json › counters.wins', '1311', '1312', null],
      ['state_json › pnl.realized', '46819.92', '46000.5', '-819.42'],
    ]);
    expect(lines[0].label).toBe('alpha');
  });

  it('keeps line ids unique across a diff', () => {
    const lines = changeLines([position(), position({ key: 'stg-a\u001fMSFT' }), addedOrder, removedCash], { timestamps: true });
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  });

  it('filters by kind, table and account', () => {
    const lines = changeLines([position(), addedOrder, removedCash, setting]);
    expect(filterLines(lines, { kinds: new Set(['added', 'removed']) }).map((l) => l.table)).toEqual(['orders', 'cash_balances']);
    expect(filterLines(lines, { table: 'positions' })).toHaveLength(1);
    expect(filterLines(lines, { accountId: 'acct-1' }).map((l) => l.table)).toEqual(['positions', 'cash_balances']);
    expect(filterLines(lines, { accountId: null }).map((l) => l.table)).toEqual(['settings']);
    expect(kindCounts(lines)).toEqual({ added: 1, removed: 1, changed: 2 });
  });
});

describe('the money a rollback moves', () => {
  it('lists cash balances before and after, exactly', () => {
    const moved: RowChange = {
      table: 'cash_balances',
      key: 'acct-1\u001fUSDT',
      kind: 'changed',
      accountId: 'acct-1',
      strategyId: null,
      before: { currency: 'USDT', amount: '1332040.02677255' },
      after: { currency: 'USDT', amount: '1270425.81697395' },
      fields: [{ field: 'amount', before: '1332040.02677255', after: '1270425.81697395', delta: '-61614.2097986' }],
    };
    const onlyTimestamp: RowChange = { ...moved, key: 'acct-1\u001fEUR', before: { currency: 'EUR', amount: '5' }, after: { currency: 'EUR', amount: '5' }, fields: [] };
    expect(cashChanges([position(), moved, removedCash, onlyTimestamp])).toEqual([
      { accountId: 'acct-1', currency: 'USDT', before: '1332040.02677255', after: '1270425.81697395', delta: '-61614.2097986' },
      { accountId: 'acct-1', currency: 'USD', before: '1000.25', after: null, delta: '-1000.25' },
    ]);
  });
});

describe('exact values', () => {
  it('subtracts decimals exactly, never through floats', () => {
    expect(decimalDelta('0.1', '0.3')).toBe('0.2');
    expect(decimalDelta('1.000000000000000001', '1')).toBe('-0.000000000000000001');
    expect(decimalDelta('5', '5')).toBe('0');
    expect(decimalDelta('abc', '1')).toBeNull();
    expect(decimalDelta(1, 2)).toBeNull();
  });

  it('finds leaf changes in JSON documents and compares arrays whole', () => {
    expect(jsonChanges({ a: { b: '1', c: [1, 2] } }, { a: { b: '1', c: [1, 3] }, d: true })).toEqual([
      { path: 'a.c', before: [1, 2], after: [1, 3] },
      { path: 'd', before: null, after: true },
    ]);
  });

  it('names rows the way a trader reads them', () => {
    expect(rowLabel(position())).toBe('AAPL');
    expect(rowLabel({ table: 'risk_state', key: 'acct-1\u001f', before: { strategy_id: '' }, after: null })).toBe('(account)');
    expect(rowLabel({ table: 'artifacts', key: 'model\u001f3', before: null, after: {} })).toBe('model / 3');
  });
});

describe('addresses inside the checkpoints page', () => {
  it('round-trips every view through the address', () => {
    const id = 'MAN_20261122_015845_03a1';
    for (const view of [
      { kind: 'timeline' } as const,
      { kind: 'detail', id } as const,
      { kind: 'rollback', id } as const,
      { kind: 'compare', from: id, to: 'live' } as const,
    ]) {
      expect(parseCheckpointView(checkpointViewHash(view))).toEqual(view);
    }
  });

  it('falls back to the timeline for an address it does not understand, and ignores other pages', () => {
    expect(parseCheckpointView('#/checkpoints/detail/not-an-id')).toEqual({ kind: 'timeline' });
    expect(parseCheckpointView('#/checkpoints/compare/live')).toEqual({ kind: 'timeline' });
    expect(parseCheckpointView('#/state/orders')).toBeNull();
  });
});
