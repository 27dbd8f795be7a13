// positions.list and orders.list answer windows of their sorted match (with the total), and
// positions.get / orders.get answer rows by the keys state.changed names.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { canonical, compareDecimal, Dec } from '../../../shared/decimal';
import { positionRowKey, positionView } from '../../../shared/positions';
import { tempDir } from '../../support/temp-state';

let engine: Engine;
beforeAll(() => {
  engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test', create: true });
  generateDesk(engine.store, { size: 'small', seed: 5, asOf: '2026-11-20T21:00:00.000Z' });
});
afterAll(async () => {
  await engine.close();
});

describe('positions.list', () => {
  it('answers a default window in key order, with the total', async () => {
    const all = engine.store.positions();
    const page = await engine.call('positions.list', { limit: 50_000 });
    expect(page.total).toBe(all.length);
    expect(page.inScope).toBe(all.length);
    expect(page.rows).toEqual(all);
    const first = await engine.call('positions.list', {});
    expect(first.rows).toEqual(all.slice(0, 1_000));
    const window = await engine.call('positions.list', { offset: 10, limit: 5 });
    expect(window).toMatchObject({ offset: 10, total: all.length });
    expect(window.rows).toEqual(all.slice(10, 15));
  });

  it('sorts by a derived decimal exactly before it windows', async () => {
    const all = engine.store.positions().map(positionView);
    const page = await engine.call('positions.list', { sort: 'marketValue', direction: 'desc', limit: 50_000 });
    const values = page.rows.map((p) => positionView(p).marketValue);
    for (let i = 1; i < values.length; i++) expect(compareDecimal(values[i - 1], values[i])).toBeGreaterThanOrEqual(0);
    expect(page.rows).toHaveLength(all.length);
    // Decimals stay strings.
    expect(typeof page.rows[0].quantity).toBe('string');
    const window = await engine.call('positions.list', { sort: 'marketValue', direction: 'desc', offset: 7, limit: 3 });
    expect(window.rows).toEqual(page.rows.slice(7, 10));
  });

  it('sorts again after a write: the next window shows the row where it now belongs', async () => {
    const first = await engine.call('positions.list', { sort: 'quantity', direction: 'desc', limit: 1 });
    const [smallest] = (await engine.call('positions.list', { sort: 'quantity', direction: 'asc', limit: 1 })).rows;
    const top = canonical(new Dec(first.rows[0].quantity).plus(1));
    engine.store.db.transaction(() => engine.store.putPosition({ ...smallest, quantity: top }))();
    const after = await engine.call('positions.list', { sort: 'quantity', direction: 'desc', limit: 1 });
    expect(after.rows[0]).toMatchObject({ strategyId: smallest.strategyId, symbol: smallest.symbol, quantity: top });
  });

  it('narrows by search terms and scope; the total counts the match, inScope the scope', async () => {
    const all = engine.store.positions();
    const accountId = all[0].accountId;
    const symbol = all[0].symbol;
    const page = await engine.call('positions.list', { accountId, search: symbol.toLowerCase(), limit: 0 });
    expect(page.rows).toEqual([]);
    expect(page.inScope).toBe(all.filter((p) => p.accountId === accountId).length);
    expect(page.total).toBe(all.filter((p) => p.accountId === accountId && p.symbol.toLowerCase().includes(symbol.toLowerCase())).length);
    expect(page.total).toBeGreaterThan(0);
  });

  it('refuses a window past its bounds', async () => {
    await expect(engine.call('positions.list', { limit: 50_001 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('positions.list', { offset: -1 })).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('orders.list windows', () => {
  it('answers the window at an offset of the same order', async () => {
    const whole = await engine.call('orders.list', { limit: 200 });
    const window = await engine.call('orders.list', { offset: 50, limit: 20 });
    expect(window.offset).toBe(50);
    expect(window.total).toBe(whole.total);
    expect(window.rows).toEqual(whole.rows.slice(50, 70));
    const counts = await engine.call('orders.list', { limit: 0 });
    expect(counts.rows).toEqual([]);
    expect(counts.byStatus).toEqual(whole.byStatus);
  });
});

describe('rows by key', () => {
  it('answers the positions and orders that exist, leaving out the deleted', async () => {
    const [a, b] = engine.store.positions();
    const got = await engine.call('positions.get', { keys: [positionRowKey(a), positionRowKey(b), 'strat-none\u001fNOPE'] });
    expect(got).toEqual([a, b]);
    const [o] = (await engine.call('orders.list', { limit: 1 })).rows;
    expect(await engine.call('orders.get', { keys: [o.orderId, 'ord-missing'] })).toEqual([o]);
  });

  it('takes at most one event’s worth of keys', async () => {
    const keys = Array.from({ length: 501 }, (_, i) => `k${i}`);
    await expect(engine.call('orders.get', { keys })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('positions.get', { keys: [] })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
