// The worker side of parseOffThread: parse, report progress, send the snapshot or the error.
import { parentPort, workerData } from 'node:worker_threads';
import { LifeboatError } from '../../../shared/result';
import { parseBrokerFile } from './importers';
import type { ParseRequest } from './parse-off-thread';

const request = workerData as ParseRequest;
try {
  const snapshot = parseBrokerFile({ ...request, onProgress: (progress) => parentPort!.postMessage({ progress }) });
  parentPort!.postMessage({ snapshot });
} catch (err) {
  const e = err instanceof LifeboatError ? err : new LifeboatError('internal', err instanceof Error ? err.message : String(err));
  parentPort!.postMessage({ error: { code: e.code, reason: e.reason, where: e.where } });
}
