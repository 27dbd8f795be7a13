// Names and colours of checkpoint types and statuses, and byte counts for reading.
import type { CheckpointStatus, CheckpointType } from '../../../../../shared/api/checkpoints';

export const TYPE_LABEL: Record<CheckpointType, string> = {
  manual: 'Manual',
  automatic: 'Automatic',
  emergency: 'Emergency',
  pre_upgrade: 'Pre-upgrade',
  daily: 'Daily',
  pre_rollback: 'Pre-rollback',
  pre_sync: 'Pre-sync',
  pre_restore: 'Pre-restore',
};

/** Chart colours; the same hues as the .cp-type-* badges. Routine automatic checkpoints stay quiet. */
export const TYPE_COLOR: Record<CheckpointType, string> = {
  manual: '#4d8ef7',
  automatic: '#6f7f95',
  emergency: '#f0605a',
  pre_upgrade: '#a98bf0',
  daily: '#3db5ae',
  pre_rollback: '#e0aa3e',
  pre_sync: '#c98bdb',
  pre_restore: '#e38a5b',
};

export const STATUS_LABEL: Record<CheckpointStatus, string> = {
  unverified: 'not verified',
  ok: 'verified',
  corrupt: 'CORRUPT',
};

/** Types a person may take by hand (automatic and pre-rollback are the engine's). */
export const MANUAL_TYPES: readonly CheckpointType[] = ['manual', 'pre_upgrade', 'emergency', 'daily'];

// Byte counts are formatted in one place for the whole console.
export { formatBytes } from '../../../format/bytes';
