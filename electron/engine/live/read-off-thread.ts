// Where a heavy read runs: on the pool's read threads when the process has them and serves a
// console (it keeps answering health, events and cheap channels meanwhile), else here, on the
// engine's own connection. Same code, same answer (live-reads.ts). An engine opened read-only is a
// one-shot command's (`lifeboat status`): nothing else waits on its thread, and starting a thread
// and its connection costs it more (0.3 to 0.5 s on the large desk) than the read itself.
import type { WorkerPool } from '../workers/pool';
import type { ReadInput } from '../workers/read-task';
import { answerRead, type LiveReadName, type LiveReads } from './live-reads';
import type { LiveStore } from './live-store';

export async function readOffThread<N extends LiveReadName>(
  desk: { store: LiveStore; workers: WorkerPool; mode: 'read' | 'write' },
  name: N,
  request: LiveReads[N]['request'],
): Promise<LiveReads[N]['answer']> {
  if (!desk.workers.threaded || desk.mode === 'read') return answerRead(desk.store, name, request);
  // The store's own file: a read-only folder is read through a private copy.
  const answer = await desk.workers.run('read', { dbPath: desk.store.db.name, name, request } as ReadInput);
  return answer as LiveReads[N]['answer'];
}
