// Stale state (answers checkpoint-stale and live-state-stale; the start-up coordinator's `stale`):
// the books are rebuilt from a broker snapshot, the old ones kept in a pinned checkpoint. The
// writing is the reconciliation's own SYNC_TO_BROKER (every difference adopted from the broker,
// at zero tolerance, in one commit with its run and audit entry); then the live root and the audit
// chain are verified, the same snapshot is reconciled again (nothing above tolerance may be left),
// and the recovery is recorded with the snapshot's time as the point restored.
import type { BrokerSnapshot } from '../../../../shared/api/reconcile';
import type { PlaybookInput } from '../../../../shared/api/recovery';
import { LifeboatError } from '../../../../shared/result';
import { newestCheckpoint } from '../../checkpoints/catalog';
import type { DeskContext } from '../../runtime/context';
import { decideCheckpointStale, decideLiveStale } from '../detectors/stale';
import { resolveLimits } from '../limits';
import { NothingToRecover, type Playbook } from '../playbooks/playbook';
import { ACCOUNT_FIELD, BROKER_FIELD, brokerFileOf, FORMAT_FIELD, refuseUnknown, snapshotTime } from './books/input';
import { staleLabel, unfinishedStaleState } from './books/resume';
import { booksState, checkpointStep, readStep, recheckStep, recordStep, syncStep, verifyStep, type BooksState } from './books/steps';
import type { DeskPlaybook } from './desk-playbook';

export type StaleState = BooksState;

const FIELDS = [BROKER_FIELD, FORMAT_FIELD, ACCOUNT_FIELD];

/** What the two staleness detectors decide over the desk now: the evidence of those found, or null. */
export function judgeStale(desk: DeskContext, now: Date): { evidence: string | null; clear: string } {
  const limits = resolveLimits(desk.store.settings());
  const live = decideLiveStale({ byAccount: Object.fromEntries(desk.store.lastActivityByAccount()) }, now, limits);
  const checkpoint = decideCheckpointStale(newestCheckpoint(desk.store.db), now, limits);
  const found = [live, checkpoint].filter((v) => v.found).map((v) => v.text);
  return { evidence: found.length ? found.join(' ') : null, clear: `${live.text} ${checkpoint.text}` };
}

/** A snapshot older than the books' newest change would take them back in time: refused. */
function refuseOlder(s: StaleState, snapshot: BrokerSnapshot): void {
  const at = snapshotTime(snapshot, s.file).at;
  const activity = [...s.desk.store.lastActivityByAccount()].filter(([a]) => snapshot.accounts.some((b) => b.accountId === a));
  const newer = activity.filter(([, t]) => Date.parse(t) > Date.parse(at)).sort(([, x], [, y]) => Date.parse(y) - Date.parse(x))[0];
  if (newer) {
    throw new LifeboatError('bad_request', `the snapshot is of ${at}, older than the books' newest change (${newer[1]}, account ${newer[0]}): it would take them back in time`, s.file.path);
  }
}

const playbook: Playbook<StaleState> = {
  id: 'stale-state',
  title: 'Stale state: rebuild the books from a broker snapshot',
  steps: [
    {
      id: 'confirm',
      says: 'Confirm the desk is stale (the checkpoint-stale and live-state-stale detectors over the desk now)',
      auto: true,
      run(s) {
        if (s.resumed) return;
        const v = judgeStale(s.desk, s.now());
        if (!v.evidence) throw new NothingToRecover(v.clear, s.desk.paths.dir);
        s.evidence = v.evidence;
      },
      check: (s) => (s.resumed ? s.evidence : `found: ${s.evidence}`),
    },
    readStep<StaleState>(true, refuseOlder),
    checkpointStep<StaleState>('Take a checkpoint of the old books, pinned so retention keeps it', (s) => staleLabel(s.detectedAt)),
    syncStep<StaleState>("Replace the books with the broker's: positions, orders and cash adopted from the snapshot (SYNC_TO_BROKER, zero tolerance)"),
    verifyStep<StaleState>(),
    recheckStep<StaleState>(),
    recordStep<StaleState>('stale-state'),
  ],
};

export const staleState: DeskPlaybook<StaleState> = {
  id: 'stale-state',
  title: playbook.title,
  purpose: 'A desk whose books stopped changing (or whose newest checkpoint is old): rebuild them from a broker snapshot, keeping the old state as a pinned checkpoint.',
  fields: FIELDS,
  prepare(desk: DeskContext, input: PlaybookInput, now: () => Date): StaleState {
    refuseUnknown(input, FIELDS);
    const file = brokerFileOf(desk, input, { required: true, accountOnDesk: true })!;
    if (desk.store.accounts().length === 0) throw new NothingToRecover('the desk has no books to rebuild (no account): a fresh desk is loaded by the no-state playbook', desk.paths.dir);
    const v = judgeStale(desk, now());
    if (!v.evidence) {
      // No longer stale: perhaps because a run of this playbook wrote the books and stopped before it recorded.
      const unfinished = unfinishedStaleState(desk, now);
      if (unfinished) return unfinished;
      throw new NothingToRecover(v.clear, desk.paths.dir);
    }
    return booksState(desk, now, file, v.evidence);
  },
  playbook,
  summary: (s) =>
    s.record
      ? `The books were rebuilt from ${s.file.fileName} (as of ${s.point!.at}); the old ones are checkpoint ${s.checkpointId} (pinned). Reconciliation ${s.recheck!.runId}: ${s.recheck!.summary.verdict}`
      : `Not finished: the books ${s.sync ? `were written by run ${s.sync.runId}` : 'are unchanged'}${s.checkpointId ? `; the old ones are checkpoint ${s.checkpointId}` : ''}.`,
  record: (s) => s.record,
};
