// Migration 2: checkpoints and change tracking. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration2: Migration = {
  version: 2,
  name: 'checkpoints and change tracking',
  sql: `
-- Keys changed since the last checkpoint, kept by triggers (NOT EXISTS rather than OR IGNORE: an
-- outer statement's conflict policy would override the trigger's), so an incremental checkpoint costs
-- O(changed rows). Cleared by the checkpoint that captures them.
CREATE TABLE change_log (
  table_name TEXT NOT NULL,
  row_key    TEXT NOT NULL,
  PRIMARY KEY (table_name, row_key)
) WITHOUT ROWID;
-- Content-addressed chunks: records (kind 'rows') and chunk lists (kind 'index'), each stored
-- once under the SHA-256 of its uncompressed canonical bytes. A rewritten chunk is compressed
-- against its previous version (base_hash, used as the deflate dictionary), so a chunk where one
-- price moved costs bytes for that price, not for the chunk; depth bounds the chain.
CREATE TABLE chunks (
  hash        TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('rows', 'index')),
  raw_size    INTEGER NOT NULL,
  stored_size INTEGER NOT NULL,
  base_hash   TEXT REFERENCES chunks (hash),
  depth       INTEGER NOT NULL DEFAULT 0,
  data        BLOB NOT NULL
);
CREATE TABLE checkpoints (
  checkpoint_id  TEXT PRIMARY KEY,
  type           TEXT NOT NULL CHECK (type IN ('manual', 'automatic', 'emergency', 'pre_upgrade', 'daily', 'pre_rollback')),
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
CREATE INDEX checkpoints_by_time ON checkpoints (created_at);
-- The manifest the change log is relative to: the live state is this plus the logged changes.
CREATE TABLE live_base (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  checkpoint_id TEXT NOT NULL,
  manifest_json TEXT NOT NULL
);
CREATE TRIGGER accounts_changed_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'accounts', NEW.account_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'accounts' AND row_key = NEW.account_id);
END;
CREATE TRIGGER accounts_changed_update AFTER UPDATE ON accounts BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'accounts', OLD.account_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'accounts' AND row_key = OLD.account_id);
  INSERT INTO change_log (table_name, row_key) SELECT 'accounts', NEW.account_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'accounts' AND row_key = NEW.account_id);
END;
CREATE TRIGGER accounts_changed_delete AFTER DELETE ON accounts BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'accounts', OLD.account_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'accounts' AND row_key = OLD.account_id);
END;
CREATE TRIGGER artifacts_changed_insert AFTER INSERT ON artifacts BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'artifacts', NEW.name || char(31) || printf('%010d', NEW.version) WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'artifacts' AND row_key = NEW.name || char(31) || printf('%010d', NEW.version));
END;
CREATE TRIGGER artifacts_changed_update AFTER UPDATE ON artifacts BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'artifacts', OLD.name || char(31) || printf('%010d', OLD.version) WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'artifacts' AND row_key = OLD.name || char(31) || printf('%010d', OLD.version));
  INSERT INTO change_log (table_name, row_key) SELECT 'artifacts', NEW.name || char(31) || printf('%010d', NEW.version) WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'artifacts' AND row_key = NEW.name || char(31) || printf('%010d', NEW.version));
END;
CREATE TRIGGER artifacts_changed_delete AFTER DELETE ON artifacts BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'artifacts', OLD.name || char(31) || printf('%010d', OLD.version) WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'artifacts' AND row_key = OLD.name || char(31) || printf('%010d', OLD.version));
END;
CREATE TRIGGER cash_balances_changed_insert AFTER INSERT ON cash_balances BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'cash_balances', NEW.account_id || char(31) || NEW.currency WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'cash_balances' AND row_key = NEW.account_id || char(31) || NEW.currency);
END;
CREATE TRIGGER cash_balances_changed_update AFTER UPDATE ON cash_balances BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'cash_balances', OLD.account_id || char(31) || OLD.currency WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'cash_balances' AND row_key = OLD.account_id || char(31) || OLD.currency);
  INSERT INTO change_log (table_name, row_key) SELECT 'cash_balances', NEW.account_id || char(31) || NEW.currency WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'cash_balances' AND row_key = NEW.account_id || char(31) || NEW.currency);
END;
CREATE TRIGGER cash_balances_changed_delete AFTER DELETE ON cash_balances BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'cash_balances', OLD.account_id || char(31) || OLD.currency WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'cash_balances' AND row_key = OLD.account_id || char(31) || OLD.currency);
END;
CREATE TRIGGER orders_changed_insert AFTER INSERT ON orders BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'orders', NEW.order_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'orders' AND row_key = NEW.order_id);
END;
CREATE TRIGGER orders_changed_update AFTER UPDATE ON orders BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'orders', OLD.order_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'orders' AND row_key = OLD.order_id);
  INSERT INTO change_log (table_name, row_key) SELECT 'orders', NEW.order_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'orders' AND row_key = NEW.order_id);
END;
CREATE TRIGGER orders_changed_delete AFTER DELETE ON orders BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'orders', OLD.order_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'orders' AND row_key = OLD.order_id);
END;
CREATE TRIGGER positions_changed_insert AFTER INSERT ON positions BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'positions', NEW.strategy_id || char(31) || NEW.symbol WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'positions' AND row_key = NEW.strategy_id || char(31) || NEW.symbol);
END;
CREATE TRIGGER positions_changed_update AFTER UPDATE ON positions BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'positions', OLD.strategy_id || char(31) || OLD.symbol WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'positions' AND row_key = OLD.strategy_id || char(31) || OLD.symbol);
  INSERT INTO change_log (table_name, row_key) SELECT 'positions', NEW.strategy_id || char(31) || NEW.symbol WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'positions' AND row_key = NEW.strategy_id || char(31) || NEW.symbol);
END;
CREATE TRIGGER positions_changed_delete AFTER DELETE ON positions BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'positions', OLD.strategy_id || char(31) || OLD.symbol WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'positions' AND row_key = OLD.strategy_id || char(31) || OLD.symbol);
END;
CREATE TRIGGER risk_state_changed_insert AFTER INSERT ON risk_state BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'risk_state', NEW.account_id || char(31) || NEW.strategy_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'risk_state' AND row_key = NEW.account_id || char(31) || NEW.strategy_id);
END;
CREATE TRIGGER risk_state_changed_update AFTER UPDATE ON risk_state BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'risk_state', OLD.account_id || char(31) || OLD.strategy_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'risk_state' AND row_key = OLD.account_id || char(31) || OLD.strategy_id);
  INSERT INTO change_log (table_name, row_key) SELECT 'risk_state', NEW.account_id || char(31) || NEW.strategy_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'risk_state' AND row_key = NEW.account_id || char(31) || NEW.strategy_id);
END;
CREATE TRIGGER risk_state_changed_delete AFTER DELETE ON risk_state BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'risk_state', OLD.account_id || char(31) || OLD.strategy_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'risk_state' AND row_key = OLD.account_id || char(31) || OLD.strategy_id);
END;
CREATE TRIGGER settings_changed_insert AFTER INSERT ON settings BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'settings', NEW.key WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'settings' AND row_key = NEW.key);
END;
CREATE TRIGGER settings_changed_update AFTER UPDATE ON settings BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'settings', OLD.key WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'settings' AND row_key = OLD.key);
  INSERT INTO change_log (table_name, row_key) SELECT 'settings', NEW.key WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'settings' AND row_key = NEW.key);
END;
CREATE TRIGGER settings_changed_delete AFTER DELETE ON settings BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'settings', OLD.key WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'settings' AND row_key = OLD.key);
END;
CREATE TRIGGER strategies_changed_insert AFTER INSERT ON strategies BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'strategies', NEW.strategy_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'strategies' AND row_key = NEW.strategy_id);
END;
CREATE TRIGGER strategies_changed_update AFTER UPDATE ON strategies BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'strategies', OLD.strategy_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'strategies' AND row_key = OLD.strategy_id);
  INSERT INTO change_log (table_name, row_key) SELECT 'strategies', NEW.strategy_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'strategies' AND row_key = NEW.strategy_id);
END;
CREATE TRIGGER strategies_changed_delete AFTER DELETE ON strategies BEGIN
  INSERT INTO change_log (table_name, row_key) SELECT 'strategies', OLD.strategy_id WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE table_name = 'strategies' AND row_key = OLD.strategy_id);
END;
`,
};
