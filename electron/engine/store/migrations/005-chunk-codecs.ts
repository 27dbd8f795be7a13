// Migration 5: chunk codecs. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration5: Migration = {
  version: 5,
  name: 'chunk codecs',
  sql: `
-- How each chunk is compressed (see checkpoints/chunk-codec.ts). Every chunk so far is deflate;
-- layers are now stored with brotli. The checkpointed tables do not change, so checkpoints taken
-- before keep their roots and stay rollback targets (STATE_SCHEMA_VERSION stays 4).
ALTER TABLE chunks ADD COLUMN codec TEXT NOT NULL DEFAULT 'deflate' CHECK (codec IN ('deflate', 'brotli'));
`,
};
