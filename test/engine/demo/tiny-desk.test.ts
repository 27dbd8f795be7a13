import { describe, expect, it } from 'vitest';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { verifyAudit } from '../../../electron/engine/audit/audit-log';
import { tempStore } from '../../support/temp-state';
import { AS_OF, cashAccountViolations, clock, count, nonCanonicalDecimals, snapshot } from './helpers';

describe('generateDesk (tiny)', () => {
  it("is the small desk's accounts and strategies with a tenth of its rows, and keeps its invariants", () => {
    const { store } = tempStore();
    const summary = generateDesk(store, { size: 'tiny', seed: 1, asOf: AS_OF });
    expect(summary).toMatchObject({ size: 'tiny', accounts: 2, strategies: 6, positions: 20, orders: 200 });
    expect(store.counts()).toMatchObject({ accounts: 2, strategies: 6, positions: 20, orders: 200, openOrders: summary.openOrders });
    expect(summary.openOrders).toBeGreaterThanOrEqual(8);
    expect(store.accounts().map((a) => a.accountId)).toEqual(['acct-alpaca-01', 'acct-binance-01']);
    expect(store.settings()['desk.name']).toBe('Demo desk (tiny)');
    expect(nonCanonicalDecimals(store)).toEqual([]);
    expect(cashAccountViolations(store)).toEqual([]);
    expect(count(store, `SELECT COUNT(*) FROM orders WHERE created_at > '${AS_OF}' OR updated_at > '${AS_OF}'`)).toBe(0);
    expect(verifyAudit(store.db).ok).toBe(true);
  });

  it('is the same for the same seed, and trades', () => {
    const a = tempStore().store;
    const b = tempStore().store;
    generateDesk(a, { size: 'tiny', seed: 4, asOf: AS_OF });
    generateDesk(b, { size: 'tiny', seed: 4, asOf: AS_OF });
    expect(snapshot(a)).toBe(snapshot(b));
    const before = snapshot(a);
    const run = simulate(a, { ticks: 20, seed: 2 }, clock(AS_OF));
    expect(run.ticks).toBe(20);
    expect(snapshot(a)).not.toBe(before);
    expect(cashAccountViolations(a)).toEqual([]);
  });
});
