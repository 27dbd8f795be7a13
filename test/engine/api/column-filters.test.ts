// positions.list and orders.list narrow by the column filters the console's tables send: decimals
// compared exactly (derived market value and P&L too), text by substring, "=" exactly, "!" not;
// the totals and status counts count the filtered match. Expected rows are worked out here with
// decimal.js, not with the filter code under test.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { canonical, Dec } from '../../../shared/decimal';
import type { Order, Position } from '../../../shared/domain';
import { positionView } from '../../../shared/positions';
import { tempDir } from '../../support/temp-state';

let engine: Engine;
beforeAll(() => {
  engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test', create: true });
  generateDesk(engine.store, { size: 'small', seed: 5, asOf: '2026-11-20T21:00:00.000Z' });
});
afterAll(async () => {
  await engine.close();
});

const ALL = 50_000;
const keyOf = (p: Position) => `${p.strategyId}/${p.symbol}`;
const countBy = <T>(xs: T[], f: (x: T) => string) => xs.reduce<Record<string, number>>((m, x) => ((m[f(x)] = (m[f(x)] ?? 0) + 1), m), {});

describe('positions.list with column filters', () => {
  it('narrows by a decimal comparison, exactly, with the total and the scope', async () => {
    const all = engine.store.positions();
    const expected = all.filter((p) => new Dec(p.quantity).gt(0));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const page = await engine.call('positions.list', { filters: { quantity: '>0' }, limit: ALL });
    expect(page.rows).toEqual(expected);
    expect(page.total).toBe(expected.length);
    expect(page.inScope).toBe(all.length);
  });

  it('filters market value and unrealized P&L, worked out rather than stored', async () => {
    const views = engine.store.positions().map(positionView);
    const losing = views.filter((v) => v.unrealizedPnl !== null && new Dec(v.unrealizedPnl).lt(0));
    const page = await engine.call('positions.list', { filters: { unrealizedPnl: '<0' }, limit: ALL });
    expect(page.rows.map(keyOf)).toEqual(losing.map(keyOf));
    expect(losing.length).toBeGreaterThan(0);

    // A range, inclusive at both ends, on the exact value of one row.
    const one = views.find((v) => v.marketValue !== null)!;
    const exact = await engine.call('positions.list', { filters: { marketValue: `${one.marketValue}..${one.marketValue}` }, limit: ALL });
    expect(exact.rows.map(keyOf)).toContain(keyOf(one));
    for (const p of exact.rows) expect(positionView(p).marketValue).toBe(one.marketValue);
  });

  it('matches text columns by substring, "=" exactly and "!" not, beside the search and the scope', async () => {
    const all = engine.store.positions();
    const { symbol, accountId } = all[0];
    const exactly = await engine.call('positions.list', { filters: { symbol: `=${symbol.toLowerCase()}` }, limit: ALL });
    expect(exactly.rows).toEqual(all.filter((p) => p.symbol === symbol));

    const strategy = all[0].strategyId;
    const others = await engine.call('positions.list', { accountId, filters: { strategyId: `!${strategy}` }, limit: 0 });
    expect(others.total).toBe(all.filter((p) => p.accountId === accountId && !p.strategyId.includes(strategy)).length);
    expect(others.inScope).toBe(all.filter((p) => p.accountId === accountId).length);

    const both = await engine.call('positions.list', { search: accountId, filters: { symbol, quantity: '!=0' }, limit: ALL });
    expect(both.rows).toEqual(all.filter((p) => p.accountId === accountId && p.symbol.toLowerCase().includes(symbol.toLowerCase())));
  });

  it('sorts the filtered match and windows it', async () => {
    const expected = engine.store
      .positions()
      .filter((p) => new Dec(p.quantity).lt(0))
      .sort((a, b) => new Dec(b.quantity).comparedTo(a.quantity) || (keyOf(a) < keyOf(b) ? 1 : -1));
    const query = { filters: { quantity: '<0' }, sort: 'quantity', direction: 'desc' } as const;
    const whole = await engine.call('positions.list', { ...query, limit: ALL });
    expect(whole.rows.map((p) => p.quantity)).toEqual(expected.map((p) => p.quantity));
    const window = await engine.call('positions.list', { ...query, offset: 3, limit: 4 });
    expect(window.rows).toEqual(whole.rows.slice(3, 7));
    expect(window.total).toBe(expected.length);
  });

  it('answers each filter for itself between writes, and again after one', async () => {
    const above = await engine.call('positions.list', { filters: { quantity: '>0' }, limit: 0 });
    const below = await engine.call('positions.list', { filters: { quantity: '<=0' }, limit: 0 });
    expect(above.total + below.total).toBe(above.inScope);

    const [short] = (await engine.call('positions.list', { filters: { quantity: '<0' }, limit: 1 })).rows;
    engine.store.db.transaction(() => engine.store.putPosition({ ...short, quantity: canonical(new Dec(short.quantity).negated()) }))();
    const after = await engine.call('positions.list', { filters: { quantity: '>0' }, limit: 0 });
    expect(after.total).toBe(above.total + 1);
  });
});

describe('orders.list with column filters', () => {
  const everyOrder = (): Order[] => [...engine.store.allOrders()];

  it('narrows by decimals and text, with the total and the counts per status of the match', async () => {
    const expected = everyOrder().filter((o) => new Dec(o.quantity).gte(100) && o.side === 'buy');
    expect(expected.length).toBeGreaterThan(0);
    const page = await engine.call('orders.list', { filters: { quantity: '>=100', side: '=buy' }, limit: ALL });
    expect(page.total).toBe(expected.length);
    expect(page.byStatus).toEqual(countBy(expected, (o) => o.status));
    expect(new Set(page.rows.map((o) => o.orderId))).toEqual(new Set(expected.map((o) => o.orderId)));
    // In the default order: newest update first, then the order id.
    const byUpdate = [...expected].sort((a, b) => (a.updatedAt === b.updatedAt ? (a.orderId < b.orderId ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1));
    expect(page.rows.map((o) => o.orderId)).toEqual(byUpdate.map((o) => o.orderId));
  });

  it('leaves out orders without the value when comparing, and windows a status of the match', async () => {
    const limited = everyOrder().filter((o) => o.limitPrice !== null && new Dec(o.limitPrice).gt(0));
    expect(limited.length).toBeLessThan(everyOrder().length);
    const counts = await engine.call('orders.list', { filters: { limitPrice: '>0' }, limit: 0 });
    expect(counts.total).toBe(limited.length);

    const [status, n] = Object.entries(countBy(limited, (o) => o.status)).sort((a, b) => b[1] - a[1])[0];
    const query = { filters: { limitPrice: '>0' }, status: status as Order['status'], sort: 'symbol', direction: 'asc' } as const;
    const whole = await engine.call('orders.list', { ...query, limit: ALL });
    expect(whole.total).toBe(n);
    expect(whole.byStatus).toEqual(countBy(limited, (o) => o.status));
    for (const o of whole.rows) expect(o.status).toBe(status);
    const window = await engine.call('orders.list', { ...query, offset: 5, limit: 10 });
    expect(window.rows).toEqual(whole.rows.slice(5, 15));
  });

  it('answers each filter for itself between writes, and again after one', async () => {
    const [order] = (await engine.call('orders.list', { filters: { quantity: '>0' }, limit: 1 })).rows;
    const exactly = await engine.call('orders.list', { filters: { quantity: `=${order.quantity}` }, limit: 0 });
    const other = await engine.call('orders.list', { filters: { quantity: `!=${order.quantity}` }, limit: 0 });
    expect(exactly.total + other.total).toBe(everyOrder().length);

    const bigger = canonical(new Dec(order.quantity).plus('0.000000000000000001'));
    engine.store.db.transaction(() => engine.store.putOrder({ ...order, quantity: bigger, filledQuantity: '0' }))();
    const after = await engine.call('orders.list', { filters: { quantity: `=${bigger}` }, limit: 1 });
    expect(after.rows.map((o) => o.orderId)).toEqual([order.orderId]);
  });

  it('narrows with the filters when the scope and search narrow too', async () => {
    const open = everyOrder().filter((o) => ['new', 'accepted', 'partially_filled', 'pending_cancel'].includes(o.status));
    const symbol = open[0].symbol;
    const expected = open.filter((o) => o.symbol.toLowerCase().includes(symbol.toLowerCase()) && o.type !== 'market');
    const page = await engine.call('orders.list', { scope: 'open', search: symbol, filters: { type: '!market' }, limit: ALL });
    expect(page.total).toBe(expected.length);
    expect(new Set(page.rows.map((o) => o.orderId))).toEqual(new Set(expected.map((o) => o.orderId)));
  });
});

describe('filters the API refuses', () => {
  it.each([
    ['positions.list', { filters: { price: '>0' } }, 'positions.list filters'],
    ['orders.list', { filters: { quantity: 'x'.repeat(101) } }, 'orders.list filters.quantity'],
    ['orders.list', { filters: { symbol: 'a\u0000' } }, 'orders.list filters.symbol'],
    ['positions.list', { filters: { symbol: 5 } }, 'positions.list filters.symbol'],
  ] as const)('%s %j', async (channel, request, where) => {
    await expect(engine.call(channel, request)).rejects.toMatchObject({ code: 'bad_request', where });
  });
});
