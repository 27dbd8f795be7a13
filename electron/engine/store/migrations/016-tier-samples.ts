// Migration 16: tier statistics over time. One row per tier per minute while a console runs,
// thinned to one an hour after a day and dropped after a week (tiers/history.ts).
// Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration16: Migration = {
  version: 16,
  name: 'tier samples',
  sql: `
-- hits, misses, promotions and demotions are the counters since the desk began (so the next
-- minute's figures are differences); hit_ratio is the minute's own (null: no reads in it).
CREATE TABLE tier_samples (
  sampled_at   TEXT NOT NULL,
  tier         TEXT NOT NULL CHECK (tier IN ('hot', 'warm', 'cold')),
  objects      INTEGER NOT NULL,
  raw_bytes    INTEGER NOT NULL,
  stored_bytes INTEGER NOT NULL,
  hits         INTEGER NOT NULL,
  misses       INTEGER NOT NULL,
  hit_ratio    REAL,
  p50_micros   INTEGER,
  p95_micros   INTEGER,
  p99_micros   INTEGER,
  promotions   INTEGER NOT NULL,
  demotions    INTEGER NOT NULL,
  health       TEXT NOT NULL CHECK (health IN ('up', 'degraded', 'down')),
  last_error   TEXT,
  PRIMARY KEY (tier, sampled_at)
) WITHOUT ROWID;
CREATE INDEX tier_samples_by_time ON tier_samples (sampled_at);
`,
};
