// Automatic checkpoints and staleness: pure decisions, driven by a timer in the console.
import type { CheckpointInfo, CheckpointType } from '../../../shared/api/checkpoints';

export const DEFAULT_INTERVAL_SECONDS = 60;
export const DEFAULT_STALE_AFTER_SECONDS = 3600;

export interface Staleness {
  newest: CheckpointInfo | null;
  ageSeconds: number | null;
  staleAfterSeconds: number;
  stale: boolean;
}

export function staleness(newest: CheckpointInfo | null, now: Date, staleAfterSeconds = DEFAULT_STALE_AFTER_SECONDS): Staleness {
  const ageSeconds = newest ? Math.max(0, Math.floor((now.getTime() - Date.parse(newest.createdAt)) / 1000)) : null;
  return { newest, ageSeconds, staleAfterSeconds, stale: ageSeconds === null || ageSeconds > staleAfterSeconds };
}

/** What the timer should take now, if anything: a daily once per UTC day, else an automatic one when the state changed. */
export function dueCheckpoint(input: { changedRows: number; lastDailyAt: string | null; now: Date }): Extract<CheckpointType, 'daily' | 'automatic'> | null {
  const today = input.now.toISOString().slice(0, 10);
  if (!input.lastDailyAt || input.lastDailyAt.slice(0, 10) !== today) return 'daily';
  return input.changedRows > 0 ? 'automatic' : null;
}
