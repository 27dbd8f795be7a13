// The database schema, as numbered migrations. Decimal columns are TEXT holding canonical decimal
// strings; times are ISO-8601 UTC strings. Never edit a shipped migration: add a new one.
import type { Migration } from './migrations';
import { upgradeToStateHash } from '../checkpoints/upgrade-state-hash';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'live state and audit trail',
    sql: `
CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
);
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE accounts (
  account_id    TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  broker        TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('equities', 'crypto')),
  account_type  TEXT NOT NULL CHECK (account_type IN ('cash', 'margin')),
  base_currency TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE TABLE strategies (
  strategy_id TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts (account_id),
  name        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
  cash        TEXT NOT NULL,
  state_json  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX strategies_by_account ON strategies (account_id);
CREATE UNIQUE INDEX strategies_by_name ON strategies (name);
CREATE TABLE positions (
  strategy_id TEXT NOT NULL REFERENCES strategies (strategy_id),
  symbol      TEXT NOT NULL,
  account_id  TEXT NOT NULL REFERENCES accounts (account_id),
  quantity    TEXT NOT NULL,
  avg_price   TEXT,
  last_price  TEXT,
  currency    TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (strategy_id, symbol)
) WITHOUT ROWID;
CREATE INDEX positions_by_account ON positions (account_id, symbol);
CREATE INDEX positions_by_account_updated ON positions (account_id, updated_at);
CREATE TABLE orders (
  order_id             TEXT PRIMARY KEY,
  client_order_id      TEXT,
  broker_order_id      TEXT,
  account_id           TEXT NOT NULL REFERENCES accounts (account_id),
  strategy_id          TEXT NOT NULL REFERENCES strategies (strategy_id),
  symbol               TEXT NOT NULL,
  side                 TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type                 TEXT NOT NULL CHECK (type IN ('market', 'limit', 'stop', 'stop_limit')),
  quantity             TEXT NOT NULL,
  filled_quantity      TEXT NOT NULL,
  limit_price          TEXT,
  stop_price           TEXT,
  avg_fill_price       TEXT,
  status               TEXT NOT NULL CHECK (status IN ('new', 'accepted', 'partially_filled', 'pending_cancel', 'filled', 'cancelled', 'rejected', 'expired')),
  is_open              INTEGER NOT NULL CHECK (is_open IN (0, 1)),
  parent_order_id      TEXT,
  stop_order_id        TEXT,
  take_profit_order_id TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX orders_open ON orders (is_open, updated_at);
CREATE INDEX orders_by_updated ON orders (updated_at);
CREATE INDEX orders_by_account ON orders (account_id, is_open);
CREATE INDEX orders_by_account_updated ON orders (account_id, updated_at);
CREATE INDEX orders_by_account_symbol ON orders (account_id, symbol);
CREATE INDEX orders_by_strategy ON orders (strategy_id, is_open);
CREATE UNIQUE INDEX orders_by_broker_id ON orders (account_id, broker_order_id) WHERE broker_order_id IS NOT NULL;
CREATE INDEX orders_by_client_id ON orders (client_order_id);
CREATE TABLE cash_balances (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  currency   TEXT NOT NULL,
  amount     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (account_id, currency)
) WITHOUT ROWID;
CREATE TABLE risk_state (
  account_id        TEXT NOT NULL REFERENCES accounts (account_id),
  strategy_id       TEXT NOT NULL,  -- '' for the account as a whole
  peak_value        TEXT NOT NULL,
  daily_start_value TEXT NOT NULL,
  trading_enabled   INTEGER NOT NULL CHECK (trading_enabled IN (0, 1)),
  halt_reason       TEXT,
  limits_json       TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  PRIMARY KEY (account_id, strategy_id)
) WITHOUT ROWID;
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size   INTEGER NOT NULL,
  data   BLOB NOT NULL
);
CREATE TABLE artifacts (
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  sha256      TEXT NOT NULL REFERENCES blobs (sha256),
  strategy_id TEXT REFERENCES strategies (strategy_id),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (name, version)
);
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_by_action ON audit_log (action, seq);
`,
  },
  {
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
  },
  {
    version: 3,
    name: 'reconciliation runs and symbol mappings',
    sql: `
-- How a broker writes a symbol, per account (BTCUSDT, BTC-USDT) → the desk's symbol (BTC/USDT).
CREATE TABLE symbol_mappings (
  account_id    TEXT NOT NULL,
  broker_symbol TEXT NOT NULL,
  symbol        TEXT NOT NULL,
  PRIMARY KEY (account_id, broker_symbol)
) WITHOUT ROWID;
CREATE TABLE recon_runs (
  run_id          TEXT PRIMARY KEY,
  created_at      TEXT NOT NULL,
  actor           TEXT NOT NULL,
  against         TEXT NOT NULL,
  format          TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  file_sha256     TEXT NOT NULL,
  strategy        TEXT NOT NULL CHECK (strategy IN ('warn', 'sync', 'halt')),
  tolerances_json TEXT NOT NULL,
  checkpoint_id   TEXT,
  recheck_of      TEXT REFERENCES recon_runs (run_id),
  summary_json    TEXT NOT NULL,
  snapshot_json   TEXT NOT NULL
);
CREATE INDEX recon_runs_by_time ON recon_runs (created_at);
CREATE TABLE recon_findings (
  run_id            TEXT NOT NULL REFERENCES recon_runs (run_id),
  item_id           TEXT NOT NULL,
  account_id        TEXT NOT NULL,
  kind              TEXT NOT NULL,
  severity          TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
  within_tolerance  INTEGER NOT NULL CHECK (within_tolerance IN (0, 1)),
  finding_json      TEXT NOT NULL,
  resolution        TEXT CHECK (resolution IN ('accept_broker', 'keep_local', 'ignore')),
  resolution_reason TEXT,
  resolved_by       TEXT,
  resolved_at       TEXT,
  PRIMARY KEY (run_id, item_id)
) WITHOUT ROWID;
`,
  },
  {
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
  },
  {
    version: 5,
    name: 'chunk codecs',
    sql: `
-- How each chunk is compressed (see checkpoints/chunk-codec.ts). Every chunk so far is deflate;
-- layers are now stored with brotli. The checkpointed tables do not change, so checkpoints taken
-- before keep their roots and stay rollback targets (STATE_SCHEMA_VERSION stays 4).
ALTER TABLE chunks ADD COLUMN codec TEXT NOT NULL DEFAULT 'deflate' CHECK (codec IN ('deflate', 'brotli'));
`,
  },
  {
    version: 6,
    name: 'application id',
    sql: `
-- Marks the file as Lifeboat's (store/identity.ts), so another program's SQLite file named
-- lifeboat.db is refused rather than migrated. Nothing else changes.
PRAGMA application_id = 1279672916;
`,
  },
  {
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
  },
];
