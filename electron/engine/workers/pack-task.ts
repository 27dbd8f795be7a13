// The packing thread's side of layer-packer.ts: a long-lived task that brotli-compresses each
// chunk sent on its port and answers on the same port, until the port closes.
//
// The checkpoint's transaction is synchronous (better-sqlite3 cannot await), so the main thread
// never waits for a message event: it blocks in Atomics.wait on a shared counter this task bumps
// after each answer, then reads the answer with receiveMessageOnPort.
import { brotliCompressSync } from 'node:zlib';
import type { MessagePort } from 'node:worker_threads';

/** Slots of the shared Int32Array. */
export const PACK_ANSWERED = 0;
/** Set once the task serves: until then the main thread packs its layers itself, never waiting. */
export const PACK_SERVING = 1;
export const PACK_SLOTS = 2;

export interface PackInput {
  port: MessagePort;
  /** A SharedArrayBuffer of PACK_SLOTS Int32 slots. */
  shared: SharedArrayBuffer;
}

export interface PackRequest {
  seq: number;
  data: Uint8Array;
  params: Record<number, number>;
}

export type PackReply = { seq: number; stored: Uint8Array } | { seq: number; error: string };

export function packTask({ port, shared }: PackInput): Promise<void> {
  const state = new Int32Array(shared);
  return new Promise((resolve) => {
    port.on('message', ({ seq, data, params }: PackRequest) => {
      const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      let reply: PackReply;
      try {
        reply = { seq, stored: brotliCompressSync(buf, { params }) };
      } catch (err) {
        reply = { seq, error: err instanceof Error ? err.message : String(err) };
      }
      port.postMessage(reply);
      Atomics.add(state, PACK_ANSWERED, 1);
      Atomics.notify(state, PACK_ANSWERED);
    });
    // The main thread closes its end when the console stops (or lets the thread go).
    port.once('close', () => resolve());
    Atomics.store(state, PACK_SERVING, 1);
    Atomics.notify(state, PACK_SERVING);
  });
}
