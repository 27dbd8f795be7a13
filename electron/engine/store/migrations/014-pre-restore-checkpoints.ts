// Migration 14: pre-restore checkpoints, the way back from restoring a backup over the live desk.
// Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration14: Migration = {
  version: 14,
  name: 'pre-restore checkpoints',
  sql: `
-- SQLite cannot change a CHECK constraint in place: the catalog is copied into a table that
-- allows the new type. Ids, roots and manifests stay as they were.
CREATE TABLE checkpoints_new (
  checkpoint_id  TEXT PRIMARY KEY,
  type           TEXT NOT NULL CHECK (type IN ('manual', 'automatic', 'emergency', 'pre_upgrade', 'daily', 'pre_rollback', 'pre_sync', 'pre_restore')),
  label          TEXT,
  created_at     TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  root_hash      TEXT NOT NULL,
  counts_json    TEXT NOT NULL,
  changed_rows   INTEGER NOT NULL,
  new_bytes      INTEGER NOT NULL,
  manifest_json  TEXT NOT NULL,
  pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  status         TEXT NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'ok', 'corrupt')),
  status_detail  TEXT,
  verified_at    TEXT
);
INSERT INTO checkpoints_new SELECT checkpoint_id, type, label, created_at, schema_version, root_hash, counts_json, changed_rows, new_bytes,
                                   manifest_json, pinned, status, status_detail, verified_at FROM checkpoints;
DROP TABLE checkpoints;
ALTER TABLE checkpoints_new RENAME TO checkpoints;
CREATE INDEX checkpoints_by_time ON checkpoints (created_at);
`,
};
