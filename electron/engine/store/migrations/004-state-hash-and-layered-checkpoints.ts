// Migration 4: state hash and layered checkpoints. Shipped: never edit it, add a new migration.
import { upgradeToStateHash } from '../../checkpoints/upgrade-state-hash';
import type { Migration } from './migration';

export const migration4: Migration = {
  version: 4,
  name: 'state hash and layered checkpoints',
  sql: `
-- The change log, rebuilt with what a checkpoint's layer needs: each logged row's text as of the
-- last checkpoint (before_known = 0 for rows logged before this migration: the next checkpoint is
-- then taken whole), its text now (NULL: the row is gone), and the fields of the first that differ
-- from the second (see checkpoints/layers.ts). A rowid table: its rows hold texts, which would
-- spill to overflow pages in a WITHOUT ROWID table's b-tree, and triggers rewrite them on every write.
-- The old triggers go first (they name the old table); the migration's code installs the new ones.
DROP TRIGGER accounts_changed_insert;
DROP TRIGGER accounts_changed_update;
DROP TRIGGER accounts_changed_delete;
DROP TRIGGER artifacts_changed_insert;
DROP TRIGGER artifacts_changed_update;
DROP TRIGGER artifacts_changed_delete;
DROP TRIGGER cash_balances_changed_insert;
DROP TRIGGER cash_balances_changed_update;
DROP TRIGGER cash_balances_changed_delete;
DROP TRIGGER orders_changed_insert;
DROP TRIGGER orders_changed_update;
DROP TRIGGER orders_changed_delete;
DROP TRIGGER positions_changed_insert;
DROP TRIGGER positions_changed_update;
DROP TRIGGER positions_changed_delete;
DROP TRIGGER risk_state_changed_insert;
DROP TRIGGER risk_state_changed_update;
DROP TRIGGER risk_state_changed_delete;
DROP TRIGGER settings_changed_insert;
DROP TRIGGER settings_changed_update;
DROP TRIGGER settings_changed_delete;
DROP TRIGGER strategies_changed_insert;
DROP TRIGGER strategies_changed_update;
DROP TRIGGER strategies_changed_delete;
CREATE TABLE change_log_v4 (
  table_name   TEXT NOT NULL,
  row_key      TEXT NOT NULL,
  before_known INTEGER NOT NULL DEFAULT 1,
  before_text  TEXT,
  after_text   TEXT,
  before_patch TEXT,
  UNIQUE (table_name, row_key)
);
INSERT INTO change_log_v4 (table_name, row_key, before_known) SELECT table_name, row_key, 0 FROM change_log;
DROP TABLE change_log;
ALTER TABLE change_log_v4 RENAME TO change_log;
CREATE INDEX change_log_before_unknown ON change_log (before_known) WHERE before_known = 0;
-- Per checkpointed table: its row count and LtHash lanes (2,048 bytes), kept by the triggers. A
-- rowid table, so each 2 KB row stays on its page as the triggers rewrite it.
CREATE TABLE state_hash (
  table_name TEXT PRIMARY KEY,
  row_count  INTEGER NOT NULL,
  acc        BLOB NOT NULL
);
`,
  run: upgradeToStateHash,
};
