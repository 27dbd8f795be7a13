// One shard of verify's chunk rehashing (checkpoints/verify-chunks.ts), on a read-only connection
// of its own; verify-task.ts then checks the checkpoints with what the shards found.
import { dirname, join } from 'node:path';
import { ChunkCache } from '../checkpoints/chunk-cache';
import { checkChunks, type CheckedChunks } from '../checkpoints/verify-chunks';
import type { ReaderReport } from '../chunks/repository';
import { openReader } from '../store/database';
import { COLD_DIR } from '../tiers/cold-folder';
import { TieredChunkRepository } from '../tiers/tiered-repository';
import type { TaskEnv } from './protocol';

export interface VerifyChunksInput {
  /** lifeboat.db */
  dbPath: string;
  ids: string[];
  /** The counter the shards claim chunks from (verify-chunks.ts `newClaim`: shared, not copied). */
  claim: Int32Array;
}

/** The shard's answers, and what it read from the cold tier (the writer brings that nearer). */
export type VerifyChunksOutput = CheckedChunks & { tiers: ReaderReport | null };

export function verifyChunksTask({ dbPath, ids, claim }: VerifyChunksInput, env: TaskEnv = {}): VerifyChunksOutput {
  const db = openReader(dbPath);
  try {
    const repository = new TieredChunkRepository(db, join(dirname(dbPath), COLD_DIR), { promote: false });
    // One read transaction: one state of the catalog and the chunks.
    const checked = db.transaction(() => checkChunks(db, new ChunkCache(repository), ids, claim, env.signal))();
    return { ...checked, tiers: repository.readerReport() };
  } finally {
    db.close();
  }
}
