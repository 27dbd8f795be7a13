// The recovery history: one JSON line per finished recovery, and per escalated failure, in
// <state>/recovery-history.jsonl, append-only, each append written atomically (the whole file
// rewritten: temp, fsync, rename, fsync the folder), so a crash leaves the old history or the new
// one. A file beside the database rather than a table: it must be written when the database is what
// failed, and survive it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecoveryEscalation, RecoveryRecord } from '../../../../shared/api/recovery';
export type { RecoveryEscalation, RecoveryRecord };
import { LifeboatError } from '../../../../shared/result';
import { writeFileAtomic } from '../../store/atomic-file';

export const HISTORY_FILE = 'recovery-history.jsonl';

export type HistoryEntry = RecoveryRecord | RecoveryEscalation;

export const isEscalation = (e: HistoryEntry): e is RecoveryEscalation => (e as RecoveryEscalation).kind === 'escalation';

/** Every line, oldest first; a line that is not JSON (cut short, edited) is named, not skipped. */
export function readHistoryEntries(stateDir: string): HistoryEntry[] {
  const path = join(stateDir, HISTORY_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => {
      try {
        return JSON.parse(line) as HistoryEntry;
      } catch {
        throw new LifeboatError('verification_failed', `line ${n} is not a recovery record (cut short or edited?)`, `${path}:${n}`);
      }
    });
}

/** The finished recoveries, oldest first (what the recovery.history channel gives). */
export const readRecoveryHistory = (stateDir: string): RecoveryRecord[] => readHistoryEntries(stateDir).filter((e): e is RecoveryRecord => !isEscalation(e));

/** The escalated failures, oldest first. */
export const readEscalations = (stateDir: string): RecoveryEscalation[] => readHistoryEntries(stateDir).filter(isEscalation);

export function appendRecoveryHistory(stateDir: string, entry: HistoryEntry): void {
  const path = join(stateDir, HISTORY_FILE);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileAtomic(path, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${JSON.stringify(entry)}\n`);
}
