// Patching a live window by key: what is replaced in place, what asks for the window again, what
// only for a fresh total; and how changed keys add up between two catch-ups.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../shared/domain';
import { patchWindow, type PatchRules } from '../../renderer/src/live/patch-window';
import { RowChanges } from '../../renderer/src/live/row-changes';
import { windowCovers, windowStart, WINDOW_ROWS } from '../../renderer/src/stores/windowed';
import { compareOrders, orderMatcher } from '../../renderer/src/pages/explorer/model/orders';

interface Row {
  key: string;
  n: number;
  gone?: boolean;
}
const rules: PatchRules<Row> = {
  keyOf: (r) => r.key,
  matches: (r) => !r.gone,
  compare: (a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
};
const rows = (...ns: number[]): Row[] => ns.map((n) => ({ key: `k${n}`, n }));

describe('patchWindow', () => {
  const w = { rows: rows(10, 20, 30, 40), offset: 5, total: 100 };

  it('replaces a changed row that keeps its place, and nothing else', () => {
    const next = { key: 'k20', n: 25 };
    const out = patchWindow(w, ['k20'], [next], rules);
    expect(out).toMatchObject({ refetch: false, recount: false });
    expect(out.rows[1]).toBe(next);
    expect(out.rows[0]).toBe(w.rows[0]);
  });

  it('asks for the window again when a changed row moves past a neighbour, goes, or stops matching', () => {
    expect(patchWindow(w, ['k20'], [{ key: 'k20', n: 35 }], rules).refetch).toBe(true);
    expect(patchWindow(w, ['k20'], [], rules).refetch).toBe(true);
    expect(patchWindow(w, ['k20'], [{ key: 'k20', n: 20, gone: true }], rules).refetch).toBe(true);
  });

  it('asks for the window again when a row from outside sorts into it', () => {
    expect(patchWindow(w, ['new'], [{ key: 'new', n: 15 }], rules).refetch).toBe(true);
  });

  it('only recounts for rows outside the window, and at the list’s start takes rows before the first', () => {
    expect(patchWindow(w, ['new'], [{ key: 'new', n: 5 }], rules)).toMatchObject({ refetch: false, recount: true });
    expect(patchWindow(w, ['old'], [], rules)).toMatchObject({ refetch: false, recount: true });
    expect(patchWindow({ ...w, offset: 0 }, ['new'], [{ key: 'new', n: 5 }], rules).refetch).toBe(true);
    expect(patchWindow({ ...w, total: 9 }, ['new'], [{ key: 'new', n: 99 }], rules).refetch).toBe(true);
  });
});

describe('RowChanges', () => {
  it('gathers keys once each until taken', () => {
    const c = new RowChanges();
    c.add(['a', 'b']);
    c.add(['b', 'c']);
    expect(c.take()).toEqual({ kind: 'patch', keys: ['a', 'b', 'c'] });
    expect(c.take()).toEqual({ kind: 'none' });
  });

  it('refetches when an event names the table alone or the keys pass the bound', () => {
    const c = new RowChanges(3);
    c.add(['a']);
    c.add(null);
    c.add(['b']);
    expect(c.take()).toEqual({ kind: 'refetch' });
    c.add(['a', 'b', 'c', 'd']);
    expect(c.take()).toEqual({ kind: 'refetch' });
  });
});

describe('windows', () => {
  it('covers what is on screen, up to the end of the list', () => {
    const page = { rows: new Array(300).fill(0), offset: 100, total: 350 };
    expect(windowCovers(page, 120, 160)).toBe(true);
    expect(windowCovers(page, 90, 120)).toBe(false);
    expect(windowCovers({ ...page, rows: new Array(250).fill(0) }, 320, 360)).toBe(true);
  });

  it('starts a window with room above what is on screen, inside the list', () => {
    expect(windowStart(0, 30, 10_000)).toBe(0);
    expect(windowStart(500, 530, 10_000)).toBe(400);
    expect(windowStart(9_980, 9_999, 10_000)).toBe(10_000 - WINDOW_ROWS);
  });
});

describe('orders as the server filters and sorts them', () => {
  const order = (id: string, status: Order['status'], updatedAt: string, symbol = 'AAPL'): Order =>
    ({ orderId: id, status, updatedAt, createdAt: updatedAt, symbol, accountId: 'a1', strategyId: 's1', clientOrderId: null, brokerOrderId: `B-${id}` }) as Order;

  it('matches scope, status and a case-insensitive search like the SQL', () => {
    const o = order('ord-1', 'filled', '2026-01-01T00:00:00Z');
    expect(orderMatcher({ scope: 'open', sort: 'updatedAt', direction: 'desc' })(o)).toBe(false);
    expect(orderMatcher({ scope: 'completed', sort: 'updatedAt', direction: 'desc', search: 'b-ORD' })(o)).toBe(true);
    expect(orderMatcher({ scope: 'all', sort: 'updatedAt', direction: 'desc', status: 'new' })(o)).toBe(false);
    expect(orderMatcher({ scope: 'all', sort: 'updatedAt', direction: 'desc', accountId: 'a2' })(o)).toBe(false);
  });

  it('matches the column filters the server applies: decimals exactly, text by substring', () => {
    const o = { ...order('ord-1', 'filled', '2026-01-01T00:00:00Z'), quantity: '10.5', limitPrice: null } as Order;
    const q = { scope: 'all', sort: 'updatedAt', direction: 'desc' } as const;
    expect(orderMatcher({ ...q, filters: { quantity: '>10', symbol: 'aap' } })(o)).toBe(true);
    expect(orderMatcher({ ...q, filters: { quantity: '>10.5' } })(o)).toBe(false);
    expect(orderMatcher({ ...q, filters: { limitPrice: '>0' } })(o)).toBe(false);
    expect(orderMatcher({ ...q, filters: { symbol: '=aapl', quantity: '  ' } })(o)).toBe(true);
  });

  it('orders by the column, then the id, both in the direction', () => {
    const a = order('ord-1', 'new', '2026-01-02T00:00:00Z');
    const b = order('ord-2', 'new', '2026-01-02T00:00:00Z');
    const c = order('ord-3', 'new', '2026-01-01T00:00:00Z');
    expect([c, a, b].sort(compareOrders({ sort: 'updatedAt', direction: 'desc' })).map((o) => o.orderId)).toEqual(['ord-2', 'ord-1', 'ord-3']);
  });
});
