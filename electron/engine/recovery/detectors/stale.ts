// 6. State stale: the newest checkpoint is older than checkpoint.staleAfterSeconds (default 1 hour),
// or no live row changed for recovery.liveStaleAfterSeconds (default 24 hours). Two detectors: an
// old checkpoint wants a checkpoint taken, a silent desk wants its bots looked at.
import type { CheckpointInfo } from '../../../../shared/api/checkpoints';
import { newestCheckpoint } from '../../checkpoints/catalog';
import { staleness } from '../../checkpoints/policy';
import { LiveStore } from '../../live/live-store';
import { formatAge, secondsBetween, type Detector, type Verdict } from '../detector';
import type { Limits } from '../limits';

export function decideCheckpointStale(newest: CheckpointInfo | null, now: Date, limits: Limits): Verdict {
  const s = staleness(newest, now, limits.checkpointStaleAfterSeconds);
  const limit = formatAge(limits.checkpointStaleAfterSeconds);
  const details = { newest: newest && { checkpointId: newest.checkpointId, type: newest.type, createdAt: newest.createdAt }, ageSeconds: s.ageSeconds, staleAfterSeconds: s.staleAfterSeconds };
  if (!newest) return { found: true, text: 'There is no checkpoint yet: nothing to roll back to.', details };
  const age = `${newest.checkpointId} (${newest.createdAt}) is ${formatAge(s.ageSeconds!)} old`;
  if (s.stale) return { found: true, text: `The newest checkpoint ${age}; the limit is ${limit}.`, details };
  return { found: false, text: `The newest checkpoint ${age} (limit ${limit}).`, details };
}

export interface LiveActivity {
  /** The newest change time of each account's rows (orders, positions, cash, strategies). */
  byAccount: Record<string, string>;
}

export function decideLiveStale(f: LiveActivity, now: Date, limits: Limits): Verdict {
  const times = Object.entries(f.byAccount).sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0));
  const limit = formatAge(limits.liveStaleAfterSeconds);
  if (times.length === 0) return { found: true, text: 'The live state is empty: no account has a row.', details: { byAccount: {}, newest: null } };
  const [account, newest] = times[0];
  const age = secondsBetween(newest, now);
  const details = { byAccount: f.byAccount, newest, ageSeconds: Math.round(age), staleAfterSeconds: limits.liveStaleAfterSeconds };
  if (age > limits.liveStaleAfterSeconds) {
    return { found: true, text: `No live row changed for ${formatAge(age)}: the newest change is ${newest} (account ${account}); the limit is ${limit}.`, details };
  }
  return { found: false, text: `The live state last changed ${formatAge(age)} ago (${newest}, account ${account}; limit ${limit}).`, details };
}

export const checkpointStale: Detector<CheckpointInfo | null> = {
  id: 'checkpoint-stale',
  title: 'Newest checkpoint stale',
  severity: 'warning',
  playbook: 'stale-state',
  needs: 'database',
  gather: (ctx) => newestCheckpoint(ctx.db!),
  decide: (newest, { now, limits }) => decideCheckpointStale(newest, now, limits),
};

export const liveStateStale: Detector<LiveActivity> = {
  id: 'live-state-stale',
  title: 'Live state stale',
  severity: 'warning',
  playbook: 'stale-state',
  needs: 'database',
  gather: (ctx) => ({ byAccount: Object.fromEntries(new LiveStore(ctx.db!).lastActivityByAccount()) }),
  decide: (facts, { now, limits }) => decideLiveStale(facts, now, limits),
};
