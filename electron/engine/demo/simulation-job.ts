// `simulate` as a job: ticks run one transaction each, with the event loop free between ticks
// so the console keeps answering and its view updates live.
import { setImmediate as yieldToEventLoop, setTimeout as delay } from 'node:timers/promises';
import type { JobInfo, ParsedRequestOf } from '../../../shared/api/contract';
import type { DeskContext } from '../runtime/context';
import { createRng } from './rng';
import { simulateTick } from './simulate';

/** At most this often a running simulation tells subscribers the state changed. */
const CHANGE_EVENT_EVERY_MS = 200;

export function runSimulation(desk: DeskContext, req: ParsedRequestOf<'simulate.start'>): JobInfo {
  const seed = req.seed ?? Math.floor(Date.now() % 2 ** 31);
  return desk.jobs.start('simulate', async (ctx) => {
    const rng = createRng(seed);
    const totals = { ticks: 0, created: 0, filled: 0, partiallyFilled: 0, cancelled: 0 };
    let lastEvent = 0;
    const announce = () => {
      lastEvent = Date.now();
      desk.events.emit('state.changed', {
        reason: 'simulate.tick',
        at: new Date().toISOString(),
        tables: ['orders', 'positions', 'cash_balances', 'strategies', 'risk_state', 'audit_log'],
        auditSeq: null,
      });
    };
    for (let i = 0; i < req.ticks && !ctx.signal.aborted; i++) {
      const tick = simulateTick(desk.store, rng, new Date().toISOString());
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
    return { seed, ...totals };
  });
}
