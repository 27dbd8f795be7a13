// What runs while a console (desktop window or browser mode) holds the state folder:
// the inbox watcher, automatic checkpoints, scheduled backups, the tier statistics sampler and the
// shared tiers (publishing and live status, when configured).
import type { DeskContext } from '../runtime/context';
import { watchInbox } from './inbox-watch';
import { startAutoCheckpoints } from './auto-checkpoints';
import { describeLiveCheck } from '../checkpoints/live-check';
import { startBackupScheduler } from './backup-scheduler';
import { startTierSampler } from './tier-sampler';
import { startSharedTiers } from '../tiers/shared/service';
import { startDrillScheduler } from './drill-scheduler';

export interface ConsoleServices {
  stop(): void;
}

export function startConsoleServices(desk: DeskContext): ConsoleServices {
  // Before anything is checkpointed: rows written outside Lifeboat must not spread into history.
  const check = desk.checkLive();
  if (!check.ok) process.stderr.write(`lifeboat: ${describeLiveCheck(check)}; see \`lifeboat state check\`\n`);
  const inbox = watchInbox(desk.store, desk.paths, (event) => {
    if (event.ok) {
      desk.events.emit('inbox.ingested', { file: event.file, result: event.result });
    } else if (!event.kept) {
      desk.events.emit('inbox.rejected', { file: event.file, reason: event.reason });
    } else {
      // Not the file's fault (database busy, disk error): it stays in the inbox for the next scan.
      process.stderr.write(`lifeboat: inbox: ${event.file} kept for retry: ${event.reason}\n`);
    }
  }, { commit: (reason, write) => desk.commit(reason, write) });
  // The console takes a checkpoint every minute: a packing thread keeps each one short.
  void desk.checkpoints.startPackingThread(desk.workers, (why) => process.stderr.write(`lifeboat: checkpoints: ${why}; packing layers in the main thread from now on\n`));
  const checkpoints = startAutoCheckpoints(desk, (err) =>
    process.stderr.write(`lifeboat: automatic checkpoint failed: ${err instanceof Error ? err.message : String(err)}\n`),
  );
  // Backups on their schedules, a missed run caught up once now; nothing runs before `backup init`.
  const backups = startBackupScheduler(desk, (err) => process.stderr.write(`lifeboat: ${err instanceof Error ? err.message : String(err)}\n`));
  // Tier figures over time (tiers.history): one sample per tier per minute.
  const tiers = startTierSampler(desk, (err) => process.stderr.write(`lifeboat: tier statistics: ${err instanceof Error ? err.message : String(err)}\n`));
  // The shared tiers, when configured: publishing each checkpoint and the desk's live status.
  const shared = startSharedTiers(desk, (err) => process.stderr.write(`lifeboat: shared tiers: ${err instanceof Error ? err.message : String(err)}\n`));
  // Drills on the recovery.drillSchedule setting (off by default).
  const drills = startDrillScheduler(desk, (err) => process.stderr.write(`lifeboat: ${err instanceof Error ? err.message : String(err)}\n`));
  return {
    stop() {
      void shared.stop();
      drills.stop();
      tiers.stop();
      inbox.stop();
      checkpoints.stop();
      backups.stop();
    },
  };
}
