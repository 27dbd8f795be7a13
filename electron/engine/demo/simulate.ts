// The simulator: one tick of a trading bot and its broker, in one transaction with its audit entry.
// A tick acknowledges and cancels orders, moves a few prices, fills some open orders (moving the
// position and the cash in the instrument's currency, never overdrawing a cash account), places
// new orders for strategies allowed to trade, and advances the strategies' state documents.
// Every query is an indexed lookup or bounded by the open orders, so a tick costs the same on a
// desk of 200,000 orders as on one of 2,000.
//
// The steps live in sim/: tick.ts runs them in order, on a TickContext (tick-context.ts).
import type { LiveStore } from '../live/live-store';
import { createRng, type Rng } from './rng';
import { runTick } from './sim/tick';
import { emptyTickSummary, TickContext, type TickSummary } from './sim/tick-context';

export { SIM_SQL } from './sim/sql';
export { MAX_OPEN_ORDERS } from './sim/tick';
export { SIM_SEQ_KEY, type TickSummary } from './sim/tick-context';

export interface SimulationSummary extends TickSummary {
  ticks: number;
  seed: number;
}

/** One tick at time `now` (ISO UTC), in one transaction ending with a `simulate.tick` audit entry. */
export function simulateTick(store: LiveStore, rng: Rng, now: string): TickSummary {
  if (!Number.isFinite(Date.parse(now))) throw new RangeError(`now must be an ISO-8601 time, got ${JSON.stringify(now)}`);
  return store.db.transaction(() => runTick(new TickContext(store, rng, now)))();
}

/** Runs `ticks` ticks synchronously from one seed; `now()` gives each tick's time. */
export function simulate(
  store: LiveStore,
  opts: { ticks: number; seed: number },
  now: () => string,
  onTick?: (tick: number, summary: TickSummary) => void,
): SimulationSummary {
  const rng = createRng(opts.seed);
  const total: SimulationSummary = { ticks: 0, seed: opts.seed, ...emptyTickSummary() };
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
