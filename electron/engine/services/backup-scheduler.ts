// Scheduled backups while a console holds the desk: each enabled schedule (destination × type)
// runs at its cron times; a run missed while the console was closed is caught up once on start;
// never two backups of one destination at once (a run due while one is going waits for the next
// time — the repository lock would refuse it anyway). Checked once a minute and at start, which
// is the schedules' own resolution (cron has minutes). After a scheduled full, the destination's
// retention rules forget and prune.
import type { BackupType } from '../../../shared/api/backups';
import { startBackup } from '../backups/backups';
import { startForget } from '../backups/maintenance-jobs';
import { listDestinations } from '../backups/destinations-store';
import { readSecrets } from '../backups/secrets';
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
  const warned = new Set<string>();
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
        // Unattended runs need the passphrase kept (`backup init` keeps it unless told not to).
        if (!readSecrets(desk.paths.dir).destinations[s.destination]?.passphrase) {
          if (!warned.has(s.destination)) onError(new Error(`scheduled backups to ${s.destination} are skipped: its passphrase is not kept on this machine`));
          warned.add(s.destination);
          continue;
        }
        if (!isDue(s.cron, lastRun(s), d.createdAt, now())) continue;
        const order: BackupType[] = ['incremental', 'snapshot', 'differential', 'full'];
        const current = due.get(s.destination);
        if (!current || order.indexOf(s.type) > order.indexOf(current)) due.set(s.destination, s.type);
      }
      for (const [destination, type] of due) {
        const job = startBackup(desk, { type, destination, reason: 'scheduled' });
        running.set(destination, job.jobId);
        void desk.jobs.wait(job.jobId).then(async (done) => {
          if (done.state === 'failed') onError(new Error(`scheduled ${type} backup to ${destination} failed: ${done.error}`));
          // After the daily full: forget what the retention rules no longer keep, and prune.
          if (done.state === 'succeeded' && type === 'full') {
            const forget = startForget(desk, { destination, snapshotIds: [], retention: true, prune: true, dryRun: false });
            const pruned = await desk.jobs.wait(forget.jobId);
            if (pruned.state === 'failed') onError(new Error(`retention on ${destination} failed: ${pruned.error}`));
          }
          running.delete(destination);
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
