// The simulator: one tick of a trading bot and its broker, in one transaction with its audit entry.
// A tick acknowledges and cancels orders, moves a few prices, fills some open orders (moving the
// position and the cash in the instrument's currency, never overdrawing a cash account), places
// new orders for strategies allowed to trade, and advances the strategies' state documents.
// Every query is an indexed lookup or bounded by the open orders, so a tick costs the same on a
// desk of 200,000 orders as on one of 2,000.
import type { Database, Statement } from 'better-sqlite3';
import type { Account, Order, OrderSide, OrderType, Position, RiskState, Strategy } from '../../../shared/domain';
import { Dec, toStored } from '../../../shared/decimal';
import { appendAudit } from '../audit/audit-log';
import type { LiveStore } from '../live/live-store';
import * as rows from '../live/rows';
import * as inst from './instruments';
import { createRng, type Rng } from './rng';
import { advanceState } from './strategy-state';

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

export interface SimulationSummary extends TickSummary {
  ticks: number;
  seed: number;
}

/** The meta key holding the simulator's order sequence, so ids never repeat across runs. */
export const SIM_SEQ_KEY = 'demo_sim_seq';

/** Above this many open orders the simulator stops placing new ones until fills and cancels catch up. */
export const MAX_OPEN_ORDERS = 2000;

const OPEN_FILLABLE = new Set(['accepted', 'partially_filled']);
/** How many of the most recently updated open orders the broker looks at each tick. */
const RECENT_WINDOW = 16;

interface SimStatements {
  openRowids: Statement;
  recentlyUpdatedOpen: Statement;
  orderByRowid: Statement;
  runningStrategies: Statement;
  countPositions: Statement;
  positionAt: Statement;
  positionsOfSymbol: Statement;
  brokerIdTaken: Statement;
}

const statements = new WeakMap<Database, SimStatements>();

/** The simulator's own queries; exported so a test can check their query plans. */
export const SIM_SQL = {
  /** Covered by the orders_open index: no table rows are read. */
  openRowids: 'SELECT rowid AS id FROM orders WHERE is_open = 1 ORDER BY rowid',
  recentlyUpdatedOpen: 'SELECT rowid AS id FROM orders WHERE is_open = 1 ORDER BY updated_at DESC, rowid DESC LIMIT ?',
  orderByRowid: 'SELECT * FROM orders WHERE rowid = ?',
  runningStrategies: `SELECT * FROM strategies WHERE status = 'running' ORDER BY strategy_id`,
  countPositions: 'SELECT COUNT(*) AS n FROM positions WHERE strategy_id = ?',
  positionAt: 'SELECT * FROM positions WHERE strategy_id = ? ORDER BY symbol LIMIT 1 OFFSET ?',
  positionsOfSymbol: 'SELECT * FROM positions WHERE account_id = ? AND symbol = ? ORDER BY strategy_id',
  brokerIdTaken: 'SELECT 1 AS x FROM orders WHERE account_id = ? AND broker_order_id = ?',
} as const;

function prepared(db: Database): SimStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      openRowids: db.prepare(SIM_SQL.openRowids),
      recentlyUpdatedOpen: db.prepare(SIM_SQL.recentlyUpdatedOpen),
      orderByRowid: db.prepare(SIM_SQL.orderByRowid),
      runningStrategies: db.prepare(SIM_SQL.runningStrategies),
      countPositions: db.prepare(SIM_SQL.countPositions),
      positionAt: db.prepare(SIM_SQL.positionAt),
      positionsOfSymbol: db.prepare(SIM_SQL.positionsOfSymbol),
      brokerIdTaken: db.prepare(SIM_SQL.brokerIdTaken),
    };
    statements.set(db, s);
  }
  return s;
}

/** One tick at time `now` (ISO UTC), in one transaction ending with a `simulate.tick` audit entry. */
export function simulateTick(store: LiveStore, rng: Rng, now: string): TickSummary {
  if (!Number.isFinite(Date.parse(now))) throw new RangeError(`now must be an ISO-8601 time, got ${JSON.stringify(now)}`);
  return store.db.transaction(() => new Tick(store, rng, now).run())();
}

/** Runs `ticks` ticks synchronously from one seed; `now()` gives each tick's time. */
export function simulate(
  store: LiveStore,
  opts: { ticks: number; seed: number },
  now: () => string,
  onTick?: (tick: number, summary: TickSummary) => void,
): SimulationSummary {
  const rng = createRng(opts.seed);
  const total: SimulationSummary = {
    ticks: 0,
    seed: opts.seed,
    created: [],
    filled: [],
    partiallyFilled: [],
    cancelled: [],
    pricesMoved: 0,
    strategiesUpdated: 0,
  };
  for (let i = 0; i < opts.ticks; i++) {
    const t = simulateTick(store, rng, now());
    total.ticks++;
    total.created.push(...t.created);
    total.filled.push(...t.filled);
    total.partiallyFilled.push(...t.partiallyFilled);
    total.cancelled.push(...t.cancelled);
    total.pricesMoved += t.pricesMoved;
    total.strategiesUpdated += t.strategiesUpdated;
    onTick?.(i + 1, t);
  }
  return total;
}

interface StrategyActivity {
  placed: number;
  fills: number;
  cancels: number;
  signal: { symbol: string; side: OrderSide } | null;
}

interface PriceMove {
  accountId: string;
  symbol: string;
  from: string;
  to: string;
}

interface FillRecord {
  orderId: string;
  quantity: string;
  price: string;
  currency: string;
}

const places = (s: string): number => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

class Tick {
  private readonly sql: SimStatements;
  private readonly nowMs: number;
  private readonly summary: TickSummary = {
    created: [],
    filled: [],
    partiallyFilled: [],
    cancelled: [],
    pricesMoved: 0,
    strategiesUpdated: 0,
  };
  private readonly accepted: string[] = [];
  private readonly cancelRequested: string[] = [];
  private readonly cancelReasons: { orderId: string; reason: string }[] = [];
  private readonly fills: FillRecord[] = [];
  private readonly moves: PriceMove[] = [];
  private readonly activity = new Map<string, StrategyActivity>();
  private readonly accounts = new Map<string, Account | null>();
  private seq: number;

  constructor(
    private readonly store: LiveStore,
    private readonly rng: Rng,
    private readonly now: string,
  ) {
    this.sql = prepared(store.db);
    this.nowMs = Date.parse(now);
    this.seq = Number(store.meta(SIM_SEQ_KEY) ?? '0') || 0;
  }

  run(): TickSummary {
    const r = this.rng;
    const running = (this.sql.runningStrategies.all() as rows.StrategyRow[]).map(rows.toStrategy);

    // The open orders, as rowids from the covering index; rows are read only for those we touch.
    const openIds = (this.sql.openRowids.all() as { id: number }[]).map((x) => x.id);

    // 1. The broker answers: new orders are acknowledged, pending cancels confirmed. It looks at
    //    the most recently updated open orders (where this simulator's own orders are) and a few
    //    others at random.
    const recent = (this.sql.recentlyUpdatedOpen.all(RECENT_WINDOW) as { id: number }[]).map((x) => x.id);
    const looked = new Set<number>();
    for (const id of [...recent, ...r.sample(openIds, 4)]) {
      if (looked.has(id)) continue;
      looked.add(id);
      const o = this.orderAt(id); // re-read: a cancel earlier in this loop may have taken a bracket child with it
      if (!o) continue;
      if (o.status === 'pending_cancel' && r.chance(0.6)) this.cancel(o);
      else if (o.status === 'new' && !this.isHeld(o) && r.chance(0.7)) this.accept(o);
    }

    // 2. The market moves.
    const moves = r.int(1, 4);
    for (let i = 0; i < moves && running.length > 0; i++) this.movePrice(r.pick(running));

    // 3. Some working orders fill, fully or in part.
    // Fewer fills when the book is thin, so it neither drains nor floods over a long run.
    let toFill = r.int(0, openIds.length < 30 ? 1 : 2);
    for (const id of r.sample(openIds, 12)) {
      if (toFill === 0) break;
      const o = this.orderAt(id);
      if (!o || !OPEN_FILLABLE.has(o.status) || this.isHeld(o)) continue;
      this.fill(o, r.chance(0.65));
      toFill--;
    }

    // 4. Sometimes a strategy changes its mind.
    if (r.chance(0.25)) {
      for (const id of r.sample(openIds, 6)) {
        const o = this.orderAt(id);
        if (!o || o.parentOrderId !== null) continue;
        if (o.status === 'new') this.cancel(o);
        else if (o.status === 'accepted' || o.status === 'partially_filled') this.requestCancel(o);
        else continue;
        break;
      }
    }

    // 5. Strategies allowed to trade place new orders.
    const eligible = running.filter((s) => this.tradingEnabled(s));
    if (eligible.length > 0 && openIds.length < MAX_OPEN_ORDERS) {
      const n = r.weighted([[0, 25], [1, 45], [2, 30]] as const);
      for (let i = 0; i < n; i++) this.place(r.pick(eligible));
    }

    // 6. Strategies note what happened (and one more sends a heartbeat).
    if (running.length > 0) this.act(r.pick(running).strategyId);
    for (const strategyId of [...this.activity.keys()].sort()) {
      const s = this.store.strategy(strategyId);
      if (!s) continue;
      const a = this.activity.get(strategyId)!;
      const next = advanceState(s.state, r, this.now, {
        ordersPlaced: a.placed,
        fills: a.fills,
        cancels: a.cancels,
        signal: a.signal,
      });
      this.store.putStrategy({ ...s, state: next ?? s.state, updatedAt: this.now });
      this.summary.strategiesUpdated++;
    }

    this.store.setMeta(SIM_SEQ_KEY, String(this.seq));
    appendAudit(
      this.store.db,
      'simulate.tick',
      {
        now: this.now,
        created: this.summary.created,
        accepted: this.accepted,
        filled: this.summary.filled,
        partiallyFilled: this.summary.partiallyFilled,
        cancelRequested: this.cancelRequested,
        cancelled: this.summary.cancelled,
        cancelReasons: this.cancelReasons,
        fills: this.fills,
        pricesMoved: this.moves,
        strategiesUpdated: [...this.activity.keys()].sort(),
      },
      this.now,
    );
    return this.summary;
  }

  // ---- reading ---------------------------------------------------------------------------------

  private orderAt(rowid: number): Order | null {
    const row = this.sql.orderByRowid.get(rowid) as rows.OrderRow | undefined;
    return row ? rows.toOrder(row) : null;
  }

  private account(accountId: string): Account | null {
    if (!this.accounts.has(accountId)) this.accounts.set(accountId, this.store.account(accountId));
    return this.accounts.get(accountId)!;
  }

  /** A bracket child waits (is held) until its parent has filled. */
  private isHeld(o: Order): boolean {
    if (o.parentOrderId === null) return false;
    const parent = this.store.order(o.parentOrderId);
    return parent !== null && parent.status !== 'filled';
  }

  private tradingEnabled(s: Strategy): boolean {
    const ok = (r: RiskState | null) => r === null || r.tradingEnabled;
    return ok(this.store.risk(s.accountId, '')) && ok(this.store.risk(s.accountId, s.strategyId));
  }

  /** The price the market would trade a symbol at now, as the account sees it. */
  private marketPrice(accountId: string, strategyId: string, symbol: string): string | null {
    const own = this.store.position(strategyId, symbol);
    if (own?.lastPrice) return own.lastPrice;
    const any = this.sql.positionsOfSymbol.all(accountId, symbol) as rows.PositionRow[];
    for (const p of any) if (p.last_price) return p.last_price;
    return null;
  }

  private act(strategyId: string): StrategyActivity {
    let a = this.activity.get(strategyId);
    if (!a) {
      a = { placed: 0, fills: 0, cancels: 0, signal: null };
      this.activity.set(strategyId, a);
    }
    return a;
  }

  /** An update time for an order: now, but never before the order was created. */
  private stamp(o: Order): string {
    return Date.parse(o.createdAt) > this.nowMs ? o.createdAt : this.now;
  }

  // ---- order lifecycle -------------------------------------------------------------------------

  private accept(o: Order): void {
    this.store.putOrder({ ...o, status: 'accepted', brokerOrderId: o.brokerOrderId ?? this.brokerOrderId(o.accountId), updatedAt: this.stamp(o) });
    this.accepted.push(o.orderId);
  }

  private requestCancel(o: Order): void {
    this.store.putOrder({ ...o, status: 'pending_cancel', updatedAt: this.stamp(o) });
    this.cancelRequested.push(o.orderId);
  }

  /** Cancels an order; an unfilled bracket parent takes its children with it. */
  private cancel(o: Order, reason?: string): void {
    this.store.putOrder({ ...o, status: 'cancelled', updatedAt: this.stamp(o) });
    this.summary.cancelled.push(o.orderId);
    if (reason) this.cancelReasons.push({ orderId: o.orderId, reason });
    this.act(o.strategyId).cancels++;
    if (new Dec(o.filledQuantity).isZero()) {
      for (const childId of [o.stopOrderId, o.takeProfitOrderId]) {
        const child = childId ? this.store.order(childId) : null;
        if (child && (child.status === 'new' || child.status === 'accepted' || child.status === 'partially_filled' || child.status === 'pending_cancel')) {
          this.cancel(child);
        }
      }
    }
  }

  private fill(o: Order, full: boolean): void {
    const r = this.rng;
    const account = this.account(o.accountId);
    if (!account) return;
    const remaining = new Dec(o.quantity).minus(o.filledQuantity);
    if (remaining.lte(0)) return;
    const qScale = Math.max(places(o.quantity), inst.quantityScale(o.symbol));
    const lot = new Dec(inst.lotMultiple(o.symbol));
    const floorLot = (x: Dec) => x.div(lot).toDecimalPlaces(qScale, Dec.ROUND_DOWN).times(lot);

    const price = this.fillPrice(o);
    if (price === null) return;
    const px = new Dec(price);

    let q = remaining;
    if (!full) {
      const part = floorLot(remaining.times(r.int(20, 80)).div(100));
      if (part.gt(0) && part.lt(remaining)) q = part;
    }
    const position = this.store.position(o.strategyId, o.symbol);
    const currency = position?.currency ?? inst.instrumentCurrency(o.symbol);
    const strategy = this.store.strategy(o.strategyId);
    const cashBefore = new Dec(this.store.cash(o.accountId, currency));
    if (account.accountType === 'cash') {
      if (o.side === 'buy') {
        let budget = cashBefore;
        if (strategy && currency === account.baseCurrency && new Dec(strategy.cash).gte(0)) budget = Dec.min(budget, strategy.cash);
        q = Dec.min(q, floorLot(budget.div(px)));
      } else {
        // A cash account cannot sell what it does not hold.
        const held = position ? new Dec(position.quantity) : new Dec(0);
        q = Dec.min(q, held.gt(0) ? held : new Dec(0));
      }
    }
    if (q.lte(0)) {
      // The broker will not overdraw a cash account or let it sell what it does not hold.
      if (account.accountType === 'cash') this.cancel(o, o.side === 'buy' ? 'insufficient buying power' : 'insufficient position');
      return;
    }

    // The order.
    const filledBefore = new Dec(o.filledQuantity);
    const filledAfter = filledBefore.plus(q);
    const avgFill = o.avgFillPrice && filledBefore.gt(0) ? filledBefore.times(o.avgFillPrice).plus(q.times(px)).div(filledAfter) : px;
    const done = filledAfter.gte(o.quantity);
    const updated: Order = {
      ...o,
      filledQuantity: toStored(filledAfter),
      avgFillPrice: toStored(avgFill),
      status: done ? 'filled' : 'partially_filled',
      brokerOrderId: o.brokerOrderId ?? this.brokerOrderId(o.accountId),
      updatedAt: this.stamp(o),
    };
    this.store.putOrder(updated);
    (done ? this.summary.filled : this.summary.partiallyFilled).push(o.orderId);
    this.fills.push({ orderId: o.orderId, quantity: toStored(q), price: toStored(px), currency });

    // The position: weighted average on increase, unchanged on reduce, reset when crossing zero.
    const signed = o.side === 'buy' ? q : q.negated();
    const before = position ? new Dec(position.quantity) : new Dec(0);
    const after = before.plus(signed);
    let avg: Dec | null;
    if (before.isZero() || position?.avgPrice == null) avg = px;
    else if (before.isNegative() === signed.isNegative()) {
      avg = before.abs().times(position.avgPrice).plus(q.times(px)).div(after.abs());
    } else if (after.isZero() || after.isNegative() === before.isNegative()) {
      avg = new Dec(position.avgPrice);
    } else {
      avg = px;
    }
    this.store.putPosition({
      accountId: o.accountId,
      strategyId: o.strategyId,
      symbol: o.symbol,
      quantity: toStored(after),
      avgPrice: toStored(avg),
      lastPrice: toStored(px),
      currency,
      updatedAt: this.now,
    });

    // The cash, in the instrument's currency; the strategy's own cash when that is its base.
    const notional = q.times(px);
    const delta = o.side === 'buy' ? notional.negated() : notional;
    this.store.setCash(o.accountId, currency, toStored(cashBefore.plus(delta)), this.now);
    if (strategy && currency === account.baseCurrency) {
      this.store.putStrategy({ ...strategy, cash: toStored(new Dec(strategy.cash).plus(delta)), updatedAt: this.now });
    }

    const a = this.act(o.strategyId);
    a.fills++;

    if (done) this.afterFilled(updated);
  }

  /** Bracket bookkeeping: a filled parent releases its children; a filled child cancels its sibling. */
  private afterFilled(o: Order): void {
    for (const childId of [o.stopOrderId, o.takeProfitOrderId]) {
      const child = childId ? this.store.order(childId) : null;
      if (child && child.status === 'new') this.accept(child);
    }
    if (o.parentOrderId) {
      const parent = this.store.order(o.parentOrderId);
      for (const siblingId of parent ? [parent.stopOrderId, parent.takeProfitOrderId] : []) {
        if (!siblingId || siblingId === o.orderId) continue;
        const sibling = this.store.order(siblingId);
        if (sibling && (sibling.status === 'new' || sibling.status === 'accepted' || sibling.status === 'partially_filled' || sibling.status === 'pending_cancel')) {
          this.cancel(sibling);
        }
      }
    }
  }

  private fillPrice(o: Order): string | null {
    const r = this.rng;
    const scale = Math.max(inst.priceScale(o.symbol), places(o.limitPrice ?? o.stopPrice ?? '0'));
    const adverse = (p: string, bps: number) => {
      const v = new Dec(p).times(10000 + (o.side === 'buy' ? bps : -bps)).div(10000).toDecimalPlaces(scale, Dec.ROUND_HALF_EVEN);
      return v.gt(0) ? toStored(v, scale) : p;
    };
    switch (o.type) {
      case 'limit':
      case 'stop_limit':
        return o.limitPrice;
      case 'stop':
        return o.stopPrice ? adverse(o.stopPrice, r.int(0, 25)) : null;
      case 'market': {
        const m = this.marketPrice(o.accountId, o.strategyId, o.symbol) ?? o.limitPrice ?? o.stopPrice ?? inst.referencePrice(o.symbol);
        return adverse(m, r.int(0, 10));
      }
    }
  }

  // ---- prices ----------------------------------------------------------------------------------

  private movePrice(s: Strategy): void {
    const r = this.rng;
    const n = (this.sql.countPositions.get(s.strategyId) as { n: number }).n;
    if (n === 0) return;
    const row = this.sql.positionAt.get(s.strategyId, r.int(0, n - 1)) as rows.PositionRow | undefined;
    if (!row?.last_price) return;
    if (this.moves.some((m) => m.accountId === row.account_id && m.symbol === row.symbol)) return;
    const scale = Math.max(inst.priceScale(row.symbol), places(row.last_price));
    const next = r.walk(row.last_price, 80, scale);
    for (const p of (this.sql.positionsOfSymbol.all(row.account_id, row.symbol) as rows.PositionRow[]).map(rows.toPosition)) {
      this.store.putPosition({ ...p, lastPrice: next, updatedAt: this.now });
    }
    this.moves.push({ accountId: row.account_id, symbol: row.symbol, from: row.last_price, to: next });
    this.summary.pricesMoved++;
  }

  // ---- new orders ------------------------------------------------------------------------------

  private place(s: Strategy): void {
    const r = this.rng;
    const account = this.account(s.accountId);
    if (!account) return;
    // What to trade: mostly something the strategy holds, sometimes something new.
    let symbol: string | null = null;
    let holding: Position | null = null;
    const n = (this.sql.countPositions.get(s.strategyId) as { n: number }).n;
    if (n > 0 && r.chance(0.75)) {
      const row = this.sql.positionAt.get(s.strategyId, r.int(0, n - 1)) as rows.PositionRow | undefined;
      if (row) {
        holding = rows.toPosition(row);
        symbol = holding.symbol;
      }
    }
    if (symbol === null) {
      symbol = this.newSymbol(account, r);
      if (symbol === null) return;
      holding = this.store.position(s.strategyId, symbol);
    }
    const priceText = this.marketPrice(s.accountId, s.strategyId, symbol) ?? inst.referencePrice(symbol);
    const price = new Dec(priceText);
    if (price.lte(0)) return;
    const held = holding ? new Dec(holding.quantity) : new Dec(0);
    let side: OrderSide;
    if (held.gt(0)) side = r.chance(0.45) ? 'sell' : 'buy';
    else if (held.lt(0)) side = r.chance(0.55) ? 'buy' : 'sell';
    else side = account.accountType === 'cash' || r.chance(0.7) ? 'buy' : 'sell';

    const currency = holding?.currency ?? inst.instrumentCurrency(symbol);
    const qScale = inst.quantityScale(symbol);
    const lot = new Dec(inst.lotMultiple(symbol));
    const floorLot = (x: Dec) => x.div(lot).toDecimalPlaces(qScale, Dec.ROUND_DOWN).times(lot);
    let notional = inst.convert(new Dec(r.int(200, 20_000)), 'USD', currency) ?? new Dec(r.int(200, 20_000));
    if (account.accountType === 'cash') {
      if (side === 'buy') {
        const cash = new Dec(this.store.cash(s.accountId, currency));
        if (cash.lte(0)) return;
        notional = Dec.min(notional, cash.div(5));
      }
    }
    let qty = floorLot(notional.div(price));
    if (account.accountType === 'cash' && side === 'sell') qty = Dec.min(qty, floorLot(held));
    if (qty.lte(0)) {
      if (account.accountType === 'cash') return;
      qty = lot.times(new Dec(10).pow(-qScale));
    }

    const type = r.weighted<OrderType>([['market', 30], ['limit', 50], ['stop', 10], ['stop_limit', 10]]);
    const scale = Math.max(inst.priceScale(symbol), places(priceText));
    const dir = side === 'buy' ? 1 : -1;
    const at = (bps: number) => {
      const v = price.times(10000 + bps).div(10000).toDecimalPlaces(scale, Dec.ROUND_HALF_EVEN);
      return toStored(v.gt(0) ? v : new Dec(10).pow(-scale), scale);
    };
    let limitPrice: string | null = null;
    let stopPrice: string | null = null;
    if (type === 'limit') limitPrice = at(-dir * r.int(0, 60));
    if (type === 'stop' || type === 'stop_limit') stopPrice = at(dir * r.int(30, 250));
    if (type === 'stop_limit') limitPrice = toStored(new Dec(stopPrice!).times(10000 + dir * r.int(10, 40)).div(10000), scale);
    const bracket = (type === 'limit' || type === 'market') && r.chance(0.12);

    const seq = this.nextSeq();
    const orderId = this.newOrderId(seq);
    const clientOrderId = `${s.name}-s${seq}`;
    const status = type === 'market' || r.chance(0.6) ? 'accepted' : 'new';
    const order: Order = {
      orderId,
      clientOrderId,
      brokerOrderId: status === 'accepted' ? this.brokerOrderId(s.accountId) : null,
      accountId: s.accountId,
      strategyId: s.strategyId,
      symbol,
      side,
      type,
      quantity: toStored(qty),
      filledQuantity: '0',
      limitPrice,
      stopPrice,
      avgFillPrice: null,
      status,
      parentOrderId: null,
      stopOrderId: null,
      takeProfitOrderId: null,
      createdAt: this.now,
      updatedAt: this.now,
    };
    const children: Order[] = [];
    if (bracket) {
      const exit: OrderSide = side === 'buy' ? 'sell' : 'buy';
      const entry = limitPrice ?? priceText;
      const child = (suffix: string, childType: OrderType, bps: number): Order => ({
        ...order,
        orderId: `${orderId}-${suffix}`,
        clientOrderId: `${clientOrderId}-${suffix}`,
        brokerOrderId: null,
        side: exit,
        type: childType,
        status: 'new',
        limitPrice: childType === 'limit' ? toStored(new Dec(entry).times(10000 + bps).div(10000), scale) : null,
        stopPrice: childType === 'stop' ? toStored(new Dec(entry).times(10000 + bps).div(10000), scale) : null,
        parentOrderId: orderId,
      });
      const stop = child('sl', 'stop', -dir * r.int(150, 500));
      const tp = child('tp', 'limit', dir * r.int(200, 800));
      order.stopOrderId = stop.orderId;
      order.takeProfitOrderId = tp.orderId;
      children.push(stop, tp);
    }
    for (const o of [order, ...children]) {
      this.store.putOrder(o);
      this.summary.created.push(o.orderId);
    }
    const a = this.act(s.strategyId);
    a.placed += 1 + children.length;
    a.signal = { symbol, side };
    // A market order trades at once.
    if (type === 'market') this.fill(order, true);
  }

  private newSymbol(account: Account, r: Rng): string | null {
    if (account.kind === 'crypto') {
      if (!inst.isKnownQuote(account.baseCurrency)) return null;
      const coin = r.pick(Object.keys(inst.COINS).filter((c) => c !== account.baseCurrency));
      return `${coin}/${account.baseCurrency}`;
    }
    const byCurrency: Record<string, inst.Market> = { USD: 'US', EUR: 'EU', GBP: 'UK', JPY: 'JP' };
    const market = byCurrency[account.baseCurrency] ?? 'US';
    return r.pick(inst.catalogSymbols(market));
  }

  private nextSeq(): number {
    return ++this.seq;
  }

  private newOrderId(seq: number): string {
    const t = this.now;
    const stamp = `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}-${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}`;
    let id = `ord-${stamp}-s${seq}`;
    while (this.store.order(id)) id = `ord-${stamp}-s${this.nextSeq()}`;
    return id;
  }

  /** A broker order id in the broker's own style, unique within the account. */
  private brokerOrderId(accountId: string): string {
    const r = this.rng;
    const broker = this.account(accountId)?.broker ?? '';
    const KRAKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    for (;;) {
      let id: string;
      if (broker === 'Alpaca') id = r.uuid();
      else if (broker === 'Kraken') id = `O${r.chars(KRAKEN, 5)}-${r.chars(KRAKEN, 5)}-${r.chars(KRAKEN, 6)}`;
      else id = String(r.int(100_000_000_000, 999_999_999_999));
      if (!this.sql.brokerIdTaken.get(accountId, id)) return id;
    }
  }
}
