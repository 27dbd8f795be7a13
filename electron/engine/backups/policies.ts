// A destination's policies as the desk keeps them: its schedules (with their next runs), its
// retention rules (with a preview of what they keep and forget, from the desk's record of runs),
// and pins. Reads are cheap lookups; writes go through the commit path with their audit entry.
import type { BackupRetention, BackupType, RetentionPreview, ScheduleInfo } from '../../../shared/api/backups';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { DeskContext } from '../runtime/context';
import { defaultDestination, getDestination, listDestinations, setRetention } from './destinations-store';
import { decideBackupRetention, DEFAULT_RETENTION } from './retention';
import { nextRuns } from './schedule';
import { listSchedules, setSchedule } from './schedules-store';

const NEXT_RUNS = 5;

export function lastRunAt(desk: DeskContext, destination: string, type: BackupType): string | null {
  return desk.store.db.prepare('SELECT MAX(created_at) FROM backup_runs WHERE destination = ? AND type = ?').pluck().get(destination, type) as string | null;
}

export function scheduleInfos(desk: DeskContext, destination?: string, now = new Date()): ScheduleInfo[] {
  if (destination) getDestination(desk.store.db, destination);
  return listSchedules(desk.store.db)
    .filter((s) => !destination || s.destination === destination)
    .map((s) => ({ ...s, lastRunAt: lastRunAt(desk, s.destination, s.type), nextRuns: s.enabled ? nextRuns(s.cron, NEXT_RUNS, now) : [] }));
}

export function updateSchedule(desk: DeskContext, req: ParsedRequestOf<'backups.schedules.set'>): ScheduleInfo {
  getDestination(desk.store.db, req.destination);
  desk.commit(`backup.schedule ${req.destination} ${req.type}`, () => {
    setSchedule(desk.store.db, { destination: req.destination, type: req.type, cron: req.cron.trim(), enabled: req.enabled });
    appendAudit(desk.store.db, 'backup.schedule', { destination: req.destination, type: req.type, cron: req.cron.trim(), enabled: req.enabled });
  });
  return scheduleInfos(desk, req.destination).find((s) => s.type === req.type)!;
}

export function retentionOf(desk: DeskContext, destination: string): BackupRetention {
  return getDestination(desk.store.db, destination).settings.retention ?? DEFAULT_RETENTION;
}

/** What `retention` (default: the destination's own rules) keeps and forgets now, from the desk's record of runs. */
export function retentionPreview(desk: DeskContext, req: ParsedRequestOf<'backups.retention'>, now = new Date()): RetentionPreview {
  const d = defaultDestination(desk.store.db, req.destination);
  const retention = req.retention ?? d.settings.retention ?? DEFAULT_RETENTION;
  const runs = desk.store.db.prepare('SELECT snapshot_id AS id, type, created_at AS createdAt, pinned FROM backup_runs WHERE destination = ?').all(d.name) as {
    id: string;
    type: BackupType;
    createdAt: string;
    pinned: number;
  }[];
  const byId = new Map(runs.map((r) => [r.id, r]));
  const decision = decideBackupRetention(runs.map((r) => ({ ...r, pinned: r.pinned === 1 })), retention, now);
  return {
    destination: d.name,
    retention,
    keep: decision.keep.map((k) => ({ id: k.id, type: byId.get(k.id)!.type, createdAt: byId.get(k.id)!.createdAt, reasons: k.reasons })),
    forget: decision.remove,
  };
}

export function updateRetention(desk: DeskContext, req: ParsedRequestOf<'backups.retention.set'>): RetentionPreview {
  getDestination(desk.store.db, req.destination);
  desk.commit(`backup.retention ${req.destination}`, () => {
    setRetention(desk.store.db, req.destination, req.retention);
    appendAudit(desk.store.db, 'backup.retention', { destination: req.destination, retention: req.retention });
  });
  return retentionPreview(desk, { destination: req.destination });
}

/** Pinned snapshot ids of a destination: what `forget --retention` must keep. */
export function pinnedSnapshots(desk: DeskContext, destination: string): Set<string> {
  return new Set(desk.store.db.prepare('SELECT snapshot_id FROM backup_runs WHERE destination = ? AND pinned = 1').pluck().all(destination) as string[]);
}

export function pinSnapshot(desk: DeskContext, req: ParsedRequestOf<'backups.pin'>): { snapshotId: string; pinned: boolean } {
  const d = defaultDestination(desk.store.db, req.destination);
  const matches = desk.store.db.prepare("SELECT snapshot_id FROM backup_runs WHERE destination = ? AND snapshot_id LIKE ? || '%'").pluck().all(d.name, req.snapshotId) as string[];
  if (matches.length === 0) throw new LifeboatError('not_found', `no snapshot ${req.snapshotId} taken by this desk on ${d.name} (see \`backup list\`)`, 'snapshotId');
  if (matches.length > 1) throw new LifeboatError('bad_request', `snapshot prefix ${req.snapshotId} matches ${matches.length} snapshots: give more of the id`, 'snapshotId');
  const id = matches[0];
  desk.commit(`backup.pin ${id}`, () => {
    desk.store.db.prepare('UPDATE backup_runs SET pinned = ? WHERE destination = ? AND snapshot_id = ?').run(req.pinned ? 1 : 0, d.name, id);
    appendAudit(desk.store.db, req.pinned ? 'backup.pin' : 'backup.unpin', { destination: d.name, snapshotId: id });
  });
  return { snapshotId: id, pinned: req.pinned };
}

/** The next run of each enabled type of every destination. */
export function nextRunsByDestination(desk: DeskContext, now = new Date()): Map<string, Partial<Record<BackupType, string>>> {
  const out = new Map<string, Partial<Record<BackupType, string>>>(listDestinations(desk.store.db).map((d) => [d.name, {}]));
  for (const s of listSchedules(desk.store.db)) {
    if (!s.enabled) continue;
    const [next] = nextRuns(s.cron, 1, now);
    if (next) out.get(s.destination)![s.type] = next;
  }
  return out;
}
