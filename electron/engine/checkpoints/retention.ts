// Retention, in the words restic and kopia users know. A pure function: (checkpoints, policy) →
// what to keep and why, and what to remove. Pinned checkpoints are never removed.
import type { CheckpointType } from '../../../shared/api/checkpoints';

export interface RetentionPolicy {
  keepLast?: number;
  keepHourly?: number;
  keepDaily?: number;
  keepWeekly?: number;
  keepMonthly?: number;
  /** Keep at least this many of the newest checkpoints of a type. */
  minPerType?: Partial<Record<CheckpointType, number>>;
}

export interface RetentionInput {
  checkpointId: string;
  type: CheckpointType;
  createdAt: string;
  pinned: boolean;
}

export interface RetentionDecision {
  keep: { checkpointId: string; reasons: string[] }[];
  remove: string[];
}

export function hasRules(p: RetentionPolicy): boolean {
  return [p.keepLast, p.keepHourly, p.keepDaily, p.keepWeekly, p.keepMonthly].some((n) => (n ?? 0) > 0) ||
    Object.values(p.minPerType ?? {}).some((n) => (n ?? 0) > 0);
}

type BucketRule = 'keepHourly' | 'keepDaily' | 'keepWeekly' | 'keepMonthly';

const BUCKETS: [BucketRule, string, (d: Date) => string][] = [
  ['keepHourly', 'hourly', (d) => d.toISOString().slice(0, 13)],
  ['keepDaily', 'daily', (d) => d.toISOString().slice(0, 10)],
  ['keepWeekly', 'weekly', isoWeek],
  ['keepMonthly', 'monthly', (d) => d.toISOString().slice(0, 7)],
];

/**
 * restic's keep-hourly/daily/weekly/monthly: for each rule, the newest item of each of the N
 * newest hours (days, weeks, months) that hold one. `newestFirst` must be sorted newest first.
 * Shared by checkpoint and backup retention.
 */
export function keepByBuckets<T extends { createdAt: string }>(newestFirst: T[], rules: Partial<Record<BucketRule, number>>, why: (item: T, reason: string) => void): void {
  for (const [rule, name, bucketOf] of BUCKETS) {
    const n = rules[rule] ?? 0;
    let kept = 0;
    let lastBucket: string | null = null;
    for (const item of newestFirst) {
      if (kept >= n) break;
      const bucket = bucketOf(new Date(item.createdAt));
      if (bucket === lastBucket) continue;
      lastBucket = bucket;
      kept++;
      why(item, `${name} ${bucket}`);
    }
  }
}

export function decideRetention(checkpoints: RetentionInput[], policy: RetentionPolicy): RetentionDecision {
  const newestFirst = [...checkpoints].sort((a, b) => (a.createdAt === b.createdAt ? b.checkpointId.localeCompare(a.checkpointId) : b.createdAt.localeCompare(a.createdAt)));
  const reasons = new Map<string, string[]>(newestFirst.map((c) => [c.checkpointId, []]));
  const why = (c: RetentionInput, reason: string) => reasons.get(c.checkpointId)!.push(reason);

  newestFirst.forEach((c, i) => {
    if (c.pinned) why(c, 'pinned');
    if (i < (policy.keepLast ?? 0)) why(c, `last ${policy.keepLast}`);
  });
  keepByBuckets(newestFirst, policy, why);
  for (const [type, min] of Object.entries(policy.minPerType ?? {})) {
    newestFirst.filter((c) => c.type === type).slice(0, min ?? 0).forEach((c) => why(c, `newest ${min} ${type}`));
  }
  return {
    keep: newestFirst.filter((c) => reasons.get(c.checkpointId)!.length).map((c) => ({ checkpointId: c.checkpointId, reasons: reasons.get(c.checkpointId)! })),
    remove: newestFirst.filter((c) => !reasons.get(c.checkpointId)!.length).map((c) => c.checkpointId),
  };
}

/** ISO-8601 week, e.g. 2026-W47. */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
