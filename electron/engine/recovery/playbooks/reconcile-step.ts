// The in-place playbooks' reconcile: the newest broker snapshot the desk holds is the snapshot
// stored with its newest reconciliation against live (`lifeboat reconcile --broker FILE` keeps
// each run's snapshot), rechecked against the live state now with the reconcile code itself
// (`recheck`, WARN_ONLY: a report and its audit entry, no change to the books). A desk with no such
// run has no broker snapshot: the step says so and is skipped.
import type { Database } from 'better-sqlite3';
import { Checkpoints } from '../../checkpoints/checkpoints';
import { LiveStore } from '../../live/live-store';
import { recheck } from '../../reconcile/reconcile';
import { listRuns } from '../../reconcile/runs-store';
import { CommitPath } from '../../runtime/commit';
import type { DeskContext } from '../../runtime/context';
import { EventBus } from '../../runtime/events';
import type { StateFolder } from '../../store/state-folder';
import type { Reconciliation } from './in-place-state';

export function reconcileWithNewestSnapshot(paths: StateFolder, db: Database): Reconciliation {
  const newest = listRuns(db).find((r) => r.against === 'live');
  if (!newest) return { of: null, runId: null, unresolved: 0, skipped: 'the desk has no broker snapshot (no reconciliation against live has run on it)' };
  const events = new EventBus();
  const commits = new CommitPath(db, events);
  const checkpoints = new Checkpoints(db);
  try {
    // A playbook holds the lease itself and has no Engine (no jobs, no worker pool): recheck reads
    // only the store, the checkpoints, the commit path and the events, which this desk gives it.
    const desk = { paths, store: new LiveStore(db), checkpoints, events, commit: (reason, write, options) => commits.run(reason, write, options) } as Pick<DeskContext, 'paths' | 'store' | 'checkpoints' | 'events' | 'commit'>;
    const report = recheck(desk as DeskContext, newest.runId);
    return { of: newest.runId, runId: report.runId, unresolved: report.summary.unresolved, skipped: null };
  } finally {
    checkpoints.close();
  }
}
