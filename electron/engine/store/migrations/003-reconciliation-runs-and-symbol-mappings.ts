// Migration 3: reconciliation runs and symbol mappings. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration3: Migration = {
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
};
