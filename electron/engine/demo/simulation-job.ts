// `simulate` as a job: ticks run one transaction each, with the event loop free between ticks
// so the console keeps answering and its view updates live.
import { setImmediate as yieldToEventLoop, setTimeout as delay } from 'node:timers/promises';
import type { JobInfo, ParsedRequestOf } from '../../../shared/api/contract';
import type { StepContext } from '../jobs/steps';
import { ChangeSet } from '../runtime/commit';
import type { DeskContext } from '../runtime/context';
import { createRng } from './rng';
import { simulateTick } from './simulate';

/** At most this often a running simulation tells subscribers the state changed. */
const CHANGE_EVENT_EVERY_MS = 200;

export function runSimulation(desk: DeskContext, req: ParsedRequestOf<'simulate.start'>): JobInfo<'simulate'> {
  const seed = req.seed ?? Math.floor(Date.now() % 2 ** 31);
  const totals = { ticks: 0, created: 0, filled: 0, partiallyFilled: 0, cancelled: 0 };
  const ticks = async (ctx: StepContext) => {
    const rng = createRng(seed);
    let lastEvent = 0;
    // Ticks commit one by one; what they wrote is announced as one change at most every 200 ms.
    let pending = new ChangeSet();
    const announce = () => {
      lastEvent = Date.now();
      if (!pending.empty) desk.events.emit('state.changed', pending.toEvent('simulate.tick'));
      pending = new ChangeSet();
    };
    for (let i = 0; i < req.ticks && !ctx.signal.aborted; i++) {
      const tick = desk.commit('simulate.tick', () => simulateTick(desk.store, rng, new Date().toISOString()), { announce: false, changes: pending });
      totals.ticks++;
      totals.created += tick.created.length;
      totals.filled += tick.filled.length;
      totals.partiallyFilled += tick.partiallyFilled.length;
      totals.cancelled += tick.cancelled.length;
      ctx.progress(i + 1, req.ticks, `tick ${i + 1} of ${req.ticks}`);
      if (Date.now() - lastEvent >= CHANGE_EVENT_EVERY_MS) announce();
      if (req.intervalMs > 0) await delay(req.intervalMs, undefined, { signal: ctx.signal }).catch(() => undefined);
      else await yieldToEventLoop();
    }
    announce();
  };
  // A cancelled simulation keeps the ticks it ran: each one committed whole.
  return desk.jobs.start('simulate', { steps: { ticks: { run: ticks } }, result: () => ({ seed, ...totals }) });
}
