// Scheduled backups while a console holds the desk: each enabled schedule (destination × type)
// runs at its cron times; a run missed while the console was closed is caught up once on start;
// never two backups of one destination at once (a run due while one is going waits for the next
// time — the repository lock would refuse it anyway). Checked once a minute and at start, which
// is the schedules' own resolution (cron has minutes).
import type { BackupType } from '../../../shared/api/backups';
import { startBackup } from '../backups/backups';
import { listDestinations } from '../backups/destinations-store';
import { isDue, type Schedule } from '../backups/schedule';
import { listSchedules } from '../backups/schedules-store';
import type { DeskContext } from '../runtime/context';

export interface BackupScheduler {
  stop(): void;
  /** Runs the due check now (tests, and after schedules change). */
  tick(): void;
}

export function startBackupScheduler(desk: DeskContext, onError: (err: unknown) => void, now = () => new Date()): BackupScheduler {
  const running = new Map<string, string>(); // destination → job id
  const lastRun = (s: Schedule): string | null =>
    (desk.store.db.prepare('SELECT MAX(created_at) AS at FROM backup_runs WHERE destination = ? AND type = ?').get(s.destination, s.type) as { at: string | null }).at;

  const tick = () => {
    try {
      const destinations = new Map(listDestinations(desk.store.db).map((d) => [d.name, d]));
      // Per destination, the biggest due type wins: a full due with an incremental runs the full.
      const due = new Map<string, BackupType>();
      for (const s of listSchedules(desk.store.db)) {
        const d = destinations.get(s.destination);
        // A destination without a repository yet (`backup init` not run) has nothing to back up into.
        if (!s.enabled || !d || !d.settings.repositoryId || running.has(s.destination)) continue;
        if (!isDue(s.cron, lastRun(s), d.createdAt, now())) continue;
        const order: BackupType[] = ['incremental', 'snapshot', 'differential', 'full'];
        const current = due.get(s.destination);
        if (!current || order.indexOf(s.type) > order.indexOf(current)) due.set(s.destination, s.type);
      }
      for (const [destination, type] of due) {
        const job = startBackup(desk, { type, destination, reason: 'scheduled' });
        running.set(destination, job.jobId);
        void desk.jobs.wait(job.jobId).then((done) => {
          running.delete(destination);
          if (done.state === 'failed') onError(new Error(`scheduled ${type} backup to ${destination} failed: ${done.error}`));
        });
      }
    } catch (err) {
      onError(err);
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
