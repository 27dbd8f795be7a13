// Backup schedules: per destination and type, a cron expression (croner, UTC). Pure decisions:
// whether a schedule is due (a run missed while the console was closed is caught up once on
// start), and the next runs the schedule editor shows.
import { Cron } from 'croner';
import type { BackupType } from '../../../shared/api/backups';
import { LifeboatError } from '../../../shared/result';

/** The trading desk's usual policy: every minute, every 6 hours, daily at 00:00 UTC. */
export const DEFAULT_SCHEDULES: { type: BackupType; cron: string }[] = [
  { type: 'incremental', cron: '* * * * *' },
  { type: 'differential', cron: '0 */6 * * *' },
  { type: 'full', cron: '0 0 * * *' },
];

export interface Schedule {
  destination: string;
  type: BackupType;
  cron: string;
  enabled: boolean;
}

export function parseCron(expression: string, where = 'cron'): Cron {
  try {
    return new Cron(expression, { paused: true, timezone: 'UTC' });
  } catch (err) {
    throw new LifeboatError('bad_request', `"${expression}" is not a cron expression Lifeboat can run: ${(err as Error).message.replace(/^CronPattern: /, '')} (five fields: minute hour day month weekday, e.g. "0 */6 * * *")`, where);
  }
}

export function nextRuns(expression: string, count: number, from: Date): string[] {
  return parseCron(expression).nextRuns(count, from).map((d) => d.toISOString());
}

/**
 * Whether a schedule should run now: its first scheduled time after the last run (or after it was
 * set up, when it never ran) has passed. However many runs were missed, it runs once.
 */
export function isDue(expression: string, lastRunAt: string | null, since: string, now: Date): boolean {
  const next = parseCron(expression).nextRun(new Date(lastRunAt ?? since));
  return next !== null && next.getTime() <= now.getTime();
}

/** Milliseconds from `now` to the schedule's next run (null: it never runs again). */
export function msUntilNext(expression: string, now: Date): number | null {
  const next = parseCron(expression).nextRun(now);
  return next ? Math.max(0, next.getTime() - now.getTime()) : null;
}
