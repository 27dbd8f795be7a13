// The words and figures the backups page shows: types, health, ratios, durations. The same words
// as the CLI (`lifeboat backup ...`): destination, snapshot, backup, verify, restore, schedule,
// retention, pin.
import type { DestinationInfo } from '../../../../../shared/api/backup-channels';
import { BACKUP_TYPES, type BackupType } from '../../../../../shared/api/backups';
import type { BadgeTone } from '../../../components/Badge';

export { BACKUP_TYPES };
export { BACKUP_TYPE_MEANING } from '../../../../../shared/api/backups';
export { formatBytes } from '../../../format/bytes';

export const TYPE_LABEL: Record<BackupType, string> = {
  full: 'Full',
  incremental: 'Incremental',
  differential: 'Differential',
  snapshot: 'Snapshot',
  emergency: 'Emergency',
};

/** Types a schedule can run (an emergency backup is taken by hand, with a reason). */
export const SCHEDULED_TYPES: readonly BackupType[] = ['incremental', 'differential', 'full', 'snapshot'];

export type Health = DestinationInfo['health']['state'];
export const HEALTH_LABEL: Record<Health, string> = { ok: 'OK', failing: 'FAILING', new: 'NEW' };
export const HEALTH_TONE: Record<Health, BadgeTone> = { ok: 'ok', failing: 'halt', new: 'neutral' };

/** "3.2×", or "—" before any backup. */
export function ratioText(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

/** "0.42 s", "12.3 s", "4m 05s". */
export function durationText(seconds: number): string {
  if (!(seconds >= 0)) return '—';
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

/** A destination in a sentence: "folder /mnt/b" or "S3 http://host bucket b". */
export function kindLabel(d: Pick<DestinationInfo, 'kind' | 'archive' | 'objectLockDays'>): string {
  if (d.kind === 'folder') return 'Folder';
  const notes = [d.archive ? 'archive' : null, d.objectLockDays ? `locked ${d.objectLockDays} d` : null].filter(Boolean);
  return notes.length ? `S3 (${notes.join(', ')})` : 'S3';
}
