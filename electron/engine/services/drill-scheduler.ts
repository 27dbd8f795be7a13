// Scheduled drills while a console holds the desk: the setting recovery.drillSchedule (cron; off
// when empty, the default) runs a drill job (recovery/drill-job.ts: a sandbox copy, the fault
// injected there, recorded in the history and the audit trail as a drill by hand is) at its times.
// The last drill is the newest `recovery.drill` audit entry (or the last this console started, if it
// failed before recording); before any, the schedule counts from
// when this console started (no drill is caught up for a time before the schedule existed). Never
// two drills at once. Checked once a minute and at start, the cron's own resolution.
import { startDrill } from '../recovery/drill-job';
import { isDue, msUntilNext } from '../backups/schedule';
import type { DeskContext } from '../runtime/context';

export const DRILL_SCHEDULE_KEY = 'recovery.drillSchedule';

export interface DrillScheduler {
  stop(): void;
  /** Runs the due check now (tests); returns the drill job started, if one was. */
  tick(): string | null;
}

/** The drill schedule's cron expression, or null when off. */
export function drillSchedule(desk: DeskContext): string | null {
  const v = desk.store.settings()[DRILL_SCHEDULE_KEY];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** When the next scheduled drill runs, or null when the schedule is off (or never runs again). */
export function nextDrillAt(desk: DeskContext, now: Date): string | null {
  const cron = drillSchedule(desk);
  if (!cron) return null;
  const ms = msUntilNext(cron, now);
  return ms === null ? null : new Date(now.getTime() + ms).toISOString();
}

export function startDrillScheduler(desk: DeskContext, onError: (err: unknown) => void, now = () => new Date()): DrillScheduler {
  const since = now().toISOString();
  let running: string | null = null;
  /** When this console last started one: a drill that failed before recording still counts as this time's. */
  let startedAt: string | null = null;
  let warned: string | null = null;
  const lastDrill = () => desk.store.db.prepare("SELECT MAX(at) FROM audit_log WHERE action = 'recovery.drill'").pluck().get() as string | null;

  const tick = (): string | null => {
    try {
      const cron = drillSchedule(desk);
      if (!cron || running) return null;
      let due: boolean;
      try {
        const recorded = lastDrill();
        const last = recorded && startedAt ? (recorded > startedAt ? recorded : startedAt) : (recorded ?? startedAt);
        due = isDue(cron, last, since, now());
      } catch (err) {
        if (warned !== cron) onError(new Error(`${DRILL_SCHEDULE_KEY} "${cron}" is not a schedule: ${(err as Error).message}`));
        warned = cron;
        return null;
      }
      if (!due) return null;
      const job = startDrill(desk);
      running = job.jobId;
      startedAt = now().toISOString();
      void desk.jobs.wait(job.jobId).then((done) => {
        if (done.state === 'failed') onError(new Error(`scheduled drill failed: ${done.error}`));
        running = null;
      });
      return job.jobId;
    } catch (err) {
      onError(err);
      return null;
    }
  };
  tick();
  const timer = setInterval(tick, 60_000);
  timer.unref();
  return {
    tick,
    stop() {
      clearInterval(timer);
    },
  };
}
