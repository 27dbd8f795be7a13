// What the desk's own record says of its backups, per destination: schedules and their last runs,
// successes, the last failure and the last test restore. The repositories are not read (a
// destination may be a bucket far away): doctor judges from what this desk recorded.
import type { Database } from 'better-sqlite3';
import type { BackupType } from '../../../../shared/api/backups';
import { listDestinations, whereOf } from '../../backups/destinations-store';
import { lastFailure, lastSuccessAt, type BackupFailure } from '../../backups/health';
import { listSchedules } from '../../backups/schedules-store';

export interface TestRestore {
  at: string;
  snapshotId: string;
  ok: boolean;
}

export interface DestinationFacts {
  name: string;
  where: string;
  createdAt: string;
  repositoryId: string | null;
  schedules: { type: BackupType; cron: string; enabled: boolean; lastRunAt: string | null }[];
  snapshots: number;
  lastSuccessAt: string | null;
  lastFailure: BackupFailure | null;
  lastTestRestore: TestRestore | null;
  lastGoodTestRestore: TestRestore | null;
}

/** A schedule is met by a run of its type or of a bigger one (a full taken when an incremental is due), as the scheduler runs them. */
export const COVERS: Record<BackupType, BackupType[]> = {
  incremental: ['incremental', 'snapshot', 'differential', 'full', 'emergency'],
  snapshot: ['snapshot', 'differential', 'full'],
  differential: ['differential', 'full'],
  full: ['full'],
  emergency: ['emergency'],
};

function testRestore(db: Database, destination: string, onlyOk: boolean): TestRestore | null {
  const row = db
    .prepare(
      `SELECT at, json_extract(details, '$.snapshotId') AS snapshotId, json_extract(details, '$.ok') AS ok FROM audit_log
       WHERE action = 'backup.test-restore' AND json_extract(details, '$.destination') = ? ${onlyOk ? "AND json_extract(details, '$.ok') = 1" : ''}
       ORDER BY seq DESC LIMIT 1`,
    )
    .get(destination) as { at: string; snapshotId: string; ok: number } | undefined;
  return row ? { at: row.at, snapshotId: row.snapshotId, ok: row.ok === 1 } : null;
}

export function gatherBackupFacts(db: Database): DestinationFacts[] {
  const schedules = listSchedules(db);
  return listDestinations(db).map((d) => {
    const lastByType = new Map(
      (db.prepare('SELECT type, MAX(created_at) AS at FROM backup_runs WHERE destination = ? GROUP BY type').all(d.name) as { type: BackupType; at: string }[]).map((r) => [r.type, r.at]),
    );
    const lastRunAt = (type: BackupType) => COVERS[type].map((t) => lastByType.get(t)).filter((t): t is string => Boolean(t)).sort().pop() ?? null;
    return {
      name: d.name,
      where: whereOf(d.settings),
      createdAt: d.createdAt,
      repositoryId: d.settings.repositoryId ?? null,
      schedules: schedules.filter((s) => s.destination === d.name).map((s) => ({ type: s.type, cron: s.cron, enabled: s.enabled, lastRunAt: lastRunAt(s.type) })),
      snapshots: db.prepare('SELECT COUNT(*) FROM backup_runs WHERE destination = ?').pluck().get(d.name) as number,
      lastSuccessAt: lastSuccessAt(db, d.name),
      lastFailure: lastFailure(db, d.name),
      lastTestRestore: testRestore(db, d.name, false),
      lastGoodTestRestore: testRestore(db, d.name, true),
    };
  });
}
