// The live state in lifeboat.db: typed reads and writes over prepared statements.
// Writes check the invariants the schema cannot (canonical decimals, no negative cash in a cash
// account); callers wrap them in a transaction together with the audit entry that records them.
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Account, Artifact, CashBalance, Order, Position, RiskState, Strategy } from '../../../shared/domain';
import { canonical, Dec, isCanonical } from '../../../shared/decimal';
import { canonicalJson } from '../../../shared/canonical-json';
import type { OrderPage, OrderQuery, PositionPage, PositionQuery } from '../../../shared/api/contract';
import { LifeboatError } from '../../../shared/result';
import { OrderWindows } from './order-windows';
import { PositionWindows } from './position-windows';
import * as rows from './rows';

export class LiveStore {
  private readonly stmts = new Map<string, Statement>();
  private readonly windows: PositionWindows;
  private readonly orderWindows: OrderWindows;

  constructor(readonly db: Database) {
    this.windows = new PositionWindows(db, (filter) => this.positions(filter));
    this.orderWindows = new OrderWindows(db);
  }

  private stmt(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  // ---- reads ---------------------------------------------------------------------------------

  accounts(): Account[] {
    return (this.stmt('SELECT * FROM accounts ORDER BY account_id').all() as rows.AccountRow[]).map(rows.toAccount);
  }

  account(accountId: string): Account | null {
    const r = this.stmt('SELECT * FROM accounts WHERE account_id = ?').get(accountId) as rows.AccountRow | undefined;
    return r ? rows.toAccount(r) : null;
  }

  strategies(): Strategy[] {
    return (this.stmt('SELECT * FROM strategies ORDER BY strategy_id').all() as rows.StrategyRow[]).map(rows.toStrategy);
  }

  strategy(strategyId: string): Strategy | null {
    const r = this.stmt('SELECT * FROM strategies WHERE strategy_id = ?').get(strategyId) as rows.StrategyRow | undefined;
    return r ? rows.toStrategy(r) : null;
  }

  strategyByName(name: string): Strategy | null {
    const r = this.stmt('SELECT * FROM strategies WHERE name = ?').get(name) as rows.StrategyRow | undefined;
    return r ? rows.toStrategy(r) : null;
  }

  positions(filter: { accountId?: string; strategyId?: string } = {}): Position[] {
    const r = this.stmt(
      `SELECT * FROM positions
       WHERE (@accountId IS NULL OR account_id = @accountId) AND (@strategyId IS NULL OR strategy_id = @strategyId)
       ORDER BY account_id, strategy_id, symbol`,
    ).all({ accountId: filter.accountId ?? null, strategyId: filter.strategyId ?? null }) as rows.PositionRow[];
    return r.map(rows.toPosition);
  }

  /** Every position's figures for the desk overview, in key order: no cost basis worked out. */
  positionFigures(): Pick<Position, 'accountId' | 'currency' | 'quantity' | 'avgPrice' | 'lastPrice'>[] {
    const r = this.stmt('SELECT account_id, currency, quantity, avg_price, last_price FROM positions ORDER BY account_id, strategy_id, symbol').raw().all() as [
      string,
      string,
      string,
      string | null,
      string | null,
    ][];
    return r.map(([accountId, currency, quantity, avgPrice, lastPrice]) => ({ accountId, currency, quantity, avgPrice, lastPrice }));
  }

  /** A window of the positions that match, in the query's order, with how many match in all (position-windows.ts). */
  positionsPage(input: PositionQuery): PositionPage {
    return this.windows.page(input);
  }

  /** The positions with these checkpoint keys (strategy_id U+001F symbol) that exist. */
  positionsByKeys(keys: readonly string[]): Position[] {
    const out: Position[] = [];
    for (const key of new Set(keys)) {
      const cut = key.indexOf('\u001f');
      if (cut < 0) continue;
      const p = this.position(key.slice(0, cut), key.slice(cut + 1));
      if (p) out.push(p);
    }
    return out;
  }

  /** The orders with these ids that exist. */
  ordersByIds(ids: readonly string[]): Order[] {
    const out: Order[] = [];
    for (const id of new Set(ids)) {
      const o = this.order(id);
      if (o) out.push(o);
    }
    return out;
  }

  position(strategyId: string, symbol: string): Position | null {
    const r = this.stmt('SELECT * FROM positions WHERE strategy_id = ? AND symbol = ?').get(strategyId, symbol) as
      | rows.PositionRow
      | undefined;
    return r ? rows.toPosition(r) : null;
  }

  order(orderId: string): Order | null {
    const r = this.stmt('SELECT * FROM orders WHERE order_id = ?').get(orderId) as rows.OrderRow | undefined;
    return r ? rows.toOrder(r) : null;
  }

  openOrders(filter: { accountId?: string; strategyId?: string } = {}): Order[] {
    const r = this.stmt(
      `SELECT * FROM orders WHERE is_open = 1
       AND (@accountId IS NULL OR account_id = @accountId) AND (@strategyId IS NULL OR strategy_id = @strategyId)
       ORDER BY order_id`,
    ).all({ accountId: filter.accountId ?? null, strategyId: filter.strategyId ?? null }) as rows.OrderRow[];
    return r.map(rows.toOrder);
  }

  /** Every order in key order; for exports. */
  *allOrders(): Generator<Order> {
    for (const r of this.db.prepare('SELECT * FROM orders ORDER BY order_id').iterate() as IterableIterator<rows.OrderRow>) {
      yield rows.toOrder(r);
    }
  }

  /** A window of the orders that match, in the query's order, with the counts per status (order-windows.ts). */
  queryOrders(input: OrderQuery): OrderPage {
    return this.orderWindows.page(input);
  }

  cashBalances(accountId?: string): CashBalance[] {
    return (
      this.stmt('SELECT * FROM cash_balances WHERE (@accountId IS NULL OR account_id = @accountId) ORDER BY account_id, currency').all({
        accountId: accountId ?? null,
      }) as rows.CashRow[]
    ).map(rows.toCash);
  }

  cash(accountId: string, currency: string): string {
    const r = this.stmt('SELECT amount FROM cash_balances WHERE account_id = ? AND currency = ?').get(accountId, currency) as
      | { amount: string }
      | undefined;
    return r?.amount ?? '0';
  }

  riskState(): RiskState[] {
    return (this.stmt('SELECT * FROM risk_state ORDER BY account_id, strategy_id').all() as rows.RiskRow[]).map(rows.toRisk);
  }

  risk(accountId: string, strategyId = ''): RiskState | null {
    const r = this.stmt('SELECT * FROM risk_state WHERE account_id = ? AND strategy_id = ?').get(accountId, strategyId) as
      | rows.RiskRow
      | undefined;
    return r ? rows.toRisk(r) : null;
  }

  artifacts(): Artifact[] {
    return (
      this.stmt(
        `SELECT a.name, a.version, a.sha256, b.size, a.strategy_id, a.created_at
         FROM artifacts a JOIN blobs b USING (sha256) ORDER BY a.name, a.version`,
      ).all() as { name: string; version: number; sha256: string; size: number; strategy_id: string | null; created_at: string }[]
    ).map((r) => ({
      name: r.name,
      version: r.version,
      sha256: r.sha256,
      size: r.size,
      strategyId: r.strategy_id,
      createdAt: r.created_at,
    }));
  }

  settings(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const r of this.stmt('SELECT key, value_json FROM settings ORDER BY key').all() as { key: string; value_json: string }[]) {
      out[r.key] = JSON.parse(r.value_json);
    }
    return out;
  }

  /** SHA-256 of the canonical settings document, so a changed configuration is noticed. */
  settingsHash(): string {
    return createHash('sha256').update(canonicalJson(this.settings())).digest('hex');
  }

  counts() {
    const n = (sql: string) => (this.stmt(sql).get() as { n: number }).n;
    return {
      accounts: n('SELECT COUNT(*) AS n FROM accounts'),
      strategies: n('SELECT COUNT(*) AS n FROM strategies'),
      positions: n('SELECT COUNT(*) AS n FROM positions'),
      orders: n('SELECT COUNT(*) AS n FROM orders'),
      openOrders: n('SELECT COUNT(*) AS n FROM orders WHERE is_open = 1'),
      auditEntries: n('SELECT COUNT(*) AS n FROM audit_log'),
    };
  }

  /** The newest change time per account (orders, positions, cash, strategies). */
  openOrdersByAccount(): Map<string, number> {
    const rows = this.db.prepare('SELECT account_id, COUNT(*) AS n FROM orders WHERE is_open = 1 GROUP BY account_id').all() as { account_id: string; n: number }[];
    return new Map(rows.map((r) => [r.account_id, r.n]));
  }

  lastActivityByAccount(): Map<string, string> {
    // One MAX per table and account: SQLite answers each from an index in O(log n), where a
    // GROUP BY over 200,000 orders would scan them all.
    const tables = ['orders', 'positions', 'cash_balances', 'strategies'];
    const out = new Map<string, string>();
    for (const { accountId } of this.accounts()) {
      const times = tables
        .map((t) => (this.stmt(`SELECT MAX(updated_at) AS t FROM ${t} WHERE account_id = ?`).get(accountId) as { t: string | null }).t)
        .filter((t): t is string => t !== null)
        .sort();
      if (times.length) out.set(accountId, times[times.length - 1]);
    }
    return out;
  }

  // ---- writes --------------------------------------------------------------------------------

  putAccount(a: Account): void {
    this.stmt(
      `INSERT INTO accounts (account_id, name, broker, kind, account_type, base_currency, created_at)
       VALUES (@account_id, @name, @broker, @kind, @account_type, @base_currency, @created_at)
       ON CONFLICT (account_id) DO UPDATE SET name = excluded.name, broker = excluded.broker, kind = excluded.kind,
         account_type = excluded.account_type, base_currency = excluded.base_currency`,
    ).run(rows.fromAccount(a));
  }

  putStrategy(s: Strategy): void {
    assertDecimal(s.cash, `strategy ${s.strategyId} cash`);
    this.stmt(
      `INSERT INTO strategies (strategy_id, account_id, name, status, cash, state_json, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (strategy_id) DO UPDATE SET account_id = excluded.account_id, name = excluded.name,
         status = excluded.status, cash = excluded.cash, state_json = excluded.state_json, updated_at = excluded.updated_at`,
    ).run(s.strategyId, s.accountId, s.name, s.status, s.cash, canonicalJson(s.state), s.updatedAt);
  }

  /** Writes a position; a quantity of zero removes it (a flat position is no position). */
  putPosition(p: Omit<Position, 'costBasis'>): void {
    assertDecimal(p.quantity, `position ${p.strategyId}/${p.symbol} quantity`);
    if (p.avgPrice !== null) assertDecimal(p.avgPrice, `position ${p.strategyId}/${p.symbol} avgPrice`);
    if (p.lastPrice !== null) assertDecimal(p.lastPrice, `position ${p.strategyId}/${p.symbol} lastPrice`);
    if (new Dec(p.quantity).isZero()) {
      this.deletePosition(p.strategyId, p.symbol);
      return;
    }
    this.stmt(
      `INSERT INTO positions (strategy_id, symbol, account_id, quantity, avg_price, last_price, currency, updated_at)
       VALUES (@strategy_id, @symbol, @account_id, @quantity, @avg_price, @last_price, @currency, @updated_at)
       ON CONFLICT (strategy_id, symbol) DO UPDATE SET account_id = excluded.account_id, quantity = excluded.quantity,
         avg_price = excluded.avg_price, last_price = excluded.last_price, currency = excluded.currency,
         updated_at = excluded.updated_at`,
    ).run(rows.fromPosition(p));
  }

  deletePosition(strategyId: string, symbol: string): void {
    this.stmt('DELETE FROM positions WHERE strategy_id = ? AND symbol = ?').run(strategyId, symbol);
  }

  putOrder(o: Order): void {
    for (const [field, value] of [
      ['quantity', o.quantity],
      ['filledQuantity', o.filledQuantity],
      ['limitPrice', o.limitPrice],
      ['stopPrice', o.stopPrice],
      ['avgFillPrice', o.avgFillPrice],
    ] as const) {
      if (value !== null) assertDecimal(value, `order ${o.orderId} ${field}`);
    }
    this.stmt(
      `INSERT INTO orders (order_id, client_order_id, broker_order_id, account_id, strategy_id, symbol, side, type,
         quantity, filled_quantity, limit_price, stop_price, avg_fill_price, status, is_open, parent_order_id,
         stop_order_id, take_profit_order_id, created_at, updated_at)
       VALUES (@order_id, @client_order_id, @broker_order_id, @account_id, @strategy_id, @symbol, @side, @type,
         @quantity, @filled_quantity, @limit_price, @stop_price, @avg_fill_price, @status, @is_open, @parent_order_id,
         @stop_order_id, @take_profit_order_id, @created_at, @updated_at)
       ON CONFLICT (order_id) DO UPDATE SET client_order_id = excluded.client_order_id,
         broker_order_id = excluded.broker_order_id, account_id = excluded.account_id, strategy_id = excluded.strategy_id,
         symbol = excluded.symbol, side = excluded.side, type = excluded.type, quantity = excluded.quantity,
         filled_quantity = excluded.filled_quantity, limit_price = excluded.limit_price, stop_price = excluded.stop_price,
         avg_fill_price = excluded.avg_fill_price, status = excluded.status, is_open = excluded.is_open,
         parent_order_id = excluded.parent_order_id, stop_order_id = excluded.stop_order_id,
         take_profit_order_id = excluded.take_profit_order_id, updated_at = excluded.updated_at`,
    ).run(rows.fromOrder(o));
  }

  deleteOpenOrders(strategyId: string): number {
    return this.stmt(`DELETE FROM orders WHERE strategy_id = ? AND is_open = 1`).run(strategyId).changes;
  }

  setCash(accountId: string, currency: string, amount: string, at: string): void {
    assertDecimal(amount, `cash ${accountId}/${currency}`);
    const account = this.account(accountId);
    if (!account) throw new LifeboatError('not_found', `no account ${accountId}`);
    if (account.accountType === 'cash' && new Dec(amount).isNegative()) {
      throw new LifeboatError(
        'bad_request',
        `cash balance ${amount} ${currency} would be negative, and ${accountId} is a cash account`,
        `cash ${accountId}/${currency}`,
      );
    }
    this.stmt(
      `INSERT INTO cash_balances (account_id, currency, amount, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (account_id, currency) DO UPDATE SET amount = excluded.amount, updated_at = excluded.updated_at`,
    ).run(accountId, currency, amount, at);
  }

  putRisk(r: RiskState): void {
    assertDecimal(r.peakValue, `risk ${r.accountId} peakValue`);
    assertDecimal(r.dailyStartValue, `risk ${r.accountId} dailyStartValue`);
    this.stmt(
      `INSERT INTO risk_state (account_id, strategy_id, peak_value, daily_start_value, trading_enabled, halt_reason, limits_json, updated_at)
       VALUES (@account_id, @strategy_id, @peak_value, @daily_start_value, @trading_enabled, @halt_reason, @limits_json, @updated_at)
       ON CONFLICT (account_id, strategy_id) DO UPDATE SET peak_value = excluded.peak_value,
         daily_start_value = excluded.daily_start_value, trading_enabled = excluded.trading_enabled,
         halt_reason = excluded.halt_reason, limits_json = excluded.limits_json, updated_at = excluded.updated_at`,
    ).run(rows.fromRisk(r));
  }

  /** Stores a blob once under its SHA-256 and records it as the next version of a named artifact. */
  putArtifact(name: string, data: Uint8Array, strategyId: string | null, at: string): Artifact {
    const sha256 = createHash('sha256').update(data).digest('hex');
    this.stmt('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING').run(
      sha256,
      data.length,
      Buffer.from(data),
    );
    const version =
      ((this.stmt('SELECT MAX(version) AS v FROM artifacts WHERE name = ?').get(name) as { v: number | null }).v ?? 0) + 1;
    this.stmt('INSERT INTO artifacts (name, version, sha256, strategy_id, created_at) VALUES (?, ?, ?, ?, ?)').run(
      name,
      version,
      sha256,
      strategyId,
      at,
    );
    return { name, version, sha256, size: data.length, strategyId, createdAt: at };
  }

  /** Reads an artifact's bytes and checks them against their hash. */
  readArtifact(name: string, version: number): Buffer {
    const r = this.stmt(
      'SELECT b.sha256, b.data FROM artifacts a JOIN blobs b USING (sha256) WHERE a.name = ? AND a.version = ?',
    ).get(name, version) as { sha256: string; data: Buffer } | undefined;
    if (!r) throw new LifeboatError('not_found', `no artifact ${name} v${version}`);
    const actual = createHash('sha256').update(r.data).digest('hex');
    if (actual !== r.sha256) {
      throw new LifeboatError('verification_failed', `artifact ${name} v${version} is damaged (hash ${actual}, expected ${r.sha256})`);
    }
    return r.data;
  }

  setSetting(key: string, value: unknown): void {
    this.stmt('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json').run(
      key,
      canonicalJson(value),
    );
  }

  meta(key: string): string | null {
    return (this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

/** Stored decimals must already be canonical: a non-canonical one here is a bug upstream. */
function assertDecimal(value: string, where: string): void {
  if (!isCanonical(value)) {
    throw new LifeboatError('bad_request', `"${value}" is not a canonical decimal (expected "${safeCanonical(value)}")`, where);
  }
}

function safeCanonical(value: string): string {
  try {
    return canonical(value);
  } catch {
    return 'a plain decimal';
  }
}
