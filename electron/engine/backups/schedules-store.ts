// Schedules as the desk keeps them (backup_schedules): a destination gets the usual policy when it
// is added; the editor changes one (destination, type) at a time.
import type { Database } from 'better-sqlite3';
import type { BackupType } from '../../../shared/api/backups';
import { DEFAULT_SCHEDULES, parseCron, type Schedule } from './schedule';

export function listSchedules(db: Database): Schedule[] {
  return (db.prepare('SELECT destination, type, cron, enabled FROM backup_schedules ORDER BY destination, type').all() as { destination: string; type: BackupType; cron: string; enabled: number }[]).map((r) => ({ ...r, enabled: r.enabled === 1 }));
}

export function setSchedule(db: Database, s: Schedule): void {
  parseCron(s.cron, `schedule ${s.destination} ${s.type}`);
  db.prepare('INSERT INTO backup_schedules (destination, type, cron, enabled) VALUES (?, ?, ?, ?) ON CONFLICT (destination, type) DO UPDATE SET cron = excluded.cron, enabled = excluded.enabled').run(s.destination, s.type, s.cron, s.enabled ? 1 : 0);
}

export function addDefaultSchedules(db: Database, destination: string): void {
  for (const s of DEFAULT_SCHEDULES) setSchedule(db, { destination, type: s.type, cron: s.cron, enabled: true });
}
