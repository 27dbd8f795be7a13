// Migration 6: application id. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration6: Migration = {
  version: 6,
  name: 'application id',
  sql: `
-- Marks the file as Lifeboat's (store/identity.ts), so another program's SQLite file named
-- lifeboat.db is refused rather than migrated. Nothing else changes.
PRAGMA application_id = 1279672916;
`,
};
