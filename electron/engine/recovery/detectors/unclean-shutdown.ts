// 1. Unclean shutdown: the previous writer died without closing the desk. A clean close removes
// lifeboat.lock, so a lock naming a process that no longer runs (or one left half-written) is its
// mark; so are jobs still recorded as running with nobody holding the desk. Lifeboat keeps no
// separate clean-shutdown record: the lease is that record.
import type { JobInfo } from '../../../../shared/api/jobs';
import { describeHolder } from '../../store/lease';
import type { Detector } from '../detector';
import type { LeaseFacts } from '../folder-facts';

export interface LeftJob {
  jobId: string;
  kind: string;
  startedAt: string;
  /** The step that was running when the process stopped. */
  step: string | null;
}

export interface UncleanShutdownFacts {
  lease: LeaseFacts;
  /** Jobs recorded as running; null when the database cannot be read. */
  runningJobs: LeftJob[] | null;
  /** Committed frames in the -wal not yet folded into the database (0 without one). */
  walFrames: number;
}

export function decideUncleanShutdown(f: UncleanShutdownFacts): ReturnType<Detector['decide']> {
  const lease = f.lease;
  const holderRuns = lease.state === 'held' && lease.alive;
  const jobs = holderRuns ? [] : (f.runningJobs ?? []);
  const details = { lease, jobsLeftRunning: jobs, walFrames: f.walFrames };
  const running = jobs.map((j) => `${j.kind} ${j.jobId} since ${j.startedAt}${j.step ? `, at step "${j.step}"` : ''}`).join('; ');
  const jobText = jobs.length ? ` ${jobs.length === 1 ? 'A job was' : `${jobs.length} jobs were`} left running: ${running}.` : '';
  const walText = f.walFrames > 0 ? ` lifeboat.db-wal holds ${f.walFrames} committed frame${f.walFrames === 1 ? '' : 's'} not yet folded into lifeboat.db.` : '';
  if (lease.state === 'held' && lease.sameHost && !lease.alive) {
    return { found: true, text: `${lease.file} names ${describeHolder(lease.holder)}, which no longer runs: it stopped without closing the desk.${jobText}${walText}`, details };
  }
  if (lease.state === 'unreadable') {
    return { found: true, text: `${lease.file} is there but cannot be read (${lease.reason}): its holder died while writing it.${jobText}${walText}`, details };
  }
  if (jobs.length) {
    return { found: true, text: `No lock is left, yet the job history has ${running} as still running: the process running ${jobs.length === 1 ? 'it' : 'them'} stopped before finishing.${walText}`, details };
  }
  if (lease.state === 'held' && !lease.sameHost) {
    return { found: false, text: `Held by ${describeHolder(lease.holder)}: this host cannot tell whether it still runs (\`lifeboat lock show\`).`, details };
  }
  if (holderRuns) return { found: false, text: `Held by ${describeHolder(lease.holder)}, which is running.`, details };
  return { found: false, text: 'No lock left behind and no job left running: the last writer closed the desk.', details };
}

export const uncleanShutdown: Detector<UncleanShutdownFacts> = {
  id: 'unclean-shutdown',
  title: 'Unclean shutdown',
  severity: 'warning',
  playbook: 'unclean-shutdown',
  needs: 'folder',
  gather(ctx) {
    let runningJobs: LeftJob[] | null = null;
    if (ctx.db) {
      try {
        const reports = ctx.db.prepare("SELECT report_json FROM jobs WHERE state = 'running' ORDER BY started_at").pluck().all() as string[];
        runningJobs = reports.map((text) => {
          const job = JSON.parse(text) as JobInfo;
          return { jobId: job.jobId, kind: job.kind, startedAt: job.startedAt, step: job.steps.find((s) => s.state === 'running')?.label ?? null };
        });
      } catch {
        // A database that cannot say (damaged, or older than the job history): the lease still can.
      }
    }
    return { lease: ctx.folder.lease, runningJobs, walFrames: ctx.folder.wal?.scan.committedFrames ?? 0 };
  },
  decide: (facts) => decideUncleanShutdown(facts),
};
