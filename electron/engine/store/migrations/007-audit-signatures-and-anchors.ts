// Migration 7: audit signatures and anchors. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration7: Migration = {
  version: 7,
  name: 'audit signatures and anchors',
  sql: `
-- Each entry's HMAC under the audit key kept in <state>/audit.key (audit/audit-key.ts); NULL only
-- until the key is made, on the first write open after this migration.
ALTER TABLE audit_log ADD COLUMN mac TEXT;
-- The chain head as a checkpoint (later a backup) recorded it: a log cut short or rewritten no
-- longer matches.
CREATE TABLE audit_anchors (
  anchor TEXT PRIMARY KEY,
  seq    INTEGER NOT NULL,
  hash   TEXT NOT NULL
);
`,
};
