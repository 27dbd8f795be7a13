// The reconciliation page's shaping of discrepancies: the diff table's rows (filters, groups,
// sorting, selection), one discrepancy side by side, and the cash differences chart.
import { describe, expect, it } from 'vitest';
import type { Discrepancy } from '../../shared/api/reconcile';
import { cashDeltaSeries, largestDelta, niceBound, symmetricAxis } from '../../renderer/src/pages/reconciliation/model/chart';
import { absentText, comparedFields, deltaShown, deltaText, primaryDelta, sideSegments, signed, subjectText } from '../../renderer/src/pages/reconciliation/model/fields';
import {
  filterCounts,
  filterDiscrepancies,
  discrepancyState,
  layoutRows,
  NO_FILTERS,
  resolvableChecked,
  sortDiscrepancies,
  toggleGroup,
  type GroupRow,
} from '../../renderer/src/pages/reconciliation/model/rows';

/** A discrepancy as the engine reports it. */
let n = 0;

function discrepancy(over: Partial<Discrepancy> = {}): Discrepancy {
  n += 1;
  return {
    itemId: `F${String(n).padStart(4, '0')}`,
    accountId: 'acct-a',
    kind: 'quantity_mismatch',
    severity: 'critical',
    symbol: 'AAPL',
    orderRef: null,
    strategyIds: ['stg-1'],
    local: { quantity: '100', avgPrice: '190.5' },
    broker: { quantity: '110', avgPrice: '190.5' },
    delta: { quantity: '10' },
    withinTolerance: false,
    message: 'we hold 100 AAPL, the broker 110',
    brokerAt: 'line 2',
    resolution: null,
    resolutionReason: null,
    resolvedBy: null,
    resolvedAt: null,
    ...over,
  };
}

const none = new Set<string>();
const layout = (list: Parameters<typeof layoutRows>[0], over: Partial<Parameters<typeof layoutRows>[1]> = {}) =>
  layoutRows(list, { sorting: [], collapsed: none, checked: none, ...over });

describe('the diff table rows', () => {
  const qty = discrepancy({ itemId: 'F0001' });
  const price = discrepancy({ itemId: 'F0002', kind: 'price_mismatch', severity: 'warning', symbol: 'MSFT', delta: { avgPrice: '0.5' } });
  const cash = discrepancy({ itemId: 'F0003', kind: 'cash_mismatch', symbol: 'USD', strategyIds: [], local: { amount: '10' }, broker: { amount: '12' }, delta: { amount: '2' } });
  const other = discrepancy({ itemId: 'F0004', accountId: 'acct-b', symbol: 'BTC/USDT', strategyIds: ['stg-2'] });
  const tolerated = discrepancy({ itemId: 'F0005', symbol: 'NVDA', severity: 'info', withinTolerance: true });
  const resolved = discrepancy({ itemId: 'F0006', symbol: 'AMD', resolution: 'keep_local', resolvedBy: 'ops' });
  const all = [qty, price, cash, other, tolerated, resolved];

  it('says whether an item is open, within tolerance or resolved', () => {
    expect([qty, tolerated, resolved].map(discrepancyState)).toEqual(['open', 'tolerance', 'resolved']);
  });

  it('filters by kind, severity, state and symbol text, all at once', () => {
    expect(filterDiscrepancies(all, { ...NO_FILTERS, kind: 'cash_mismatch' })).toEqual([cash]);
    expect(filterDiscrepancies(all, { ...NO_FILTERS, severities: ['warning', 'info'] })).toEqual([price, tolerated]);
    expect(filterDiscrepancies(all, { ...NO_FILTERS, state: 'resolved' })).toEqual([resolved]);
    expect(filterDiscrepancies(all, { ...NO_FILTERS, text: 'btc/' })).toEqual([other]);
    // Every word must match: symbol and item id.
    expect(filterDiscrepancies(all, { ...NO_FILTERS, text: 'aapl f0001' })).toEqual([qty]);
    expect(filterDiscrepancies(all, { ...NO_FILTERS, kind: 'quantity_mismatch', state: 'open', severities: ['critical'] })).toEqual([qty, other]);
  });

  it('counts each filter choice as if it were picked, keeping the other filters', () => {
    const counts = filterCounts(all, { ...NO_FILTERS, kind: 'quantity_mismatch' });
    expect(counts.severity).toEqual({ critical: 3, warning: 0, info: 1 });
    // The kind counts ignore the kind filter itself.
    expect(counts.kind).toEqual({ quantity_mismatch: 4, price_mismatch: 1, cash_mismatch: 1 });
    expect(counts.state).toEqual({ all: 4, open: 2, tolerance: 1, resolved: 1 });
  });

  it('groups by account, then account-level items, then one heading per strategy', () => {
    const rows = layout(all);
    expect(rows.map((r) => r.id)).toEqual([
      'g:acct-a',
      'g:acct-a/',
      'F0003',
      'g:acct-a/stg-1',
      // Critical first, then by kind; a resolution does not move an item (the keyboard stays put).
      'F0001',
      'F0006',
      'F0002',
      'F0005',
      'g:acct-b',
      'g:acct-b/stg-2',
      'F0004',
    ]);
    const account = rows[0] as GroupRow;
    expect(account).toMatchObject({ label: 'acct-a', total: 5, open: 3, critical: 2 });
    expect((rows[1] as GroupRow).label).toBe('Account level (no strategy)');
  });

  it('names an account by its desk name and a position held by several strategies by all of them', () => {
    const shared = discrepancy({ itemId: 'F0010', strategyIds: ['stg-b', 'stg-a'] });
    const rows = layout([shared], { accountNames: new Map([['acct-a', 'Alpaca — US equities']]) });
    expect(rows.map((r) => (r.type === 'group' ? r.label : r.id))).toEqual(['acct-a · Alpaca — US equities', 'stg-a + stg-b', 'F0010']);
  });

  it('hides what is under a folded heading but keeps the heading and its counts', () => {
    const rows = layout(all, { collapsed: new Set(['g:acct-a/stg-1', 'g:acct-b']) });
    expect(rows.map((r) => r.id)).toEqual(['g:acct-a', 'g:acct-a/', 'F0003', 'g:acct-a/stg-1', 'g:acct-b']);
    expect(rows.find((r) => r.id === 'g:acct-a/stg-1')).toMatchObject({ collapsed: true, total: 4 });
  });

  it('sorts critical first by default, and by a column inside each group when asked', () => {
    expect(sortDiscrepancies([tolerated, price, qty], []).map((f) => f.itemId)).toEqual(['F0001', 'F0002', 'F0005']);
    expect(sortDiscrepancies([qty, price, tolerated], [{ id: 'subject', desc: true }]).map((f) => f.symbol)).toEqual(['NVDA', 'MSFT', 'AAPL']);
    const small = discrepancy({ itemId: 'F0020', delta: { quantity: '-0.5' } });
    const big = discrepancy({ itemId: 'F0021', delta: { quantity: '1000.25' } });
    expect(sortDiscrepancies([big, qty, small], [{ id: 'delta', desc: false }]).map((f) => f.itemId)).toEqual(['F0020', 'F0001', 'F0021']);
  });

  it('checks a heading when all its unresolved items are checked; resolved items cannot be checked through it', () => {
    const some = layout(all, { checked: new Set(['F0001']) });
    const strategy = some.find((r) => r.id === 'g:acct-a/stg-1') as GroupRow;
    expect(strategy.checked).toBe('some');
    expect(strategy.itemIds).toEqual(['F0001', 'F0002', 'F0005']);
    const toggled = toggleGroup(new Set(['F0001']), strategy);
    expect([...toggled].sort()).toEqual(['F0001', 'F0002', 'F0005']);
    const full = layout(all, { checked: toggled }).find((r) => r.id === 'g:acct-a/stg-1') as GroupRow;
    expect(full.checked).toBe('all');
    expect([...toggleGroup(toggled, full)]).toEqual([]);
  });

  it('resolves only checked items that are still open to a decision, in item order', () => {
    expect(resolvableChecked(all, new Set(['F0006', 'F0004', 'F0001'])).map((f) => f.itemId)).toEqual(['F0001', 'F0004']);
  });
});

const text = (segments: ReturnType<typeof sideSegments>) => segments?.map((s) => (s.diff ? `[${s.text}]` : s.text)).join('') ?? null;

describe('one discrepancy side by side', () => {
  it('marks the quantity, not the equal price, of a quantity mismatch', () => {
    const f = discrepancy({ local: { quantity: '1200', avgPrice: '101.25' }, broker: { quantity: '1320', avgPrice: '101.250' }, delta: { quantity: '120' } });
    expect(comparedFields(f).map((x) => [x.key, x.differs])).toEqual([
      ['quantity', true],
      ['avgPrice', false],
    ]);
    expect(text(sideSegments(f, 'local'))).toBe('[1,200] @ 101.25');
    expect(text(sideSegments(f, 'broker'))).toBe('[1,320] @ 101.250');
    expect(deltaText(f)).toBe('qty +120');
  });

  it('marks the price of a price mismatch and keeps every digit', () => {
    const f = discrepancy({
      kind: 'price_mismatch',
      local: { quantity: '0.5', avgPrice: '64000.123456789012345678' },
      broker: { quantity: '0.5', avgPrice: '64010' },
      delta: { avgPrice: '9.876543210987654322' },
    });
    expect(text(sideSegments(f, 'local'))).toBe('0.5 @ [64,000.123456789012345678]');
    expect(deltaText(f)).toBe('avg +9.876543210987654322');
    expect(primaryDelta(f)).toBe('9.876543210987654322');
    // Shown at the broker's precision (ours is an average worked out to 18 places), exact on hover.
    expect(deltaShown(f)).toEqual({ text: 'avg +9.88', exact: 'avg +9.876543210987654322', rounded: true });
  });

  it('shows a difference at the places of the values compared (2 to 8), as is when it fits, never as a zero', () => {
    const at = (local: string, broker: string, delta: string) => deltaShown(discrepancy({ kind: 'price_mismatch', local: { quantity: '1', avgPrice: local }, broker: { quantity: '1', avgPrice: broker }, delta: { avgPrice: delta } }));
    expect(at('0.00012345', '0.00012399', '0.00000054')).toEqual({ text: 'avg +0.00000054', exact: 'avg +0.00000054', rounded: false });
    // Too small for those places: shown exactly rather than as a zero.
    expect(at('1.123456789012', '1.123456789013', '0.000000000001').text).toBe('avg +0.000000000001');
    expect(at('1.123456789012', '1.12345678', '-0.000000009012')).toEqual({ text: 'avg -0.00000001', exact: 'avg -0.000000009012', rounded: true });
    expect(at('100.5', '100.25', '-0.25').rounded).toBe(false);
  });

  it('shows a position counted in contracts as such, never as a difference', () => {
    const f = discrepancy({ local: { quantity: '1', avgPrice: '5150.25' }, broker: { quantity: '2', avgPrice: '5150.25', contract: 'FUT × 50' }, delta: { quantity: '1' } });
    expect(comparedFields(f).map((x) => [x.key, x.differs])).toEqual([
      ['quantity', true],
      ['avgPrice', false],
      ['contract', false],
    ]);
    expect(text(sideSegments(f, 'broker'))).toBe('[2] (FUT × 50) @ 5,150.25');
  });

  it('shows an order the broker sized in money as such: its missing quantity is not a difference', () => {
    const f = discrepancy({
      kind: 'order_status_mismatch',
      local: { side: 'buy', quantity: '2.5', filledQuantity: '0', limitPrice: null, status: 'accepted' },
      broker: { side: 'buy', quantity: null, notional: '500', filledQuantity: '2.5', limitPrice: null, status: 'filled' },
      delta: { filledQuantity: '2.5' },
    });
    expect(comparedFields(f).find((x) => x.key === 'quantity')).toMatchObject({ broker: null, differs: false });
    expect(text(sideSegments(f, 'broker'))).toBe('BUY 500 notional (quantity not reported) @ mkt · [filled] · filled [2.5]');
    expect(text(sideSegments(f, 'local'))).toBe('BUY 2.5 @ mkt · [accepted] · filled [0]');
  });

  it('says what a side has when it has nothing', () => {
    const missing = discrepancy({ kind: 'missing_locally', local: null, broker: { quantity: '40', avgPrice: '102.37' }, delta: { quantity: '40' } });
    expect(sideSegments(missing, 'local')).toBeNull();
    expect(absentText(missing, 'local')).toBe('no position');
    expect(text(sideSegments(missing, 'broker'))).toBe('[40] @ 102.37');
    const orphan = discrepancy({ kind: 'orphaned_order', broker: null, local: { side: 'buy', quantity: '27', limitPrice: null, status: 'accepted', filledQuantity: '0' }, delta: {} });
    expect(absentText(orphan, 'broker')).toBe('not open at broker');
    expect(text(sideSegments(orphan, 'local'))).toBe('BUY 27 @ mkt · accepted');
  });

  it('marks status and fill of an order the broker filled', () => {
    const f = discrepancy({
      kind: 'order_status_mismatch',
      symbol: 'V',
      orderRef: 'ord-1',
      local: { orderId: 'ord-1', side: 'sell', quantity: '161', filledQuantity: '0', limitPrice: '294.97', status: 'accepted' },
      broker: { side: 'sell', quantity: '161', filledQuantity: '161', limitPrice: '294.97', status: 'filled' },
      delta: { filledQuantity: '161' },
    });
    expect(text(sideSegments(f, 'local'))).toBe('SELL 161 @ 294.97 · [accepted] · filled [0]');
    expect(text(sideSegments(f, 'broker'))).toBe('SELL 161 @ 294.97 · [filled] · filled [161]');
    expect(deltaText(f)).toBe('filled +161');
    expect(subjectText(f)).toBe('V · ord-1');
  });

  it('shows cash as the amount, the delta signed and grouped', () => {
    const f = discrepancy({ kind: 'cash_mismatch', symbol: 'USD', local: { amount: '317906.28' }, broker: { amount: '318031.78' }, delta: { amount: '125.5' } });
    expect(text(sideSegments(f, 'broker'))).toBe('[318,031.78]');
    expect(deltaText(f)).toBe('+125.5');
    expect(signed('-1234567.5')).toBe('-1,234,567.5');
    expect(signed('0')).toBe('0');
  });
});

const cash = (accountId: string, currency: string, local: string, broker: string, delta: string, over = {}) =>
  discrepancy({ kind: 'cash_mismatch', accountId, symbol: currency, strategyIds: [], local: { amount: local }, broker: { amount: broker }, delta: { amount: delta }, ...over });

describe('the cash differences chart', () => {
  it('draws one series per currency, accounts in order, with the exact strings beside the floats', () => {
    const series = cashDeltaSeries([
      cash('acct-b', 'USD', '100', '225.5', '125.5'),
      discrepancy(),
      cash('acct-a', 'USD', '1000.000000000000000001', '1000', '-0.000000000000000001', { withinTolerance: true }),
      cash('acct-a', 'BTC', '4.1', '4', '-0.1', { resolution: 'accept_broker' }),
    ]);
    expect(series.map((s) => s.currency)).toEqual(['BTC', 'USD']);
    const usd = series[1];
    expect(usd.points.map((p) => p.accountId)).toEqual(['acct-a', 'acct-b']);
    expect(usd.points[0]).toMatchObject({ delta: '-0.000000000000000001', local: '1000.000000000000000001', broker: '1000', withinTolerance: true });
    expect(usd.points[1].value).toBe(125.5);
    expect(series[0].points[0].resolved).toBe(true);
    expect(largestDelta(usd)).toBe('125.5');
  });

  it('fills in the summary’s deltas for accounts the discrepancies do not list', () => {
    const series = cashDeltaSeries([cash('acct-a', 'EUR', '1', '2', '1')], {
      perAccount: { 'acct-a': { total: 1, open: 1, critical: 1, cashDelta: { EUR: '1' } }, 'acct-b': { total: 1, open: 1, critical: 1, cashDelta: { EUR: '-3' } } },
    });
    expect(series[0].points.map((p) => [p.accountId, p.delta, p.itemId !== null])).toEqual([
      ['acct-a', '1', true],
      ['acct-b', '-3', false],
    ]);
  });

  it('puts zero in the middle of a round axis', () => {
    expect(niceBound(125.5)).toBe(150);
    expect(niceBound(0.03)).toBeCloseTo(0.04);
    expect(niceBound(0)).toBe(1);
    const axis = symmetricAxis(cashDeltaSeries([cash('a', 'USD', '0', '-90', '-90')])[0]);
    expect(axis.domain).toEqual([-100, 100]);
    expect(axis.ticks).toEqual([-100, -50, 0, 50, 100]);
  });

  it('has nothing to draw when cash agrees', () => {
    expect(cashDeltaSeries([discrepancy()])).toEqual([]);
  });
});
