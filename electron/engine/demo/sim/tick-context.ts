// What one tick knows and gathers: the store, the generator and the tick's time, what happened so
// far (for the summary and the audit entry), and the reads every step needs.
import type { Account, Order, OrderSide, RiskState, Strategy } from '../../../../shared/domain';
import type { LiveStore } from '../../live/live-store';
import * as rows from '../../live/rows';
import type { Rng } from '../rng';
import { prepared, type SimStatements } from './sql';

export interface TickSummary {
  /** Orders placed this tick (bracket children included). */
  created: string[];
  /** Orders that became completely filled. */
  filled: string[];
  /** Orders that received a fill but are still open. */
  partiallyFilled: string[];
  /** Orders that became cancelled (confirmed cancels, one-cancels-other, cascades). */
  cancelled: string[];
  /** Symbols whose last price moved. */
  pricesMoved: number;
  strategiesUpdated: number;
}

export function emptyTickSummary(): TickSummary {
  return { created: [], filled: [], partiallyFilled: [], cancelled: [], pricesMoved: 0, strategiesUpdated: 0 };
}

/** The meta key holding the simulator's order sequence, so ids never repeat across runs. */
export const SIM_SEQ_KEY = 'demo_sim_seq';

/** What a strategy did this tick, for its state document. */
export interface StrategyActivity {
  placed: number;
  fills: number;
  cancels: number;
  signal: { symbol: string; side: OrderSide } | null;
}

export interface PriceMove {
  accountId: string;
  symbol: string;
  from: string;
  to: string;
}

export interface FillRecord {
  orderId: string;
  quantity: string;
  price: string;
  currency: string;
}

export class TickContext {
  readonly sql: SimStatements;
  readonly nowMs: number;
  readonly summary = emptyTickSummary();
  readonly accepted: string[] = [];
  readonly cancelRequested: string[] = [];
  readonly cancelReasons: { orderId: string; reason: string }[] = [];
  readonly fills: FillRecord[] = [];
  readonly moves: PriceMove[] = [];
  readonly activity = new Map<string, StrategyActivity>();
  private readonly accounts = new Map<string, Account | null>();
  /** The last order sequence number used; saved under SIM_SEQ_KEY at the end of the tick. */
  seq: number;

  constructor(
    readonly store: LiveStore,
    readonly rng: Rng,
    readonly now: string,
  ) {
    this.sql = prepared(store.db);
    this.nowMs = Date.parse(now);
    this.seq = Number(store.meta(SIM_SEQ_KEY) ?? '0') || 0;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  orderAt(rowid: number): Order | null {
    const row = this.sql.orderByRowid.get(rowid) as rows.OrderRow | undefined;
    return row ? rows.toOrder(row) : null;
  }

  account(accountId: string): Account | null {
    if (!this.accounts.has(accountId)) this.accounts.set(accountId, this.store.account(accountId));
    return this.accounts.get(accountId)!;
  }

  positionCount(strategyId: string): number {
    return (this.sql.countPositions.get(strategyId) as { n: number }).n;
  }

  /** The strategy's position at `index` in symbol order. */
  positionRowAt(strategyId: string, index: number): rows.PositionRow | undefined {
    return this.sql.positionAt.get(strategyId, index) as rows.PositionRow | undefined;
  }

  /** Every strategy's position in a symbol within one account. */
  positionsOfSymbol(accountId: string, symbol: string): rows.PositionRow[] {
    return this.sql.positionsOfSymbol.all(accountId, symbol) as rows.PositionRow[];
  }

  /** A bracket child waits (is held) until its parent has filled. */
  isHeld(o: Order): boolean {
    if (o.parentOrderId === null) return false;
    const parent = this.store.order(o.parentOrderId);
    return parent !== null && parent.status !== 'filled';
  }

  tradingEnabled(s: Strategy): boolean {
    const ok = (r: RiskState | null) => r === null || r.tradingEnabled;
    return ok(this.store.risk(s.accountId, '')) && ok(this.store.risk(s.accountId, s.strategyId));
  }

  /** The price the market would trade a symbol at now, as the account sees it. */
  marketPrice(accountId: string, strategyId: string, symbol: string): string | null {
    const own = this.store.position(strategyId, symbol);
    if (own?.lastPrice) return own.lastPrice;
    for (const p of this.positionsOfSymbol(accountId, symbol)) if (p.last_price) return p.last_price;
    return null;
  }

  /** The strategy's activity this tick (registering it as active). */
  act(strategyId: string): StrategyActivity {
    let a = this.activity.get(strategyId);
    if (!a) {
      a = { placed: 0, fills: 0, cancels: 0, signal: null };
      this.activity.set(strategyId, a);
    }
    return a;
  }

  /** An update time for an order: now, but never before the order was created. */
  stamp(o: Order): string {
    return Date.parse(o.createdAt) > this.nowMs ? o.createdAt : this.now;
  }
}
