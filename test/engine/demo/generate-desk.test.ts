import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, ORDER_TYPES } from '../../../shared/domain';
import { Dec } from '../../../shared/decimal';
import { LifeboatError } from '../../../shared/result';
import { generateDesk, DEMO_META_KEY, type DemoSummary } from '../../../electron/engine/demo/generate-desk';
import { listAudit, verifyAudit } from '../../../electron/engine/audit/audit-log';
import { tempStore } from '../../support/temp-state';
import { AS_OF, cashAccountViolations, count, nonCanonicalDecimals, snapshot } from './helpers';

describe('generateDesk (small)', () => {
  it('builds a desk of the stated size with every order status and type', () => {
    const { store } = tempStore();
    const summary = generateDesk(store, { size: 'small', seed: 1, asOf: AS_OF });
    expect(summary).toMatchObject({ size: 'small', seed: 1, asOf: AS_OF, accounts: 2, strategies: 6, positions: 200, orders: 2000 });
    const counts = store.counts();
    expect(counts).toMatchObject({ accounts: 2, strategies: 6, positions: 200, orders: 2000, openOrders: summary.openOrders });
    expect(summary.openOrders).toBeGreaterThanOrEqual(40);
    expect(summary.openOrders).toBeLessThanOrEqual(80);
    expect(summary.cashBalances).toBe(store.cashBalances().length);

    const statuses = store.db.prepare('SELECT DISTINCT status FROM orders').pluck().all();
    expect([...statuses].sort()).toEqual([...ORDER_STATUSES].sort());
    const types = store.db.prepare('SELECT DISTINCT type FROM orders').pluck().all();
    expect([...types].sort()).toEqual([...ORDER_TYPES].sort());
    // Mostly history: filled and cancelled dominate.
    const filled = count(store, `SELECT COUNT(*) FROM orders WHERE status = 'filled'`);
    const cancelled = count(store, `SELECT COUNT(*) FROM orders WHERE status = 'cancelled'`);
    expect(filled + cancelled).toBeGreaterThan(1500);
  });

  it('looks like a real desk: brokers, currencies, strategies, risk, settings, artifacts', () => {
    const { store } = tempStore();
    generateDesk(store, { size: 'small', seed: 2, asOf: AS_OF });
    const accounts = store.accounts();
    expect(accounts.map((a) => [a.broker, a.kind, a.accountType, a.baseCurrency])).toEqual([
      ['Alpaca', 'equities', 'cash', 'USD'],
      ['Binance', 'crypto', 'margin', 'USDT'],
    ]);
    expect(store.cashBalances('acct-binance-01').map((c) => c.currency)).toEqual(['BTC', 'EUR', 'USD', 'USDT']);
    const names = store.strategies().map((s) => s.name).sort();
    expect(names).toEqual(['btc-momentum-4h', 'eth-basis-carry', 'mean-reversion-spy', 'momentum-tech-1d', 'pairs-ko-pep', 'sol-breakout-1h']);

    // Strategy state documents: config, indicators as decimal strings, counters as integers.
    const spy = store.strategyByName('mean-reversion-spy')!;
    const state = spy.state as Record<string, any>;
    expect(state.family).toBe('mean-reversion');
    expect(typeof state.counters.ordersPlaced).toBe('number');
    expect(typeof state.indicators.zscore).toBe('string');
    expect(typeof state.pnl.realized).toBe('string');
    expect(state.lastSignal.symbol).toBe('SPY');

    // Positions: crypto with many decimals, equities in whole or fractional shares, some shorts in margin.
    const positions = store.positions();
    expect(positions.some((p) => p.symbol === 'SPY' && p.strategyId === spy.strategyId)).toBe(true);
    expect(positions.some((p) => p.symbol.includes('/') && new Dec(p.quantity).decimalPlaces() > 8)).toBe(true);
    expect(positions.some((p) => new Dec(p.quantity).isNegative())).toBe(true);
    expect(positions.every((p) => p.avgPrice !== null && p.lastPrice !== null && p.costBasis !== null)).toBe(true);
    expect(positions.some((p) => new Dec(p.lastPrice!).gt(p.avgPrice!))).toBe(true);
    expect(positions.some((p) => new Dec(p.lastPrice!).lt(p.avgPrice!))).toBe(true);
    for (const p of positions.filter((x) => !x.symbol.includes('/'))) {
      expect(new Dec(p.lastPrice!).decimalPlaces()).toBeLessThanOrEqual(2);
      expect(p.currency).toBe('USD');
    }

    // Risk: every account, some strategies, one halted with a reason.
    const risk = store.riskState();
    expect(risk.filter((r) => r.strategyId === '')).toHaveLength(2);
    const halted = risk.filter((r) => !r.tradingEnabled);
    expect(halted).toHaveLength(1);
    expect(halted[0].strategyId).toBe('stg-sol-breakout-1h');
    expect(halted[0].haltReason).toMatch(/daily loss/);
    for (const r of risk) expect(Object.keys(r.limits).sort()).toEqual(['maxDailyLoss', 'maxDrawdownPct', 'maxPositionValue']);

    expect(store.settings()['checkpoint.autoIntervalSeconds']).toBe(60);
    const artifacts = store.artifacts();
    const model = artifacts.filter((a) => a.name === 'btc-momentum-4h/model.onnx');
    expect(model.map((a) => a.version)).toEqual([1, 2]);
    expect(model[0].size).toBeGreaterThan(4096);
    expect(store.readArtifact('btc-momentum-4h/model.onnx', 2).length).toBe(model[1].size);
    expect(JSON.parse(store.meta(DEMO_META_KEY)!)).toEqual({ size: 'small', seed: 2, asOf: AS_OF });
  });

  it('keeps its invariants: canonical decimals, no overdrawn cash account, nothing after asOf, consistent brackets', () => {
    const { store } = tempStore();
    generateDesk(store, { size: 'small', seed: 3, asOf: AS_OF });
    expect(nonCanonicalDecimals(store)).toEqual([]);
    expect(cashAccountViolations(store)).toEqual([]);

    for (const [table, columns] of [
      ['orders', ['created_at', 'updated_at']],
      ['positions', ['updated_at']],
      ['cash_balances', ['updated_at']],
      ['strategies', ['updated_at']],
      ['risk_state', ['updated_at']],
      ['artifacts', ['created_at']],
      ['accounts', ['created_at']],
    ] as const) {
      for (const column of columns) {
        const max = store.db.prepare(`SELECT MAX(${column}) FROM ${table}`).pluck().get() as string;
        expect(max <= AS_OF, `${table}.${column} ${max}`).toBe(true);
      }
    }
    expect(count(store, 'SELECT COUNT(*) FROM orders WHERE updated_at < created_at')).toBe(0);
    // Spread over the days before asOf.
    const oldest = store.db.prepare('SELECT MIN(created_at) FROM orders').pluck().get() as string;
    expect(Date.parse(AS_OF) - Date.parse(oldest)).toBeGreaterThan(7 * 86_400_000);

    const orders = [...store.allOrders()];
    const byId = new Map(orders.map((o) => [o.orderId, o]));
    const parents = orders.filter((o) => o.stopOrderId || o.takeProfitOrderId);
    expect(parents.length).toBeGreaterThan(10);
    for (const p of parents) {
      for (const childId of [p.stopOrderId!, p.takeProfitOrderId!]) {
        const child = byId.get(childId)!;
        expect(child.parentOrderId).toBe(p.orderId);
        expect(child.symbol).toBe(p.symbol);
        expect(child.strategyId).toBe(p.strategyId);
        expect(child.side).not.toBe(p.side);
      }
      expect(byId.get(p.stopOrderId!)!.type).toBe('stop');
      // Never both exits filled.
      expect(byId.get(p.stopOrderId!)!.status === 'filled' && byId.get(p.takeProfitOrderId!)!.status === 'filled').toBe(false);
    }
    for (const o of orders) {
      const filled = new Dec(o.filledQuantity);
      expect(filled.gte(0) && filled.lte(o.quantity)).toBe(true);
      if (o.status === 'filled') expect(o.filledQuantity).toBe(o.quantity);
      if (o.status === 'partially_filled') expect(filled.gt(0) && filled.lt(o.quantity)).toBe(true);
      expect(filled.isZero()).toBe(o.avgFillPrice === null);
      if (o.type === 'limit' || o.type === 'stop_limit') expect(o.limitPrice).not.toBeNull();
      if (o.type === 'stop' || o.type === 'stop_limit') expect(o.stopPrice).not.toBeNull();
      if (o.type === 'market') expect(o.limitPrice === null && o.stopPrice === null).toBe(true);
      if (o.status === 'new') expect(o.brokerOrderId).toBeNull();
    }
    const clientIds = orders.map((o) => o.clientOrderId).filter((c) => c !== null);
    expect(new Set(clientIds).size).toBe(clientIds.length);
    expect(orders.filter((o) => o.brokerOrderId !== null).length).toBeGreaterThan(1800);
  });

  it('gives exactly the same rows for the same seed and different rows for another', () => {
    const a = tempStore().store;
    const b = tempStore().store;
    const c = tempStore().store;
    generateDesk(a, { size: 'small', seed: 77, asOf: AS_OF });
    generateDesk(b, { size: 'small', seed: 77, asOf: AS_OF });
    generateDesk(c, { size: 'small', seed: 78, asOf: AS_OF });
    const sa = snapshot(a);
    expect(snapshot(b)).toBe(sa);
    expect(snapshot(c)).not.toBe(sa);
    // Another asOf shifts the desk in time.
    const d = tempStore().store;
    generateDesk(d, { size: 'small', seed: 77, asOf: '2026-11-21T21:00:00Z' });
    expect(snapshot(d)).not.toBe(sa);
  });

  it('records one audit entry and reports progress up to the total', () => {
    const { store } = tempStore();
    const calls: [number, number, string][] = [];
    const summary = generateDesk(store, { size: 'small', seed: 4, asOf: AS_OF }, (done, total, message) => calls.push([done, total, message]));
    const page = listAudit(store.db, { limit: 10 });
    expect(page.total).toBe(1);
    expect(page.entries[0].action).toBe('demo.generate');
    expect(page.entries[0].details).toMatchObject(summary as DemoSummary & Record<string, unknown>);
    expect(verifyAudit(store.db).ok).toBe(true);
    expect(calls.length).toBeGreaterThan(3);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    const last = calls[calls.length - 1];
    expect(last[0]).toBe(last[1]);
  });

  it('refuses a state folder that already holds a desk, and writes nothing', () => {
    const { store, paths } = tempStore();
    generateDesk(store, { size: 'small', seed: 5, asOf: AS_OF });
    const before = snapshot(store);
    const audit = store.counts().auditEntries;
    let error: unknown;
    try {
      generateDesk(store, { size: 'small', seed: 6, asOf: AS_OF });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LifeboatError);
    expect((error as LifeboatError).code).toBe('conflict');
    expect((error as LifeboatError).reason).toMatch(/already holds a desk/);
    expect((error as LifeboatError).where).toBe(paths.dir);
    expect(snapshot(store)).toBe(before);
    expect(store.counts().auditEntries).toBe(audit);
  });

  it('rolls everything back when a write fails part-way', () => {
    const { store } = tempStore();
    store.db.exec(`CREATE TEMP TRIGGER fail_artifacts BEFORE INSERT ON artifacts BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    expect(() => generateDesk(store, { size: 'small', seed: 8, asOf: AS_OF })).toThrow(/injected fault/);
    expect(store.counts()).toMatchObject({ accounts: 0, strategies: 0, positions: 0, orders: 0, auditEntries: 0 });
    expect(store.cashBalances()).toEqual([]);
    store.db.exec('DROP TRIGGER fail_artifacts');
    expect(generateDesk(store, { size: 'small', seed: 8, asOf: AS_OF }).orders).toBe(2000);
  });

  it('rejects bad arguments', () => {
    const { store } = tempStore();
    expect(() => generateDesk(store, { size: 'huge' as 'small', seed: 1, asOf: AS_OF })).toThrow(LifeboatError);
    expect(() => generateDesk(store, { size: 'small', seed: 1.5, asOf: AS_OF })).toThrow(/seed/);
    expect(() => generateDesk(store, { size: 'small', seed: 1, asOf: 'yesterday' })).toThrow(/asOf/);
    expect(() => generateDesk(store, { size: 'small', seed: 1, asOf: '2026-11-20T21:00:00+02:00' })).toThrow(/asOf/);
    expect(store.counts().accounts).toBe(0);
  });
});
