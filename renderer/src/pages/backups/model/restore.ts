// The restore wizard's decisions that need no engine: which target is ready, whether the typed
// confirmation matches, and whether a finished restore is verified.
import type { RestorePreview, RestoreReport } from '../../../../../shared/api/backups';

export type RestoreTarget = 'folder' | 'live';

export const RESTORE_STEPS = [
  { id: 'snapshot', label: 'Snapshot' },
  { id: 'preview', label: 'Difference from live' },
  { id: 'target', label: 'Target' },
  { id: 'run', label: 'Restore' },
  { id: 'result', label: 'Result' },
] as const;
export type RestoreStep = (typeof RESTORE_STEPS)[number]['id'];

/** What stops the restore from starting, or null when it can start. */
export function targetProblem(target: RestoreTarget, folder: string, typed: string, snapshotId: string): string | null {
  if (target === 'folder') {
    const f = folder.trim();
    if (!f) return 'the folder to restore into (new or empty, outside the state folder)';
    if (!f.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(f)) return 'a full path, e.g. /srv/restore/desk-2025-11-20';
    return null;
  }
  return typed.trim() === snapshotId ? null : `type the snapshot id ${snapshotId} to confirm`;
}

/** Restored root equal to the recorded one, and the database's own check ok. */
export function restoreVerified(r: Pick<RestoreReport, 'dryRun' | 'restoredRoot' | 'expectedRoot' | 'integrity'>): boolean {
  return !r.dryRun && r.restoredRoot !== null && r.restoredRoot === r.expectedRoot && r.integrity === 'ok';
}

/** The preview's changes in numbers: tables whose row counts differ, and files that differ. */
export function previewChanges(p: RestorePreview): { tables: number; files: number } {
  return { tables: p.tables.filter((t) => t.live !== t.snapshot).length, files: p.files.length };
}
