// The reading half of verify (checkpoints/verify-job.ts records the verdicts): every chunk of
// every named checkpoint reread, decompressed and rehashed, and every hash recomputed, on a
// read-only connection of its own (WAL lets it read while the console writes). It never writes:
// the verdicts go back to the main thread, whose connection is the writer.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { MessagePort } from 'node:worker_threads';
import type { VerifyReport } from '../../../shared/api/checkpoints';
import { ChunkCache } from '../checkpoints/chunk-cache';
import type { Acc } from '../checkpoints/state-hash';
import { verifyCheckpoint } from '../checkpoints/verify';
import { checkedByHash, type CheckedChunks } from '../checkpoints/verify-chunks';
import { TieredChunkRepository } from '../tiers/tiered-repository';
import { COLD_DIR } from '../tiers/cold-folder';
import { dirname, join } from 'node:path';
import { openReader } from '../store/database';
import type { TaskEnv } from './protocol';
import type { ReaderReport } from '../chunks/repository';

export interface VerifyInput {
  /** lifeboat.db */
  dbPath: string;
  ids: string[];
  port: MessagePort;
  /** What the verifyChunks shards found (verify-chunks.ts): those chunks are not rehashed again here. */
  checked?: CheckedChunks[];
}

export type VerifyMessage =
  /** Within checkpoint `index`: rows (and layers) rehashed so far, of `total`. */
  | { index: number; done: number; total: number }
  /** Checkpoint `index` is verified: its verdict, for the main thread to record. */
  | { index: number; report: VerifyReport }
  /** What it read from the cold tier and its tier counts (a reader promotes nothing: the writer does, with these). */
  | { tiers: ReaderReport };

export async function verifyTask({ dbPath, ids, port, checked: parts }: VerifyInput, env: TaskEnv = {}): Promise<VerifyReport[]> {
  const db = openReader(dbPath);
  try {
    const repository = new TieredChunkRepository(db, join(dirname(dbPath), COLD_DIR), { promote: false });
    const chunks = new ChunkCache(repository);
    // Shared by the whole run: a chunk or a layer chain common to several checkpoints is read once.
    const verified = new Map<string, Acc>();
    const tableAccs = new Map<string, Record<string, Acc>>();
    const checked = parts && checkedByHash(parts);
    const reports: VerifyReport[] = [];
    for (const [index, id] of ids.entries()) {
      if (env.signal?.aborted) break;
      const onProgress = (done: number, total: number) => port.postMessage({ index, done, total } satisfies VerifyMessage);
      // One read transaction per checkpoint: it sees one state of the catalog and chunks, whatever
      // the console commits meanwhile (a prune cannot pull chunks from under it).
      const report = db.transaction(() => verifyCheckpoint(db, chunks, id, { verified, tableAccs, checked, onProgress, signal: env.signal }))();
      reports.push(report);
      port.postMessage({ index, report } satisfies VerifyMessage);
      // Run inline (no bundled worker), this is where the event loop gets its turn.
      await yieldToEventLoop();
    }
    port.postMessage({ tiers: repository.readerReport() } satisfies VerifyMessage);
    return reports;
  } finally {
    db.close();
  }
}
