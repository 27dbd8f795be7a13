// Names and colours of checkpoint types and statuses, and byte counts for reading.
import type { CheckpointStatus, CheckpointType } from '../../../../../shared/api/checkpoints';

export const TYPE_LABEL: Record<CheckpointType, string> = {
  manual: 'Manual',
  automatic: 'Automatic',
  emergency: 'Emergency',
  pre_upgrade: 'Pre-upgrade',
  daily: 'Daily',
  pre_rollback: 'Pre-rollback',
};

/** Chart colours; the same hues as the .cp-type-* badges. Routine automatic checkpoints stay quiet. */
export const TYPE_COLOR: Record<CheckpointType, string> = {
  manual: '#4d8ef7',
  automatic: '#6f7f95',
  emergency: '#f0605a',
  pre_upgrade: '#a98bf0',
  daily: '#3db5ae',
  pre_rollback: '#e0aa3e',
};

export const STATUS_LABEL: Record<CheckpointStatus, string> = {
  unverified: 'not verified',
  ok: 'verified',
  corrupt: 'CORRUPT',
};

/** Types a person may take by hand (automatic and pre-rollback are the engine's). */
export const MANUAL_TYPES: readonly CheckpointType[] = ['manual', 'pre_upgrade', 'emergency', 'daily'];

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "195.7 KB" (powers of 1000, like disk tools); the exact count goes in a title. */
export function formatBytes(n: number): string {
  if (!(n > 0)) return '0 B';
  let v = n;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u += 1;
  }
  return u === 0 ? `${v} B` : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${UNITS[u]}`;
}
