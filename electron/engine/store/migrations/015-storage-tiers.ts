// Migration 15: storage tiers. Where each chunk demoted to the cold tier lives (which pack file in
// <state>/cold/, at which bytes), when each chunk was last read, and each tier's counters.
// Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration15: Migration = {
  version: 15,
  name: 'storage tiers',
  sql: `
-- A chunk is in exactly one of chunks (warm) and cold_chunks (cold): a move inserts one row and
-- deletes the other in one transaction. Its bytes are in the pack, in the chunk's own stored form.
CREATE TABLE cold_chunks (
  hash        TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('rows', 'index')),
  codec       TEXT NOT NULL CHECK (codec IN ('deflate', 'brotli')),
  raw_size    INTEGER NOT NULL,
  stored_size INTEGER NOT NULL,
  pack        TEXT NOT NULL,
  offset      INTEGER NOT NULL,
  demoted_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX cold_chunks_by_pack ON cold_chunks (pack);

-- Last read time per chunk, written in batches (a read does not write).
CREATE TABLE chunk_reads (
  hash         TEXT PRIMARY KEY,
  last_read_at TEXT NOT NULL
) WITHOUT ROWID;

-- Counters per tier since the desk began, and the last error a tier gave.
CREATE TABLE tier_counters (
  tier           TEXT PRIMARY KEY CHECK (tier IN ('hot', 'warm', 'cold')),
  hits           INTEGER NOT NULL DEFAULT 0,
  misses         INTEGER NOT NULL DEFAULT 0,
  promotions     INTEGER NOT NULL DEFAULT 0,
  promoted_bytes INTEGER NOT NULL DEFAULT 0,
  demotions      INTEGER NOT NULL DEFAULT 0,
  demoted_bytes  INTEGER NOT NULL DEFAULT 0,
  -- The newest read latencies in microseconds (a JSON array, at most a few hundred).
  latency_json   TEXT NOT NULL DEFAULT '[]',
  last_error     TEXT,
  last_error_at  TEXT
) WITHOUT ROWID;
INSERT INTO tier_counters (tier) VALUES ('hot'), ('warm'), ('cold');
`,
};
