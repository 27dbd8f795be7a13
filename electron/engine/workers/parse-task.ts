// Parsing a broker file (reconcile/parse-off-thread.ts is the main thread's side): parse, report
// progress, then hand the snapshot over in slices, each sent only when the main thread asks for
// the next, so decoding a huge snapshot never stalls the console.
import type { MessagePort } from 'node:worker_threads';
import type { BrokerAccountSnapshot, BrokerFormat, BrokerSnapshot, CsvMapping } from '../../../shared/api/reconcile';
import { parseBrokerFile } from '../reconcile/importers';

export interface ParseRequest {
  fileName: string;
  text: string;
  format?: BrokerFormat;
  mapping?: CsvMapping;
  accountId?: string;
}

export interface ParseInput {
  request: ParseRequest;
  port: MessagePort;
}

export const SLICE_ITEMS = 5000;

type Section = 'positions' | 'orders' | 'cash';
export type ParseMessage =
  | { progress: number }
  | { head: BrokerSnapshot; slices: number }
  | { slice: { account: number; section: Section; items: unknown[] } };

/** Any parse error is the task's error; the snapshot goes out on the port. */
export function parseTask({ request, port }: ParseInput): Promise<void> {
  const send = (m: ParseMessage) => port.postMessage(m);
  const snapshot = parseBrokerFile({ ...request, onProgress: (progress) => send({ progress }) });
  const slices: ParseMessage[] = [];
  snapshot.accounts.forEach((a, account) => {
    for (const section of ['positions', 'orders', 'cash'] as const) {
      const items = a[section];
      if (!items) continue;
      for (let i = 0; i < items.length; i += SLICE_ITEMS) slices.push({ slice: { account, section, items: items.slice(i, i + SLICE_ITEMS) } });
    }
  });
  const head = { ...snapshot, accounts: snapshot.accounts.map((a): BrokerAccountSnapshot => ({ ...a, positions: a.positions && [], orders: a.orders && [], cash: a.cash && [] })) };
  send({ head, slices: slices.length });
  if (slices.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    port.on('message', () => {
      const next = slices.shift();
      if (next) send(next);
      if (slices.length === 0) resolve();
    });
    // The main thread gave up (its job was cancelled, or it failed): nothing more to send.
    port.once('close', () => resolve());
  });
}
