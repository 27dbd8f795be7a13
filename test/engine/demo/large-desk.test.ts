import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../../shared/domain';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { verifyAudit } from '../../../electron/engine/audit/audit-log';
import { tempStore } from '../../support/temp-state';
import { AS_OF, cashAccountViolations, clock, count } from './helpers';

describe('generateDesk (large)', () => {
  it('builds 5 accounts, 40 strategies, 10,000 positions and 200,000 orders, and the simulator runs on it', () => {
    const { store } = tempStore();
    const summary = generateDesk(store, { size: 'large', seed: 1, asOf: AS_OF });
    expect(summary).toMatchObject({ accounts: 5, strategies: 40, positions: 10_000, orders: 200_000 });
    expect(store.counts()).toMatchObject({ accounts: 5, strategies: 40, positions: 10_000, orders: 200_000, openOrders: summary.openOrders });
    expect(summary.openOrders).toBeGreaterThanOrEqual(300);
    expect(summary.openOrders).toBeLessThanOrEqual(500);

    const currencies = new Set(store.cashBalances().map((c) => c.currency));
    for (const c of ['USD', 'EUR', 'GBP', 'USDT', 'JPY', 'BTC']) expect(currencies.has(c)).toBe(true);
    expect(new Set(store.accounts().map((a) => a.kind))).toEqual(new Set(['equities', 'crypto']));
    const statuses = store.db.prepare('SELECT DISTINCT status FROM orders').pluck().all();
    expect([...statuses].sort()).toEqual([...ORDER_STATUSES].sort());
    expect(count(store, `SELECT COUNT(*) FROM orders WHERE symbol LIKE '%.T'`)).toBeGreaterThan(0);
    expect(count(store, `SELECT COUNT(*) FROM risk_state WHERE trading_enabled = 0`)).toBeGreaterThanOrEqual(2);
    expect(count(store, `SELECT MAX(updated_at) > ? FROM orders`, AS_OF)).toBe(0);
    expect(cashAccountViolations(store)).toEqual([]);

    const sim = simulate(store, { ticks: 25, seed: 7 }, clock(AS_OF));
    expect(sim.ticks).toBe(25);
    expect(store.counts().orders).toBe(200_000 + sim.created.length);
    expect(cashAccountViolations(store)).toEqual([]);
    expect(verifyAudit(store.db)).toMatchObject({ ok: true, entries: 26 });
  });
});
