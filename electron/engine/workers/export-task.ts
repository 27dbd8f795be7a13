// Exporting a checkpoint as strategy-checkpoint JSON files (checkpoints/export.ts): rebuilding
// its tables from chunks and writing the files takes seconds on a large desk, so it reads on a
// read-only connection of its own. It writes files only, never the database.
import { ChunkCache } from '../checkpoints/chunk-cache';
import { exportCheckpoint, type ExportResult } from '../checkpoints/export';
import { materialize } from '../checkpoints/materialize';
import { TieredChunkRepository } from '../tiers/tiered-repository';
import { COLD_DIR } from '../tiers/cold-folder';
import { dirname, join } from 'node:path';
import { openReader } from '../store/database';

export interface ExportInput {
  /** lifeboat.db */
  dbPath: string;
  checkpointId: string;
  exportsDir: string;
}

export function exportTask({ dbPath, checkpointId, exportsDir }: ExportInput): ExportResult {
  const db = openReader(dbPath);
  try {
    // Its reads find chunks in whichever tier holds them (a reader promotes nothing).
    const chunks = new ChunkCache(new TieredChunkRepository(db, join(dirname(dbPath), COLD_DIR), { promote: false }));
    // One read transaction: the catalog entry and the chunks it names, as of one moment.
    return db.transaction(() => exportCheckpoint(db, chunks, materialize(db, chunks, checkpointId), checkpointId, exportsDir))();
  } finally {
    db.close();
  }
}
