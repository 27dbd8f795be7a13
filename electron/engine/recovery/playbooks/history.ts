// The recovery history: one JSON line per finished recovery in <state>/recovery-history.jsonl,
// append-only, each append written atomically (the whole file rewritten: temp, fsync, rename,
// fsync the folder), so a crash leaves the old history or the new one. A file beside the database
// rather than a table: it must be written when the database is what failed, and survive it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlaybookId } from '../../../../shared/api/recovery';
import { writeFileAtomic } from '../../store/atomic-file';

export const HISTORY_FILE = 'recovery-history.jsonl';

export interface RecoveryRecord {
  playbook: PlaybookId;
  detectedAt: string;
  startedAt: string;
  verifiedAt: string;
  /** The time of the checkpoint or snapshot the desk is back at. */
  restoredPointTime: string;
  /** verifiedAt − detectedAt. */
  rtoSeconds: number;
  /** detectedAt − restoredPointTime. */
  rpoSeconds: number;
  restoredFrom: unknown;
  damagedFiles: string;
  resumed: boolean;
  evidence: string;
}

export function readRecoveryHistory(stateDir: string): RecoveryRecord[] {
  const path = join(stateDir, HISTORY_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RecoveryRecord);
}

export function appendRecoveryHistory(stateDir: string, record: RecoveryRecord): void {
  const path = join(stateDir, HISTORY_FILE);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileAtomic(path, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${JSON.stringify(record)}\n`);
}
