// A destination's health from the desk's own record: its last success (backup_runs) and its last
// failure (the audit trail's backup.failed). Failing means the newest attempt failed.
import type { Database } from 'better-sqlite3';
import type { DestinationInfo } from '../../../shared/api/backup-channels';

export interface BackupFailure {
  at: string;
  message: string;
}

/** When the newest backup to `destination` finished (null: none ever did). */
export function lastSuccessAt(db: Database, destination: string): string | null {
  return db.prepare("SELECT MAX(json_extract(summary_json, '$.finishedAt')) FROM backup_runs WHERE destination = ?").pluck().get(destination) as string | null;
}

export function lastFailure(db: Database, destination: string): BackupFailure | null {
  const row = db
    .prepare("SELECT at, json_extract(details, '$.message') AS message FROM audit_log WHERE action = 'backup.failed' AND json_extract(details, '$.destination') = ? ORDER BY seq DESC LIMIT 1")
    .get(destination) as BackupFailure | undefined;
  return row ?? null;
}

/** Pure: ok when the last attempt succeeded, failing when it failed, new before any. */
export function healthOf(lastOk: string | null, failure: BackupFailure | null): DestinationInfo['health'] {
  const failing = failure !== null && (lastOk === null || failure.at > lastOk);
  const lastAttemptAt = [lastOk, failure?.at].filter((t): t is string => Boolean(t)).sort().pop() ?? null;
  return failing ? { state: 'failing', lastAttemptAt, message: failure.message } : { state: lastAttemptAt ? 'ok' : 'new', lastAttemptAt, message: null };
}
