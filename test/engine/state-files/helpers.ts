// Shared setup for the import tests: a small desk, the fixtures, and a canonical dump of every
// table so "nothing changed" can be checked exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../../../shared/canonical-json';
import type { LiveStore } from '../../../electron/engine/live/live-store';
import * as rows from '../../../electron/engine/live/rows';
import type { Order, Position } from '../../../shared/domain';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

export const T0 = '2024-03-01T00:00:00.000Z';

/**
 * ACC-EQ: an equities cash account (USD) with strategy "mean-reversion" (id mr) holding a stale
 * position and open order; ACC-CRYPTO: a crypto margin account (USDT) with strategy "other"
 * whose order id `taken-1` no import may steal.
 */
export function seedDesk(store: LiveStore): void {
  store.db.transaction(() => {
    store.putAccount({ accountId: 'ACC-EQ', name: 'Equities', broker: 'alpaca', kind: 'equities', accountType: 'cash', baseCurrency: 'USD', createdAt: T0 });
    store.putAccount({ accountId: 'ACC-CRYPTO', name: 'Crypto', broker: 'binance', kind: 'crypto', accountType: 'margin', baseCurrency: 'USDT', createdAt: T0 });
    store.putStrategy({ strategyId: 'mr', accountId: 'ACC-EQ', name: 'mean-reversion', status: 'paused', cash: '1000', state: { old: true }, updatedAt: T0 });
    store.putStrategy({ strategyId: 'other', accountId: 'ACC-CRYPTO', name: 'other', status: 'running', cash: '5', state: {}, updatedAt: T0 });
    store.putPosition({ accountId: 'ACC-EQ', strategyId: 'mr', symbol: 'TSLA', quantity: '3', avgPrice: '200', lastPrice: null, currency: 'USD', updatedAt: T0 });
    const order = {
      clientOrderId: null,
      brokerOrderId: null,
      side: 'buy' as const,
      type: 'limit' as const,
      quantity: '1',
      filledQuantity: '0',
      limitPrice: '100',
      stopPrice: null,
      avgFillPrice: null,
      status: 'new' as const,
      parentOrderId: null,
      stopOrderId: null,
      takeProfitOrderId: null,
      createdAt: T0,
      updatedAt: T0,
    };
    store.putOrder({ ...order, orderId: 'stale-open', accountId: 'ACC-EQ', strategyId: 'mr', symbol: 'TSLA' });
    store.putOrder({ ...order, orderId: 'taken-1', accountId: 'ACC-CRYPTO', strategyId: 'other', symbol: 'BTC/USDT' });
  })();
}

/** Every table of the database (but `exclude`), rows sorted, as one canonical text. */
export function dumpDb(db: Database, exclude: string[] = []): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, string[]> = {};
  for (const { name } of tables.filter((t) => !exclude.includes(t.name))) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    out[name] = rows
      .map((r) => canonicalJson(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v]))))
      .sort();
  }
  return canonicalJson(out);
}

/** A strategy's positions and open orders, read directly (independent of LiveStore's list queries). */
export function positionsOf(store: LiveStore, strategyId: string): Position[] {
  const r = store.db.prepare('SELECT * FROM positions WHERE strategy_id = ? ORDER BY symbol').all(strategyId) as rows.PositionRow[];
  return r.map(rows.toPosition);
}

export function openOrdersOf(store: LiveStore, strategyId: string): Order[] {
  const r = store.db
    .prepare('SELECT * FROM orders WHERE strategy_id = ? AND is_open = 1 ORDER BY order_id')
    .all(strategyId) as rows.OrderRow[];
  return r.map(rows.toOrder);
}

export const auditCount = (db: Database): number => (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
