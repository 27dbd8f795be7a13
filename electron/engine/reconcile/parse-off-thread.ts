// Parsing a broker file off the main thread, so a 100 MB file never stalls the console: a pool
// task (workers/parse-task.ts), inline when the pool has no bundled worker (tests run the
// TypeScript directly). The parsed snapshot comes back in slices, one per turn of the event loop.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';
import type { BrokerAccountSnapshot, BrokerSnapshot } from '../../../shared/api/reconcile';
import type { ParseMessage, ParseRequest } from '../workers/parse-task';
import type { WorkerPool } from '../workers/pool';

export type { ParseRequest } from '../workers/parse-task';

export async function parseOffThread(workers: WorkerPool, request: ParseRequest, onProgress: (fraction: number) => void): Promise<BrokerSnapshot> {
  const { port1, port2 } = new MessageChannel();
  const received = new Promise<BrokerSnapshot>((resolve) => {
    let snapshot: BrokerSnapshot | null = null;
    let remaining = 0;
    const ask = () => void nextTurn().then(() => port1.postMessage('next'));
    port1.on('message', (m: ParseMessage) => {
      if ('progress' in m) onProgress(m.progress);
      else if ('head' in m) {
        snapshot = m.head;
        remaining = m.slices;
        if (remaining === 0) resolve(snapshot);
        else ask();
      } else if ('slice' in m && snapshot) {
        const account = snapshot.accounts[m.slice.account] as BrokerAccountSnapshot;
        (account[m.slice.section] as unknown[]).push(...m.slice.items);
        if (--remaining === 0) resolve(snapshot);
        else ask();
      }
    });
  });
  try {
    // The task ends once it has sent the last slice, or fails (a parse error is its error).
    const [snapshot] = await Promise.all([received, workers.run('parse', { request, port: port2 }, { transfer: [port2] })]);
    return snapshot;
  } finally {
    port1.close();
  }
}
