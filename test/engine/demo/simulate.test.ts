import { describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/decimal';
import type { LiveStore } from '../../../electron/engine/live/live-store';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { createRng } from '../../../electron/engine/demo/rng';
import { SIM_SEQ_KEY, SIM_SQL, simulate, simulateTick, type TickSummary } from '../../../electron/engine/demo/simulate';
import { listAudit, verifyAudit } from '../../../electron/engine/audit/audit-log';
import { tempStore } from '../../support/temp-state';
import { AS_OF, cashAccountViolations, clock, nonCanonicalDecimals, snapshot } from './helpers';

function smallDesk(seed = 1): LiveStore {
  const { store } = tempStore();
  generateDesk(store, { size: 'small', seed, asOf: AS_OF });
  return store;
}

interface Fill {
  orderId: string;
  quantity: string;
  price: string;
  currency: string;
}

const key = (...parts: string[]) => parts.join('|');

describe('simulateTick', () => {
  it('moves positions and cash by exactly the fills it records, tick after tick', () => {
    const store = smallDesk(11);
    const rng = createRng(5);
    const now = clock(AS_OF);
    let fillsSeen = 0;
    let buyChecked = 0;
    for (let tick = 0; tick < 150; tick++) {
      const qtyBefore = new Map(store.positions().map((p) => [key(p.strategyId, p.symbol), p]));
      const cashBefore = new Map(store.cashBalances().map((c) => [key(c.accountId, c.currency), c.amount]));
      const stratCashBefore = new Map(store.strategies().map((s) => [s.strategyId, s.cash]));
      const summary = simulateTick(store, rng, now());
      const entry = listAudit(store.db, { limit: 1 }).entries[0];
      expect(entry.action).toBe('simulate.tick');
      const details = entry.details as { fills: Fill[]; filled: string[]; partiallyFilled: string[] };
      expect(details.filled).toEqual(summary.filled);

      // Expected deltas from the recorded fills.
      const dQty = new Map<string, Dec>();
      const dCash = new Map<string, Dec>();
      const perPosition = new Map<string, Fill[]>();
      for (const f of details.fills) {
        const o = store.order(f.orderId)!;
        const signed = o.side === 'buy' ? new Dec(f.quantity) : new Dec(f.quantity).negated();
        const pk = key(o.strategyId, o.symbol);
        dQty.set(pk, (dQty.get(pk) ?? new Dec(0)).plus(signed));
        perPosition.set(pk, [...(perPosition.get(pk) ?? []), f]);
        const ck = key(o.accountId, f.currency);
        dCash.set(ck, (dCash.get(ck) ?? new Dec(0)).minus(signed.times(f.price)));
        fillsSeen++;
      }
      const after = new Map(store.positions().map((p) => [key(p.strategyId, p.symbol), p]));
      for (const k of new Set([...qtyBefore.keys(), ...after.keys()])) {
        const before = new Dec(qtyBefore.get(k)?.quantity ?? '0');
        const now = new Dec(after.get(k)?.quantity ?? '0');
        expect(now.minus(before).eq(dQty.get(k) ?? 0), `position ${k}`).toBe(true);
      }
      const cashAfter = new Map(store.cashBalances().map((c) => [key(c.accountId, c.currency), c.amount]));
      for (const k of new Set([...cashBefore.keys(), ...cashAfter.keys()])) {
        const diff = new Dec(cashAfter.get(k) ?? '0').minus(cashBefore.get(k) ?? '0');
        expect(diff.eq(dCash.get(k) ?? 0), `cash ${k}`).toBe(true);
      }

      // A single buy fill on a position: quantity up by exactly the fill, cash down by exactly qty × price,
      // and the average price follows the rules (weighted on increase, kept on reduce, reset on crossing).
      for (const [pk, fills] of perPosition) {
        if (fills.length !== 1) continue;
        const f = fills[0];
        const o = store.order(f.orderId)!;
        const before = qtyBefore.get(pk);
        const now = after.get(pk);
        const q0 = new Dec(before?.quantity ?? '0');
        const signed = o.side === 'buy' ? new Dec(f.quantity) : new Dec(f.quantity).negated();
        const q1 = q0.plus(signed);
        if (q1.isZero()) {
          expect(now).toBeUndefined();
          continue;
        }
        expect(new Dec(now!.quantity).eq(q1)).toBe(true);
        expect(now!.lastPrice).toBe(f.price);
        if (q0.isZero() || (q0.isNegative() !== q1.isNegative())) {
          expect(new Dec(now!.avgPrice!).eq(f.price)).toBe(true);
        } else if (q0.isNegative() === signed.isNegative()) {
          const weighted = q0.abs().times(before!.avgPrice!).plus(new Dec(f.quantity).times(f.price)).div(q1.abs());
          expect(new Dec(now!.avgPrice!).minus(weighted).abs().lte('1e-18')).toBe(true);
        } else {
          expect(now!.avgPrice).toBe(before!.avgPrice);
        }
        if (o.side === 'buy') {
          const ck = key(o.accountId, f.currency);
          const onlyFillInCurrency = details.fills.filter((x) => {
            const xo = store.order(x.orderId)!;
            return key(xo.accountId, x.currency) === ck;
          }).length === 1;
          if (onlyFillInCurrency) {
            const diff = new Dec(cashBefore.get(ck) ?? '0').minus(store.cash(o.accountId, f.currency));
            expect(diff.eq(new Dec(f.quantity).times(f.price))).toBe(true);
            const s = store.strategy(o.strategyId)!;
            if (store.account(o.accountId)!.baseCurrency === f.currency) {
              expect(new Dec(stratCashBefore.get(s.strategyId)!).minus(s.cash).eq(new Dec(f.quantity).times(f.price))).toBe(true);
            }
            buyChecked++;
          }
        }
      }
      expect(cashAccountViolations(store)).toEqual([]);
    }
    expect(fillsSeen).toBeGreaterThan(50);
    expect(buyChecked).toBeGreaterThan(5);
  });

  it('is atomic: a fault at the end of a tick leaves no change at all', () => {
    const store = smallDesk(12);
    const rng = createRng(3);
    const now = clock(AS_OF);
    simulateTick(store, rng, now());
    const before = snapshot(store);
    const seq = store.meta(SIM_SEQ_KEY);
    const audit = store.counts().auditEntries;
    store.db.exec(`CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    for (let i = 0; i < 5; i++) {
      expect(() => simulateTick(store, rng, now())).toThrow(/injected fault/);
      expect(snapshot(store)).toBe(before);
      expect(store.meta(SIM_SEQ_KEY)).toBe(seq);
      expect(store.counts().auditEntries).toBe(audit);
    }
    store.db.exec('DROP TRIGGER fail_audit');
    simulateTick(store, rng, now());
    expect(store.counts().auditEntries).toBe(audit + 1);
    expect(verifyAudit(store.db).ok).toBe(true);
  });

  it('is atomic: a fault in the middle of a fill (the cash write) rolls back the order and position too', () => {
    const store = smallDesk(13);
    const rng = createRng(4);
    const now = clock(AS_OF);
    store.db.exec(`CREATE TEMP TRIGGER fail_cash BEFORE UPDATE ON cash_balances BEGIN SELECT RAISE(ABORT, 'injected cash fault'); END`);
    let faulted = 0;
    for (let i = 0; i < 200 && faulted < 3; i++) {
      const before = snapshot(store);
      const audit = store.counts().auditEntries;
      try {
        simulateTick(store, rng, now());
      } catch (err) {
        expect(String(err)).toMatch(/injected cash fault/);
        expect(snapshot(store)).toBe(before);
        expect(store.counts().auditEntries).toBe(audit);
        faulted++;
      }
    }
    expect(faulted).toBe(3);
  });

  it('changes only a few rows per tick and records them in the audit trail', () => {
    const store = smallDesk(14);
    const rng = createRng(9);
    const now = clock(AS_OF);
    const created: string[] = [];
    for (let i = 0; i < 60; i++) {
      const t = now();
      const s = simulateTick(store, rng, t);
      created.push(...s.created);
      for (const id of s.created) {
        const o = store.order(id)!;
        expect(o.createdAt).toBe(t);
      }
      for (const id of [...s.filled, ...s.partiallyFilled, ...s.cancelled]) expect(store.order(id)!.updatedAt).toBe(t);
      for (const id of s.filled) expect(store.order(id)!.status).toBe('filled');
      for (const id of s.cancelled) expect(store.order(id)!.status).toBe('cancelled');
      for (const id of s.partiallyFilled) expect(['partially_filled', 'pending_cancel', 'filled', 'cancelled']).toContain(store.order(id)!.status);
    }
    expect(created.length).toBeGreaterThan(20);
    expect(new Set(created).size).toBe(created.length);
    const audit = listAudit(store.db, { limit: 100, action: 'simulate.tick' });
    expect(audit.entries).toHaveLength(60);
  });

  it('keeps its invariants over many ticks: canonical decimals, no overdrawn cash account, a verified audit chain', () => {
    const store = smallDesk(15);
    const ticks: TickSummary[] = [];
    const total = simulate(store, { ticks: 300, seed: 21 }, clock(AS_OF), (_i, t) => ticks.push(t));
    expect(total.ticks).toBe(300);
    expect(ticks).toHaveLength(300);
    expect(total.created.length).toBe(ticks.reduce((n, t) => n + t.created.length, 0));
    expect(total.filled.length).toBeGreaterThan(30);
    expect(total.partiallyFilled.length).toBeGreaterThan(5);
    expect(total.cancelled.length).toBeGreaterThan(10);
    expect(total.pricesMoved).toBeGreaterThan(100);
    expect(total.strategiesUpdated).toBeGreaterThan(100);
    expect(nonCanonicalDecimals(store)).toEqual([]);
    expect(cashAccountViolations(store)).toEqual([]);
    expect(verifyAudit(store.db)).toMatchObject({ ok: true, entries: 301 });
    // Strategy state advanced; the halted strategy placed nothing new.
    const btc = store.strategyByName('btc-momentum-4h')!;
    expect(Date.parse(btc.updatedAt)).toBeGreaterThan(Date.parse(AS_OF));
    const halted = store.strategyByName('sol-breakout-1h')!;
    for (const id of total.created) expect(store.order(id)!.strategyId).not.toBe(halted.strategyId);
    // Paused strategies place nothing either.
    const paused = store.strategyByName('momentum-tech-1d')!;
    for (const id of total.created) expect(store.order(id)!.strategyId).not.toBe(paused.strategyId);
    // Bracket orders from the simulator are linked both ways.
    const parents = total.created.map((id) => store.order(id)!).filter((o) => o.stopOrderId);
    for (const p of parents) {
      expect(store.order(p.stopOrderId!)!.parentOrderId).toBe(p.orderId);
      expect(store.order(p.takeProfitOrderId!)!.parentOrderId).toBe(p.orderId);
    }
    // The open book neither drains nor floods.
    expect(store.counts().openOrders).toBeGreaterThan(0);
    expect(store.counts().openOrders).toBeLessThan(400);
  });

  it('is deterministic for the same desk, seed and clock', () => {
    const a = smallDesk(16);
    const b = smallDesk(16);
    simulate(a, { ticks: 40, seed: 2 }, clock(AS_OF));
    simulate(b, { ticks: 40, seed: 2 }, clock(AS_OF));
    expect(snapshot(b)).toBe(snapshot(a));
    const c = smallDesk(16);
    simulate(c, { ticks: 40, seed: 3 }, clock(AS_OF));
    expect(snapshot(c)).not.toBe(snapshot(a));
  });

  it('never reuses an order id, even when run again with the same seed and clock', () => {
    const store = smallDesk(17);
    const before = store.counts().orders;
    const first = simulate(store, { ticks: 50, seed: 1 }, clock(AS_OF));
    const second = simulate(store, { ticks: 50, seed: 1 }, clock(AS_OF));
    const firstIds = new Set(first.created);
    expect(second.created.some((id) => firstIds.has(id))).toBe(false);
    expect(store.counts().orders).toBe(before + first.created.length + second.created.length);
    const brokerIds = store.db
      .prepare('SELECT account_id, broker_order_id, COUNT(*) AS n FROM orders WHERE broker_order_id IS NOT NULL GROUP BY 1, 2 HAVING n > 1')
      .all();
    expect(brokerIds).toEqual([]);
  });

  it('uses only indexed lookups on orders and positions', () => {
    const store = smallDesk(18);
    for (const [name, sql] of Object.entries(SIM_SQL)) {
      const params = (sql.match(/\?/g) ?? []).map(() => 1);
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
      expect(plan, name).not.toMatch(/SCAN (orders|positions)\b/);
    }
  });

  it('works on an empty state folder without failing', () => {
    const { store } = tempStore();
    const s = simulateTick(store, createRng(1), AS_OF);
    expect(s).toEqual({ created: [], filled: [], partiallyFilled: [], cancelled: [], pricesMoved: 0, strategiesUpdated: 0 });
    expect(verifyAudit(store.db).ok).toBe(true);
    expect(() => simulateTick(store, createRng(1), 'not a time')).toThrow(RangeError);
  });
});
