// The worker side of parseOffThread: parse, report progress, then hand the snapshot over in
// slices, each sent only when the main thread asks, so decoding it never stalls the console.
import { parentPort, workerData } from 'node:worker_threads';
import type { BrokerAccountSnapshot } from '../../../shared/api/reconcile';
import { LifeboatError } from '../../../shared/result';
import { parseBrokerFile } from './importers';
import { SLICE_ITEMS, type ParseRequest, type WorkerMessage } from './parse-off-thread';

const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);
const request = workerData as ParseRequest;
try {
  const snapshot = parseBrokerFile({ ...request, onProgress: (progress) => send({ progress }) });
  const slices: WorkerMessage[] = [];
  snapshot.accounts.forEach((a, account) => {
    for (const section of ['positions', 'orders', 'cash'] as const) {
      const items = a[section];
      if (!items) continue;
      for (let i = 0; i < items.length; i += SLICE_ITEMS) slices.push({ slice: { account, section, items: items.slice(i, i + SLICE_ITEMS) } });
    }
  });
  const head = { ...snapshot, accounts: snapshot.accounts.map((a): BrokerAccountSnapshot => ({ accountId: a.accountId, positions: a.positions && [], orders: a.orders && [], cash: a.cash && [] })) };
  send({ head, slices: slices.length });
  port.on('message', () => {
    const next = slices.shift();
    if (next) send(next);
  });
} catch (err) {
  const e = err instanceof LifeboatError ? err : new LifeboatError('internal', err instanceof Error ? err.message : String(err));
  send({ error: { code: e.code, reason: e.reason, where: e.where } });
}
