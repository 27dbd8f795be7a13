// Migration 12: backups. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration12: Migration = {
  version: 12,
  name: 'backups',
  sql: `
-- Where backups go. Secrets (S3 keys, the repository passphrase) are not here: they live in
-- backup-secrets.json beside the database (mode 0600, never itself backed up or exported).
CREATE TABLE backup_destinations (
  name        TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('folder', 's3')),
  config_json TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

-- What this desk backed up where: the repository's snapshot records are the truth, this is the
-- console's memory of them (the page, the schedules' catch-up, the last success per type).
CREATE TABLE backup_runs (
  destination  TEXT NOT NULL,
  snapshot_id  TEXT NOT NULL,
  type         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  PRIMARY KEY (destination, snapshot_id)
);
CREATE INDEX backup_runs_by_time ON backup_runs (destination, type, created_at);

-- Schedules: per destination and type, a cron expression; retention per type.
CREATE TABLE backup_schedules (
  destination TEXT NOT NULL,
  type        TEXT NOT NULL,
  cron        TEXT NOT NULL,
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  PRIMARY KEY (destination, type)
);

-- Which packs a read-data verify has read, and when: what coverage is counted from.
CREATE TABLE backup_verified_packs (
  destination TEXT NOT NULL,
  pack_id     TEXT NOT NULL,
  verified_at TEXT NOT NULL,
  PRIMARY KEY (destination, pack_id)
);
`,
};
