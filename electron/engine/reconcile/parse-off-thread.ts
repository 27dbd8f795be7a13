// Parsing a broker file off the main thread, so a 100 MB file never stalls the console: a worker
// when the bundled worker script is there, else inline (tests run the TypeScript directly).
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BrokerSnapshot, BrokerFormat, CsvMapping } from '../../../shared/api/reconcile';
import { LifeboatError } from '../../../shared/result';
import { parseBrokerFile } from './importers';

export interface ParseRequest {
  fileName: string;
  text: string;
  format?: BrokerFormat;
  mapping?: CsvMapping;
  accountId?: string;
}

let workerScript: string | null = null;

/** Entry points that ship the bundled worker (dist/parse-worker.cjs) say where it is. */
export function useParseWorker(path: string): void {
  workerScript = existsSync(path) ? path : null;
}

export function parseOffThread(request: ParseRequest, onProgress: (fraction: number) => void): Promise<BrokerSnapshot> {
  if (!workerScript) return Promise.resolve(parseBrokerFile({ ...request, onProgress }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript!, { workerData: request });
    worker.on('message', (m: { progress?: number; snapshot?: BrokerSnapshot; error?: { code: string; reason: string; where?: string } }) => {
      if (m.progress !== undefined) onProgress(m.progress);
      if (m.snapshot) resolve(m.snapshot);
      if (m.error) reject(new LifeboatError(m.error.code as 'bad_request', m.error.reason, m.error.where));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new LifeboatError('internal', `the parser stopped with code ${code}`));
    });
  });
}
