// Migration 13: what the desk knows of each snapshot beyond its record — whether it is pinned
// (kept by every retention rule) and which packs it uses (so "verified when" is a lookup).
// Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration13: Migration = {
  version: 13,
  name: 'backup pins and packs',
  sql: `
ALTER TABLE backup_runs ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
-- A JSON array of pack ids; '[]' for runs recorded before this migration (not yet known).
ALTER TABLE backup_runs ADD COLUMN packs_json TEXT NOT NULL DEFAULT '[]';
`,
};
