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

/**
 * Chart colours: the page's --cp-* theme variables (styles/page.css, one set per palette), the same
 * hues as the .cp-type-* badges. Routine automatic checkpoints stay quiet.
 */
export const TYPE_COLOR: Record<CheckpointType, string> = {
  manual: 'var(--cp-manual)',
  automatic: 'var(--cp-automatic)',
  emergency: 'var(--cp-emergency)',
  pre_upgrade: 'var(--cp-pre_upgrade)',
  daily: 'var(--cp-daily)',
  pre_rollback: 'var(--cp-pre_rollback)',
  pre_sync: 'var(--cp-pre_sync)',
  pre_restore: 'var(--cp-pre_restore)',
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
