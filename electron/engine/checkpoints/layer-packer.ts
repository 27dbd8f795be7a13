// Packing a layer's chunks (SHA-256 and brotli) as SQLite reads them. A layer is on the
// checkpoint's path, and packing is more than half of its work, so the console compresses on a
// second thread while this one hashes the chunk and reads the next: the checkpoint's transaction
// then waits for that thread (Atomics.wait) rather than doing both in turn.
//
// Starting a thread costs more than packing a layer, so the thread is for long-running processes
// (the console starts one with its services); a one-shot command packs in this thread. Both give
// the same bytes. A thread that fails or stops answering is let go, and its chunks are packed here.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { brotliParams, compressChunk } from '../chunks/codec';
import { sha256 } from './chunker';

/**
 * Takes a layer's chunks one by one and names each (its SHA-256, at once); `finish` gives their
 * compressed bytes (brotli), by name.
 */
export interface Packer {
  add(data: Buffer): string;
  finish(): Map<string, Buffer>;
}

export function packInThisThread(): Packer {
  const stored = new Map<string, Buffer>();
  return {
    add: (data) => {
      const hash = sha256(data);
      stored.set(hash, compressChunk('brotli', data));
      return hash;
    },
    finish: () => stored,
  };
}

const CLOSED = 'closed';

/** How long to wait for the packing thread to pack one chunk before packing it here instead. */
const CHUNK_TIMEOUT_MS = 5000;

// Plain CommonJS, evaluated as the thread's code: it must not depend on how Lifeboat is bundled.
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
const { brotliCompressSync } = require('node:zlib');
const done = new Int32Array(workerData.done);
const port = workerData.port;
port.on('message', ({ seq, data, params }) => {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  try {
    port.postMessage({ seq, stored: brotliCompressSync(buf, { params }) });
  } catch (err) {
    port.postMessage({ seq, error: String(err && err.message || err) });
  }
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
`;

interface Reply {
  seq: number;
  stored?: Uint8Array;
  error?: string;
}

/** A packing thread for the life of a process; `close` ends it (it never keeps a process alive). */
export class PackingThread {
  private worker: Worker | null;
  private readonly port: MessagePort;
  /** Chunks sent to the thread, and (shared) chunks it has answered: each answer names its chunk. */
  private sent = 0;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  /** Why the thread was let go, once it was ("closed" when closed). */
  failure: string | null = null;

  constructor(
    /** Told once why the thread was let go (not when closed). */
    private readonly onFailure: (why: string) => void = () => {},
    private readonly timeoutMs = CHUNK_TIMEOUT_MS,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.port.unref();
    this.worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { done: this.done.buffer, port: port2 }, transferList: [port2] });
    this.worker.unref();
    this.worker.on('error', (err) => this.letGo(`the packing thread failed: ${err.message}`));
    this.worker.on('exit', () => this.letGo('the packing thread stopped'));
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** A packer for one layer. At most one is in use at a time (a checkpoint is one transaction). */
  packer(): Packer {
    if (!this.worker) return packInThisThread();
    const chunks: { hash: string; data: Buffer; seq: number }[] = [];
    return {
      add: (data) => {
        const seq = this.sent++;
        if (this.worker) this.port.postMessage({ seq, data, params: brotliParams(data.length) });
        const hash = sha256(data);
        chunks.push({ hash, data, seq });
        return hash;
      },
      finish: () => new Map(chunks.map(({ hash, data, seq }) => [hash, this.receive(data, seq)])),
    };
  }

  close(): void {
    this.stop(CLOSED);
  }

  /**
   * The compressed bytes of the chunk sent as `seq`: from the thread, or made here if it failed.
   * Answers to chunks sent before it are skipped: a checkpoint that failed after sending chunks
   * never took theirs.
   */
  private receive(data: Buffer, seq: number): Buffer {
    while (this.worker && Atomics.load(this.done, 0) <= seq) {
      const seen = Atomics.load(this.done, 0);
      if (Atomics.wait(this.done, 0, seen, this.timeoutMs) === 'timed-out' && Atomics.load(this.done, 0) <= seq) {
        this.stop(`the packing thread did not answer within ${this.timeoutMs} ms`);
      }
    }
    let reply: Reply | undefined;
    while (this.worker && (reply = receiveMessageOnPort(this.port)?.message as Reply | undefined) && reply.seq < seq);
    if (reply?.seq !== seq || !reply.stored) {
      if (this.worker) this.stop(reply?.error ? `the packing thread failed: ${reply.error}` : 'the packing thread answered out of turn');
      return compressChunk('brotli', data);
    }
    return Buffer.from(reply.stored.buffer, reply.stored.byteOffset, reply.stored.byteLength);
  }

  private stop(why: string): void {
    const worker = this.worker;
    this.letGo(why);
    void worker?.terminate();
  }

  private letGo(why: string): void {
    if (!this.worker) return;
    this.worker = null;
    this.failure = why;
    this.port.close();
    if (why !== CLOSED) this.onFailure(why);
  }
}
