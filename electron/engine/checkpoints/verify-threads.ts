// Verify on the worker pool, as the console and the CLI run it: the chunks of the checkpoints are
// rehashed in VERIFY_SHARDS tasks at once (a thread each, claiming chunks from one shared counter:
// verify-chunks.ts), then one more task
// checks every checkpoint with what they found (workers/verify-task.ts). Without threads the same
// tasks run one after the other in this thread, with the same results.
import type { MessagePort } from 'node:worker_threads';
import type { VerifyReport } from '../../../shared/api/checkpoints';
import type { ReaderReport } from '../chunks/repository';
import type { WorkerPool } from '../workers/pool';
import { newClaim, VERIFY_SHARDS } from './verify-chunks';

export async function verifyOnPool(
  workers: Pick<WorkerPool, 'run'>,
  dbPath: string,
  ids: string[],
  /** Progress and each verdict as it comes (see VerifyMessage); moved to the checking task. */
  port: MessagePort,
  signal?: AbortSignal,
): Promise<{ reports: VerifyReport[]; tiers: ReaderReport[] }> {
  const claim = newClaim();
  const shards = await Promise.all(Array.from({ length: VERIFY_SHARDS }, () => workers.run('verifyChunks', { dbPath, ids, claim }, { signal })));
  const checked = shards.map(({ checks, accs }) => ({ checks, accs }));
  const reports = await workers.run('verify', { dbPath, ids, port, checked }, { signal, transfer: [port, ...checked.map((c) => c.accs.buffer as ArrayBuffer)] });
  return { reports, tiers: shards.flatMap((s) => (s.tiers ? [s.tiers] : [])) };
}
