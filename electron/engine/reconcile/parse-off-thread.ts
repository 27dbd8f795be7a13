// Parsing a broker file off the main thread, so a 100 MB file never stalls the console: a worker
// when the bundled worker script is there, else inline (tests run the TypeScript directly).
// The parsed snapshot comes back in slices, one per turn of the event loop.
import { existsSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { BrokerAccountSnapshot, BrokerSnapshot, BrokerFormat, CsvMapping } from '../../../shared/api/reconcile';
import { LifeboatError, type ErrorCode } from '../../../shared/result';
import { parseBrokerFile } from './importers';

export interface ParseRequest {
  fileName: string;
  text: string;
  format?: BrokerFormat;
  mapping?: CsvMapping;
  accountId?: string;
}

export const SLICE_ITEMS = 5000;

type Section = 'positions' | 'orders' | 'cash';
export type WorkerMessage =
  | { progress: number }
  | { head: BrokerSnapshot; slices: number }
  | { slice: { account: number; section: Section; items: unknown[] } }
  | { error: { code: ErrorCode; reason: string; where?: string } };

let workerScript: string | null = null;

/** Entry points that ship the bundled worker (dist/parse-worker.cjs) say where it is. */
export function useParseWorker(path: string): void {
  workerScript = existsSync(path) ? path : null;
}

export function parseOffThread(request: ParseRequest, onProgress: (fraction: number) => void): Promise<BrokerSnapshot> {
  if (!workerScript) return Promise.resolve(parseBrokerFile({ ...request, onProgress }));
  const worker = new Worker(workerScript, { workerData: request });
  return new Promise<BrokerSnapshot>((resolve, reject) => {
    let snapshot: BrokerSnapshot | null = null;
    let remaining = 0;
    const ask = () => void nextTurn().then(() => worker.postMessage('next'));
    worker.on('message', (m: WorkerMessage) => {
      if ('progress' in m) onProgress(m.progress);
      else if ('error' in m) reject(new LifeboatError(m.error.code, m.error.reason, m.error.where));
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
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new LifeboatError('internal', `the parser stopped with code ${code}`));
    });
  }).finally(() => void worker.terminate());
}
