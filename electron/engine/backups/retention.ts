// Which snapshots to keep, as a pure function: (snapshots, policy, now) → what is kept and why,
// and what `forget` would remove (a dry run lists exactly this). The desk's usual policy: keep
// incrementals 7 days, differentials 30, fulls 90; restic's keep-last/hourly/daily/weekly/monthly
// on top; pinned snapshots, the newest snapshot and the newest full are never removed.
//
// Removing a snapshot never breaks another: each one names its own objects, and prune keeps every
// object some kept snapshot names (an incremental's parent may go; what the child needs stays).
import type { BackupRetention, BackupType } from '../../../shared/api/backups';
import { keepByBuckets } from '../checkpoints/retention';

export type { BackupRetention };

export const DEFAULT_RETENTION: BackupRetention = {
  maxAgeDays: { incremental: 7, differential: 30, full: 90, snapshot: 90, emergency: 90 },
};

export interface RetentionSnapshot {
  id: string;
  type: BackupType;
  createdAt: string;
  pinned: boolean;
}

export interface BackupRetentionDecision {
  keep: { id: string; reasons: string[] }[];
  remove: { id: string; type: BackupType; createdAt: string }[];
}

const DAY_MS = 86_400_000;

export function decideBackupRetention(snapshots: RetentionSnapshot[], policy: BackupRetention, now: Date): BackupRetentionDecision {
  const newestFirst = [...snapshots].sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));
  const reasons = new Map<string, string[]>(newestFirst.map((s) => [s.id, []]));
  const why = (s: RetentionSnapshot, reason: string) => reasons.get(s.id)!.push(reason);

  if (newestFirst[0]) why(newestFirst[0], 'newest snapshot');
  const newestFull = newestFirst.find((s) => s.type === 'full');
  if (newestFull) why(newestFull, 'newest full');
  newestFirst.forEach((s, i) => {
    if (s.pinned) why(s, 'pinned');
    if (i < (policy.keepLast ?? 0)) why(s, `last ${policy.keepLast}`);
    const days = policy.maxAgeDays[s.type];
    const age = now.getTime() - Date.parse(s.createdAt);
    if (days === undefined) why(s, `${s.type}: kept forever`);
    else if (age <= days * DAY_MS) why(s, `${s.type} within ${days} days`);
  });
  keepByBuckets(newestFirst, policy, why);
  return {
    keep: newestFirst.filter((s) => reasons.get(s.id)!.length).map((s) => ({ id: s.id, reasons: reasons.get(s.id)! })),
    remove: newestFirst.filter((s) => !reasons.get(s.id)!.length).map(({ id, type, createdAt }) => ({ id, type, createdAt })),
  };
}
