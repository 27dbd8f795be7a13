// The S3 cold tier's thread: a worker thread (started by s3-bridge.ts from the bundled worker,
// dist/worker.cjs) that owns one S3 destination — the backups' own S3 code, not a second copy —
// and answers each request sent on its port, in order, until the port closes.
//
// The chunk repository is synchronous (a checkpoint's reads run inside SQLite transactions), so
// the thread that asks never waits for a message event: it blocks in Atomics.wait on a shared
// counter this thread bumps after each answer, then takes the answer with receiveMessageOnPort.
import { workerData, type MessagePort } from 'node:worker_threads';
import { S3Destination, type S3DestinationConfig } from '../backups/destinations/s3-destination';
import { toWire, type WireError } from '../workers/protocol';

/** Slots of the shared Int32Array: answers given so far, and whether the thread serves. */
export const BRIDGE_ANSWERED = 0;
export const BRIDGE_SERVING = 1;
export const BRIDGE_SLOTS = 2;
/** The workerData key that makes the bundled worker serve as this thread. */
export const BRIDGE_MARK = 'lifeboatS3Bridge';

export interface BridgeData {
  [BRIDGE_MARK]: true;
  port: MessagePort;
  shared: SharedArrayBuffer;
  config: S3DestinationConfig;
}

export type BridgeRequest =
  | { seq: number; op: 'put'; key: string; data: Uint8Array; archive: boolean }
  | { seq: number; op: 'get'; key: string }
  | { seq: number; op: 'stat'; key: string }
  | { seq: number; op: 'list'; prefix: string }
  | { seq: number; op: 'delete'; key: string };

export type BridgeReply = { seq: number; value: unknown } | { seq: number; error: WireError };

async function answer(destination: S3Destination, req: BridgeRequest): Promise<unknown> {
  switch (req.op) {
    case 'put':
      return destination.put(req.key, Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength), { archive: req.archive });
    case 'get':
      return destination.get(req.key);
    case 'stat':
      return destination.stat(req.key);
    case 'list':
      return destination.list(req.prefix);
    case 'delete':
      return destination.delete(req.key);
  }
}

/** Serves the bridge when this worker thread was started as one (the bundled worker calls it at load). */
export function serveS3BridgeIfAsked(): void {
  const data = workerData as Partial<BridgeData> | null;
  if (!data || data[BRIDGE_MARK] !== true || !data.port || !data.shared || !data.config) return;
  const { port, config } = data;
  const state = new Int32Array(data.shared);
  let destination: S3Destination | null = null;
  let queue = Promise.resolve();
  port.on('message', (req: BridgeRequest) => {
    // One request at a time, in the order sent: the asking thread waits for each in turn.
    queue = queue.then(async () => {
      let reply: BridgeReply;
      try {
        destination ??= new S3Destination(config);
        reply = { seq: req.seq, value: await answer(destination, req) };
      } catch (err) {
        reply = { seq: req.seq, error: toWire(err) };
      }
      port.postMessage(reply);
      Atomics.add(state, BRIDGE_ANSWERED, 1);
      Atomics.notify(state, BRIDGE_ANSWERED);
    });
  });
  port.once('close', () => void destination?.close());
  Atomics.store(state, BRIDGE_SERVING, 1);
  Atomics.notify(state, BRIDGE_SERVING);
}
