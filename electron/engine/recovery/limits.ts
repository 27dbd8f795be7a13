// The thresholds the detectors judge by: from the desk's settings where it has them, else the
// defaults; a caller (a test, say) may set any of them outright.
import { staleAfterSeconds } from '../checkpoints/settings';

export interface Limits {
  /** The newest checkpoint is stale after this (setting checkpoint.staleAfterSeconds; default 1 hour). */
  checkpointStaleAfterSeconds: number;
  /** The live state is stale when no row changed for this long (setting recovery.liveStaleAfterSeconds; default 24 hours). */
  liveStaleAfterSeconds: number;
  /** A scheduled backup is overdue once its run is this late (setting recovery.backupLateAfterSeconds; default 15 minutes). */
  backupLateAfterSeconds: number;
  /** A recorded time this far after now means the clock is behind (setting recovery.clockToleranceSeconds; default 60 s). */
  clockToleranceSeconds: number;
  /** Free space below this is too little (setting recovery.minFreeBytes); null: estimated from the database's size. */
  minFreeBytes: number | null;
}

export const DEFAULT_LIVE_STALE_AFTER_SECONDS = 86_400;
export const DEFAULT_BACKUP_LATE_AFTER_SECONDS = 900;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

const positiveInt = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null);

export function resolveLimits(settings: Record<string, unknown>, overrides: Partial<Limits> = {}): Limits {
  return {
    checkpointStaleAfterSeconds: staleAfterSeconds({ settings: () => settings }),
    liveStaleAfterSeconds: positiveInt(settings['recovery.liveStaleAfterSeconds']) ?? DEFAULT_LIVE_STALE_AFTER_SECONDS,
    backupLateAfterSeconds: positiveInt(settings['recovery.backupLateAfterSeconds']) ?? DEFAULT_BACKUP_LATE_AFTER_SECONDS,
    clockToleranceSeconds: positiveInt(settings['recovery.clockToleranceSeconds']) ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
    minFreeBytes: positiveInt(settings['recovery.minFreeBytes']),
    ...overrides,
  };
}
