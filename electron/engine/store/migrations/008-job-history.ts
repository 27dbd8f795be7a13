// Migration 8: job history. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration8: Migration = {
  version: 8,
  name: 'job history',
  sql: `
-- Every job's report (jobs/job-history.ts): kind, state, each step's state, attempts and timing,
-- the result or the error. Kept across restarts; a job found running at start-up is marked
-- interrupted. Lifeboat's own table: checkpoints do not capture it.
CREATE TABLE jobs (
  job_id      TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  report_json TEXT NOT NULL
);
CREATE INDEX jobs_by_start ON jobs (started_at);
`,
};
