// Packing a layer's chunks (SHA-256 and brotli) as SQLite reads them. A layer is on the
// checkpoint's path, and packing is more than half of its work, so the console compresses on a
// second thread while this one hashes the chunk and reads the next: the checkpoint's transaction
// then waits for that thread (Atomics.wait) rather than doing both in turn.
//
// The thread is a long-lived task of the worker pool (workers/pack-task.ts). Starting one costs
// more than packing a layer, so it is for long-running processes (the console starts one with its
// services); a one-shot command packs in this thread, and so does a process whose pool runs tasks
// inline. Both give the same bytes. A thread that fails or stops answering is let go, and its
// chunks are packed here.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Transferable } from 'node:worker_threads';
import { brotliParams, compressChunk } from '../chunks/codec';
import { sha256 } from './chunker';
import { PACK_ANSWERED, PACK_SERVING, PACK_SLOTS, type PackInput, type PackReply, type PackRequest } from '../workers/pack-task';

/**
 * What the packing thread needs of the worker pool: to start the long-lived pack task, and to
 * know whether tasks run on threads at all. (Narrow, so checkpoints/ does not import the pool,
 * whose task table imports checkpoints/ back.)
 */
export interface PackTaskRunner {
  readonly threaded: boolean;
  run(name: 'pack', input: PackInput, options: { transfer: Transferable[]; signal: AbortSignal }): Promise<unknown>;
}

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
/** How long a new thread may take to start serving before `ready` gives up on it. */
const START_TIMEOUT_MS = 30_000;

/** Node 20 has it; TypeScript's ES2023 lib does not declare it yet. */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** A packing thread for the life of a process; `close` ends it. */
export class PackingThread {
  private port: MessagePort | null;
  /** Ends the task (terminates its thread) when it is let go for failing. */
  private readonly abort = new AbortController();
  /** Chunks sent to the thread; the shared slots count its answers and say whether it serves. */
  private sent = 0;
  private readonly shared = new Int32Array(new SharedArrayBuffer(PACK_SLOTS * 4));
  /** Why the thread was let go, once it was ("closed" when closed). */
  failure: string | null = null;
  /** Resolves once the thread serves (true), or was let go before it did (false). */
  readonly ready: Promise<boolean>;

  constructor(
    pool: PackTaskRunner,
    /** Told once why the thread was let go (not when closed). */
    private readonly onFailure: (why: string) => void = () => {},
    private readonly timeoutMs = CHUNK_TIMEOUT_MS,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.port.unref();
    const task = pool.run('pack', { port: port2, shared: this.shared.buffer as SharedArrayBuffer }, { transfer: [port2], signal: this.abort.signal });
    task.then(
      () => this.letGo('the packing thread stopped'),
      (err: unknown) => this.letGo(`the packing thread stopped: ${err instanceof Error ? err.message : String(err)}`),
    );
    this.ready = this.waitServing(task);
  }

  get running(): boolean {
    return this.port !== null;
  }

  /**
   * A packer for one layer. At most one is in use at a time (a checkpoint is one transaction).
   * Until the thread serves, layers are packed here: this thread never waits for one starting.
   */
  packer(): Packer {
    if (!this.port || Atomics.load(this.shared, PACK_SERVING) === 0) return packInThisThread();
    const chunks: { hash: string; data: Buffer; seq: number }[] = [];
    return {
      add: (data) => {
        const seq = this.sent++;
        this.port?.postMessage({ seq, data, params: brotliParams(data.length) } satisfies PackRequest);
        const hash = sha256(data);
        chunks.push({ hash, data, seq });
        return hash;
      },
      finish: () => new Map(chunks.map(({ hash, data, seq }) => [hash, this.receive(data, seq)])),
    };
  }

  close(): void {
    this.letGo(CLOSED);
  }

  /**
   * The compressed bytes of the chunk sent as `seq`: from the thread, or made here if it failed.
   * Answers to chunks sent before it are skipped: a checkpoint that failed after sending chunks
   * never took theirs.
   */
  private receive(data: Buffer, seq: number): Buffer {
    while (this.port && Atomics.load(this.shared, PACK_ANSWERED) <= seq) {
      const seen = Atomics.load(this.shared, PACK_ANSWERED);
      if (Atomics.wait(this.shared, PACK_ANSWERED, seen, this.timeoutMs) === 'timed-out' && Atomics.load(this.shared, PACK_ANSWERED) <= seq) {
        this.stop(`the packing thread did not answer within ${this.timeoutMs} ms`);
      }
    }
    let reply: PackReply | undefined;
    while (this.port && (reply = receiveMessageOnPort(this.port)?.message as PackReply | undefined) && reply.seq < seq);
    if (reply?.seq !== seq || !('stored' in reply)) {
      if (this.port) this.stop(reply && 'error' in reply ? `the packing thread failed: ${reply.error}` : 'the packing thread answered out of turn');
      return compressChunk('brotli', data);
    }
    return Buffer.from(reply.stored.buffer, reply.stored.byteOffset, reply.stored.byteLength);
  }

  private async waitServing(task: Promise<unknown>): Promise<boolean> {
    const wait = (Atomics as unknown as AtomicsWaitAsync).waitAsync(this.shared, PACK_SERVING, 0, START_TIMEOUT_MS);
    if (wait.async) await Promise.race([wait.value, task.catch(() => undefined)]);
    return this.running && Atomics.load(this.shared, PACK_SERVING) === 1;
  }

  /** Lets the thread go and ends it: it failed, or stopped answering. */
  private stop(why: string): void {
    this.letGo(why);
    this.abort.abort();
  }

  private letGo(why: string): void {
    if (!this.port) return;
    const port = this.port;
    this.port = null;
    this.failure = why;
    // Closing our end ends the task (its port closes too), which frees its thread.
    port.close();
    if (why !== CLOSED) this.onFailure(why);
  }
}
