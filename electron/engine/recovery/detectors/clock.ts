// 16. The clock behind the newest recorded event: Lifeboat's own records (audit entries,
// checkpoints, backups, reconciliations, jobs) dated after this machine's now. A clock set back
// makes every "newest" and every age wrong: staleness, retention, schedules.
import { formatAge, secondsBetween, type Detector, type Verdict } from '../detector';

export interface RecordedTime {
  what: string;
  at: string;
}

export function decideClock(times: RecordedTime[], now: Date, toleranceSeconds: number): Verdict {
  const newest = [...times].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0] ?? null;
  const ahead = newest ? -secondsBetween(newest.at, now) : 0;
  const details = { now: now.toISOString(), newest, aheadSeconds: Math.round(ahead), toleranceSeconds, recorded: times };
  if (!newest) return { found: false, text: 'Nothing is recorded yet to compare the clock with.', details };
  if (ahead > toleranceSeconds) {
    return { found: true, text: `This machine's clock (${now.toISOString()}) is ${formatAge(ahead)} behind the newest recorded event: ${newest.what} at ${newest.at}.`, details };
  }
  return { found: false, text: `The clock (${now.toISOString()}) is not behind the newest recorded event (${newest.what} at ${newest.at}).`, details };
}

/** Each record's newest time (by text: ISO-8601 UTC sorts as time). */
const SOURCES: { what: (id: string) => string; sql: string }[] = [
  { what: (id) => `audit entry #${id}`, sql: 'SELECT seq AS id, at FROM audit_log ORDER BY at DESC LIMIT 1' },
  { what: (id) => `checkpoint ${id}`, sql: 'SELECT checkpoint_id AS id, created_at AS at FROM checkpoints ORDER BY created_at DESC LIMIT 1' },
  { what: (id) => `reconciliation ${id}`, sql: 'SELECT run_id AS id, created_at AS at FROM recon_runs ORDER BY created_at DESC LIMIT 1' },
  { what: (id) => `backup ${id}`, sql: 'SELECT snapshot_id AS id, created_at AS at FROM backup_runs ORDER BY created_at DESC LIMIT 1' },
  { what: (id) => `job ${id}`, sql: 'SELECT job_id AS id, started_at AS at FROM jobs ORDER BY started_at DESC LIMIT 1' },
];

export const clockBehind: Detector<RecordedTime[]> = {
  id: 'clock-behind',
  title: 'Clock behind',
  severity: 'warning',
  playbook: 'clock-behind',
  needs: 'database',
  gather(ctx) {
    const out: RecordedTime[] = [];
    for (const s of SOURCES) {
      const row = ctx.db!.prepare(s.sql).get() as { id: string | number; at: string } | undefined;
      if (row) out.push({ what: s.what(String(row.id)), at: row.at });
    }
    return out;
  },
  decide: (facts, { now, limits }) => decideClock(facts, now, limits.clockToleranceSeconds),
};
