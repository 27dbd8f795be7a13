// 9. Backups: overdue per their schedules, failing (the newest attempt failed), or never
// test-restored (a backup nobody has restored is a hope, not a backup). Three detectors over the
// same facts: each wants a different answer.
import { healthOf } from '../../backups/health';
import { nextRuns } from '../../backups/schedule';
import { formatAge, type Detector, type DoctorContext, type Verdict } from '../detector';
import { gatherBackupFacts, type DestinationFacts } from './backup-facts';

export interface LateSchedule {
  destination: string;
  type: string;
  cron: string;
  lastRunAt: string | null;
  /** The first scheduled run after the last one (or after the destination was added). */
  dueAt: string;
  lateSeconds: number;
}

/** Pure: the enabled schedules whose due run is more than `lateAfterSeconds` late. */
export function lateSchedules(destinations: DestinationFacts[], now: Date, lateAfterSeconds: number): LateSchedule[] {
  const late: LateSchedule[] = [];
  for (const d of destinations) {
    for (const s of d.schedules) {
      if (!s.enabled) continue;
      const [dueAt] = nextRuns(s.cron, 1, new Date(s.lastRunAt ?? d.createdAt));
      if (!dueAt) continue;
      const lateSeconds = (now.getTime() - Date.parse(dueAt)) / 1000;
      if (lateSeconds > lateAfterSeconds) late.push({ destination: d.name, type: s.type, cron: s.cron, lastRunAt: s.lastRunAt, dueAt, lateSeconds: Math.round(lateSeconds) });
    }
  }
  return late;
}

export function decideBackupOverdue(destinations: DestinationFacts[], now: Date, lateAfterSeconds: number): Verdict {
  if (destinations.length === 0) {
    return { found: true, severity: 'info', text: 'No backup destination is set up: nothing of this desk is kept off this disk (`lifeboat backup destination add`).', details: { destinations: [] } };
  }
  const late = lateSchedules(destinations, now, lateAfterSeconds);
  const details = { destinations: destinations.map((d) => d.name), late, lateAfterSeconds };
  if (late.length === 0) return { found: false, text: `Every scheduled backup to ${destinations.map((d) => d.name).join(', ')} ran on time.`, details };
  const shown = late.map((l) => `${l.type} to ${l.destination} (${l.cron}) was due ${l.dueAt}, ${formatAge(l.lateSeconds)} ago; ${l.lastRunAt ? `last ran ${l.lastRunAt}` : 'never ran'}`);
  return { found: true, text: `Backups are overdue: ${shown.join('; ')}.`, details };
}

export function decideBackupFailing(destinations: DestinationFacts[]): Verdict {
  const failing = destinations
    .map((d) => ({ d, health: healthOf(d.lastSuccessAt, d.lastFailure) }))
    .filter((x) => x.health.state === 'failing')
    .map(({ d, health }) => ({ destination: d.name, where: d.where, failedAt: health.lastAttemptAt, message: health.message, lastSuccessAt: d.lastSuccessAt }));
  const details = { failing };
  if (destinations.length === 0) return { found: false, text: 'No backup destination to fail.', details };
  if (failing.length === 0) return { found: false, text: `The newest backup attempt to each destination succeeded (or none was made yet).`, details };
  const shown = failing.map((f) => `${f.destination} (${f.where}) failed at ${f.failedAt}: ${f.message}; ${f.lastSuccessAt ? `last success ${f.lastSuccessAt}` : 'no backup there ever succeeded'}`);
  return { found: true, text: `Backups are failing: ${shown.join('; ')}.`, details };
}

export function decideBackupUntested(destinations: DestinationFacts[]): Verdict {
  const withSnapshots = destinations.filter((d) => d.snapshots > 0);
  const failed = withSnapshots.filter((d) => d.lastTestRestore && !d.lastTestRestore.ok);
  const never = withSnapshots.filter((d) => !d.lastTestRestore);
  const details = {
    neverTestRestored: never.map((d) => ({ destination: d.name, snapshots: d.snapshots })),
    lastTestRestoreFailed: failed.map((d) => ({ destination: d.name, ...d.lastTestRestore, lastGood: d.lastGoodTestRestore })),
    tested: withSnapshots.filter((d) => d.lastTestRestore?.ok).map((d) => ({ destination: d.name, ...d.lastTestRestore })),
  };
  if (withSnapshots.length === 0) return { found: false, text: 'No backup has been taken yet, so there is nothing to test-restore.', details };
  const sentences: string[] = [];
  if (failed.length) sentences.push(`The last test restore failed for ${failed.map((d) => `${d.name} (snapshot ${d.lastTestRestore!.snapshotId} at ${d.lastTestRestore!.at})`).join(', ')}.`);
  if (never.length) sentences.push(`${never.map((d) => `${d.name} (${d.snapshots} snapshot${d.snapshots === 1 ? '' : 's'})`).join(', ')} ${never.length === 1 ? 'has' : 'have'} never been test-restored (\`lifeboat backup test-restore\`).`);
  if (sentences.length === 0) return { found: false, text: `Every destination's last test restore succeeded (${details.tested.map((t) => `${t.destination} at ${t.at}`).join(', ')}).`, details };
  return { found: true, severity: failed.length ? 'critical' : 'warning', text: sentences.join(' '), details };
}

/** The three detectors read the same facts: once per doctor run. */
const read = new WeakMap<DoctorContext, DestinationFacts[]>();
function gather(ctx: DoctorContext): DestinationFacts[] {
  let facts = read.get(ctx);
  if (!facts) read.set(ctx, (facts = gatherBackupFacts(ctx.db!)));
  return facts;
}

export const backupOverdue: Detector<DestinationFacts[]> = {
  id: 'backup-overdue',
  title: 'Backup overdue',
  severity: 'warning',
  playbook: 'backup-overdue',
  needs: 'database',
  gather,
  decide: (facts, { now, limits }) => decideBackupOverdue(facts, now, limits.backupLateAfterSeconds),
};

export const backupFailing: Detector<DestinationFacts[]> = {
  id: 'backup-failing',
  title: 'Backup failing',
  severity: 'critical',
  playbook: 'destination-down',
  needs: 'database',
  gather,
  decide: (facts) => decideBackupFailing(facts),
};

export const backupUntested: Detector<DestinationFacts[]> = {
  id: 'backup-untested',
  title: 'Backup never test-restored',
  severity: 'warning',
  playbook: 'backup-overdue',
  needs: 'database',
  gather,
  decide: (facts) => decideBackupUntested(facts),
};
