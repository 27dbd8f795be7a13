// What the console shows of each destination, from the desk's own record (the repository is not
// read for it): health from the last attempt, sizes and ratios from the runs, next scheduled runs.
import type { DestinationInfo } from '../../../shared/api/backup-channels';
import type { DeskContext } from '../runtime/context';
import { listDestinations, whereOf } from './destinations-store';
import { healthOf, lastFailure } from './health';
import { nextRunsByDestination } from './policies';
import { DEFAULT_RETENTION } from './retention';
import { readSecrets } from './secrets';

// Null until both sides are known (runs recorded before plain bytes were kept say 0).
const ratio = (a: number, b: number) => (a > 0 && b > 0 ? a / b : null);

export function destinationInfos(desk: DeskContext, now = new Date()): DestinationInfo[] {
  const secrets = readSecrets(desk.paths.dir).destinations;
  const db = desk.store.db;
  const next = nextRunsByDestination(desk, now);
  return listDestinations(db).map((d) => {
    const runs = db.prepare('SELECT type, MAX(created_at) AS at, COUNT(*) AS n FROM backup_runs WHERE destination = ? GROUP BY type').all(d.name) as { type: string; at: string; n: number }[];
    const sums = db
      .prepare(
        "SELECT COALESCE(SUM(json_extract(summary_json, '$.bytesAdded')), 0) AS added, COALESCE(SUM(json_extract(summary_json, '$.bytesRead')), 0) AS read, COALESCE(SUM(json_extract(summary_json, '$.plainBytesAdded')), 0) AS plain, MAX(json_extract(summary_json, '$.finishedAt')) AS lastOk FROM backup_runs WHERE destination = ?",
      )
      .get(d.name) as { added: number; read: number; plain: number; lastOk: string | null };
    return {
      name: d.name,
      kind: d.settings.kind,
      where: whereOf(d.settings),
      archive: d.settings.kind === 's3' && d.settings.archive === true,
      objectLockDays: d.settings.kind === 's3' ? (d.settings.objectLockDays ?? null) : null,
      repositoryId: d.settings.repositoryId ?? null,
      passphraseKept: Boolean(secrets[d.name]?.passphrase),
      createdAt: d.createdAt,
      lastSuccess: Object.fromEntries(runs.map((r) => [r.type, r.at])),
      snapshots: runs.reduce((n, r) => n + r.n, 0),
      bytesAdded: sums.added,
      bytesRead: sums.read,
      plainBytesAdded: sums.plain,
      dedupRatio: ratio(sums.read, sums.plain),
      compressionRatio: ratio(sums.plain, sums.added),
      health: healthOf(sums.lastOk, lastFailure(db, d.name)),
      nextRun: next.get(d.name) ?? {},
      retention: d.settings.retention ?? DEFAULT_RETENTION,
    };
  });
}
