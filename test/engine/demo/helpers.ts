// Shared checks for the demo desk and simulator tests.
import { canonicalJson } from '../../../shared/canonical-json';
import { isCanonical } from '../../../shared/decimal';
import type { LiveStore } from '../../../electron/engine/live/live-store';

export const AS_OF = '2026-11-20T21:00:00.000Z';

/** The whole live state read through LiveStore, as one canonical JSON text (the audit log excluded). */
export function snapshot(store: LiveStore): string {
  return canonicalJson({
    accounts: store.accounts(),
    strategies: store.strategies(),
    positions: store.positions(),
    orders: [...store.allOrders()],
    cash: store.cashBalances(),
    risk: store.riskState(),
    artifacts: store.artifacts().map((a) => ({ ...a, bytes: store.readArtifact(a.name, a.version).toString('base64') })),
    settings: store.settings(),
    settingsHash: store.settingsHash(),
  });
}

/** A clock that starts at `start` and advances by `stepMs` each call. */
export function clock(start: string, stepMs = 1000): () => string {
  let t = Date.parse(start);
  return () => {
    t += stepMs;
    return new Date(t).toISOString();
  };
}

const DECIMAL_COLUMNS: Record<string, string[]> = {
  strategies: ['cash'],
  positions: ['quantity', 'avg_price', 'last_price'],
  orders: ['quantity', 'filled_quantity', 'limit_price', 'stop_price', 'avg_fill_price'],
  cash_balances: ['amount'],
  risk_state: ['peak_value', 'daily_start_value'],
};

/** Every decimal column and every risk limit that is not canonical, as "table.column=value". */
export function nonCanonicalDecimals(store: LiveStore): string[] {
  const bad: string[] = [];
  for (const [table, columns] of Object.entries(DECIMAL_COLUMNS)) {
    for (const column of columns) {
      const it = store.db.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`).pluck().iterate();
      for (const v of it as IterableIterator<unknown>) {
        if (typeof v !== 'string' || !isCanonical(v)) bad.push(`${table}.${column}=${String(v)}`);
      }
    }
  }
  for (const r of store.riskState()) {
    for (const [k, v] of Object.entries(r.limits)) if (typeof v !== 'string' || !isCanonical(v)) bad.push(`risk.limits.${k}=${String(v)}`);
  }
  return bad;
}

/** Cash balances below zero in cash accounts, and short positions in cash accounts. */
export function cashAccountViolations(store: LiveStore): string[] {
  const rows = store.db
    .prepare(
      `SELECT 'cash ' || c.account_id || '/' || c.currency || '=' || c.amount AS v FROM cash_balances c
         JOIN accounts a USING (account_id) WHERE a.account_type = 'cash' AND c.amount LIKE '-%'
       UNION ALL
       SELECT 'short ' || p.strategy_id || '/' || p.symbol || '=' || p.quantity FROM positions p
         JOIN accounts a USING (account_id) WHERE a.account_type = 'cash' AND p.quantity LIKE '-%'`,
    )
    .pluck()
    .all() as string[];
  return rows;
}

export function count(store: LiveStore, sql: string, ...args: unknown[]): number {
  return store.db.prepare(sql).pluck().get(...args) as number;
}
