// A stale-state recovery stopped after it wrote the books (killed, or the console closed) is found
// again and finished, rather than refused as "nothing to recover" (the desk is no longer stale) and
// left without its record. What it leaves says where it got to: its pinned checkpoint, labelled
// with the time the fault was first seen, and the sync run that names that checkpoint as its own.
import { getReport, getSnapshot, listRuns } from '../../../reconcile/runs-store';
import type { DeskContext } from '../../../runtime/context';
import { readRecoveryHistory } from '../../playbooks/history';
import { booksState, type BooksState } from './steps';

export const staleLabel = (detectedAt: string) => `before recovery stale-state (fault seen ${detectedAt}): the old books`;
const LABEL = /^before recovery stale-state \(fault seen (\S+)\): the old books$/;

/** The newest stale-state recovery that wrote the books but has no record yet, as a state to finish from step 5; else null. */
export function unfinishedStaleState(desk: DeskContext, now: () => Date): BooksState | null {
  const db = desk.store.db;
  const recorded = new Set(readRecoveryHistory(desk.paths.dir).filter((r) => r.playbook === 'stale-state').map((r) => r.detectedAt));
  const c = desk.checkpoints
    .list()
    .filter((x) => x.pinned && LABEL.test(x.label ?? ''))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  if (!c) return null;
  const detectedAt = LABEL.exec(c.label!)![1];
  if (recorded.has(detectedAt)) return null;
  // Stopped before it wrote the books: nothing to finish (a new run takes a checkpoint of its own).
  const run = listRuns(db).find((r) => r.strategy === 'sync' && r.checkpointId === c.checkpointId);
  if (!run || !lastWork(desk, run.runId)) return null;
  const snapshot = getSnapshot(db, run.runId);
  const file = { path: run.fileName, fileName: run.fileName, content: '', modifiedAt: new Date(run.createdAt) };
  const s = booksState(desk, now, file, `continuing an unfinished recovery (fault seen ${detectedAt}): the books were written by run ${run.runId} from its snapshot`);
  return Object.assign(s, {
    resumed: true,
    detectedAt,
    startedAt: c.createdAt,
    snapshot,
    point: { at: snapshot.asOf ?? run.createdAt, note: snapshot.asOf ? null : `the snapshot's time is not known: the run's ${run.createdAt} stands for it` },
    checkpointId: c.checkpointId,
    sync: getReport(db, run.runId),
    // What the sync wrote is not kept apart from the books now: verify checks the rows add up to
    // this root and the audit chain, and the recheck the books against the snapshot.
    rootAfter: desk.checkpoints.stateHash().rootHash,
  });
}

/**
 * Whether a stopped recovery's run is still the desk's newest reconciliation (or the newest is its
 * recheck): only then is it finished. A stopped run that later reconciliations went past is left
 * alone; else every later prepare would try, and fail, to finish it against an old snapshot.
 */
export function lastWork(desk: DeskContext, runId: string): boolean {
  const newest = listRuns(desk.store.db)[0];
  return newest !== undefined && (newest.runId === runId || newest.recheckOf === runId);
}
