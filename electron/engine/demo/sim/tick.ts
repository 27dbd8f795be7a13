// One tick, step by step: the broker answers, the market moves, working orders fill, a strategy
// may cancel, strategies allowed to trade place orders, and the active strategies update their
// state documents. Ends with the `simulate.tick` audit entry listing what happened.
import type { Strategy } from '../../../../shared/domain';
import { appendAudit } from '../../audit/audit-log';
import * as rows from '../../live/rows';
import { advanceState } from '../strategy-state';
import { fill } from './fills';
import { accept, cancel, requestCancel } from './lifecycle';
import { place } from './placement';
import { movePrice } from './prices';
import { SIM_SEQ_KEY, type TickContext, type TickSummary } from './tick-context';

/** Above this many open orders the simulator stops placing new ones until fills and cancels catch up. */
export const MAX_OPEN_ORDERS = 2000;

const OPEN_FILLABLE = new Set(['accepted', 'partially_filled']);
/** How many of the most recently updated open orders the broker looks at each tick. */
const RECENT_WINDOW = 16;

export function runTick(t: TickContext): TickSummary {
  const r = t.rng;
  const running = (t.sql.runningStrategies.all() as rows.StrategyRow[]).map(rows.toStrategy);
  // The open orders, as rowids from the covering index; rows are read only for those we touch.
  const openIds = (t.sql.openRowids.all() as { id: number }[]).map((x) => x.id);

  // 1. The broker answers.
  brokerAnswers(t, openIds);

  // 2. The market moves.
  const moves = r.int(1, 4);
  for (let i = 0; i < moves && running.length > 0; i++) movePrice(t, r.pick(running));

  // 3. Some working orders fill, fully or in part.
  fillSome(t, openIds);

  // 4. Sometimes a strategy changes its mind.
  if (r.chance(0.25)) cancelOne(t, openIds);

  // 5. Strategies allowed to trade place new orders.
  const eligible = running.filter((s) => t.tradingEnabled(s));
  if (eligible.length > 0 && openIds.length < MAX_OPEN_ORDERS) {
    const n = r.weighted([[0, 25], [1, 45], [2, 30]] as const);
    for (let i = 0; i < n; i++) place(t, r.pick(eligible));
  }

  // 6. Strategies note what happened (and one more sends a heartbeat).
  updateStrategies(t, running);

  t.store.setMeta(SIM_SEQ_KEY, String(t.seq));
  appendAudit(
    t.store.db,
    'simulate.tick',
    {
      now: t.now,
      created: t.summary.created,
      accepted: t.accepted,
      filled: t.summary.filled,
      partiallyFilled: t.summary.partiallyFilled,
      cancelRequested: t.cancelRequested,
      cancelled: t.summary.cancelled,
      cancelReasons: t.cancelReasons,
      fills: t.fills,
      pricesMoved: t.moves,
      strategiesUpdated: [...t.activity.keys()].sort(),
    },
    t.now,
  );
  return t.summary;
}

/**
 * New orders are acknowledged, pending cancels confirmed. The broker looks at the most recently
 * updated open orders (where this simulator's own orders are) and a few others at random.
 */
function brokerAnswers(t: TickContext, openIds: number[]): void {
  const r = t.rng;
  const recent = (t.sql.recentlyUpdatedOpen.all(RECENT_WINDOW) as { id: number }[]).map((x) => x.id);
  const looked = new Set<number>();
  for (const id of [...recent, ...r.sample(openIds, 4)]) {
    if (looked.has(id)) continue;
    looked.add(id);
    const o = t.orderAt(id); // re-read: a cancel earlier in this loop may have taken a bracket child with it
    if (!o) continue;
    if (o.status === 'pending_cancel' && r.chance(0.6)) cancel(t, o);
    else if (o.status === 'new' && !t.isHeld(o) && r.chance(0.7)) accept(t, o);
  }
}

/** Up to two working orders (bracket children only once released) fill, fully or in part. */
function fillSome(t: TickContext, openIds: number[]): void {
  const r = t.rng;
  // Fewer fills when the book is thin, so it neither drains nor floods over a long run.
  let toFill = r.int(0, openIds.length < 30 ? 1 : 2);
  for (const id of r.sample(openIds, 12)) {
    if (toFill === 0) break;
    const o = t.orderAt(id);
    if (!o || !OPEN_FILLABLE.has(o.status) || t.isHeld(o)) continue;
    fill(t, o, r.chance(0.65));
    toFill--;
  }
}

/** Of a few random open orders, the first that is not a bracket child and is new or working gets cancelled (new) or a cancel request (working). */
function cancelOne(t: TickContext, openIds: number[]): void {
  for (const id of t.rng.sample(openIds, 6)) {
    const o = t.orderAt(id);
    if (!o || o.parentOrderId !== null) continue;
    if (o.status === 'new') cancel(t, o);
    else if (o.status === 'accepted' || o.status === 'partially_filled') requestCancel(t, o);
    else continue;
    break;
  }
}

/** Each strategy active this tick advances its state document, in strategy id order. */
function updateStrategies(t: TickContext, running: Strategy[]): void {
  const r = t.rng;
  if (running.length > 0) t.act(r.pick(running).strategyId);
  for (const strategyId of [...t.activity.keys()].sort()) {
    const s = t.store.strategy(strategyId);
    if (!s) continue;
    const a = t.activity.get(strategyId)!;
    const next = advanceState(s.state, r, t.now, {
      ordersPlaced: a.placed,
      fills: a.fills,
      cancels: a.cancels,
      signal: a.signal,
    });
    t.store.putStrategy({ ...s, state: next ?? s.state, updatedAt: t.now });
    t.summary.strategiesUpdated++;
  }
}
