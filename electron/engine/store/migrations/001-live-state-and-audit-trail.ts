// Migration 1: live state and audit trail. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration1: Migration = {
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
};
