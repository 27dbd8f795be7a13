// The recovery history: one JSON line per finished recovery in <state>/recovery-history.jsonl,
// append-only, each append written atomically (the whole file rewritten: temp, fsync, rename,
// fsync the folder), so a crash leaves the old history or the new one. A file beside the database
// rather than a table: it must be written when the database is what failed, and survive it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecoveryRecord } from '../../../../shared/api/recovery';
export type { RecoveryRecord };
import { LifeboatError } from '../../../../shared/result';
import { writeFileAtomic } from '../../store/atomic-file';

export const HISTORY_FILE = 'recovery-history.jsonl';

/** The history, oldest first; a line that is not a record (cut short, edited) is named, not skipped. */
export function readRecoveryHistory(stateDir: string): RecoveryRecord[] {
  const path = join(stateDir, HISTORY_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => {
      try {
        return JSON.parse(line) as RecoveryRecord;
      } catch {
        throw new LifeboatError('verification_failed', `line ${n} is not a recovery record (cut short or edited?)`, `${path}:${n}`);
      }
    });
}

export function appendRecoveryHistory(stateDir: string, record: RecoveryRecord): void {
  const path = join(stateDir, HISTORY_FILE);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileAtomic(path, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${JSON.stringify(record)}\n`);
}
