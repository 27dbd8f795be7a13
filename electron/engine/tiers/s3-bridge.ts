// Synchronous S3 calls for the cold tier: the chunk repository is synchronous (reads run inside
// SQLite transactions), the S3 client is not. Each call is sent to the bridge thread
// (s3-bridge-thread.ts, in the bundled worker) and this thread blocks in Atomics.wait until it
// is answered — as the checkpoint's transaction waits for the packing thread (layer-packer.ts).
// The thread starts at the first call, never keeps the process alive, and one that stops
// answering is let go (the next call starts another). Without the bundled worker (tests that run
// the TypeScript inline) there is no thread, and the S3 cold tier is an `unavailable` saying so.
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { LifeboatError } from '../../../shared/result';
import type { S3DestinationConfig } from '../backups/destinations/s3-destination';
import type { ObjectInfo } from '../backups/destinations/destination';
import { fromWire } from '../workers/protocol';
import { BRIDGE_ANSWERED, BRIDGE_MARK, BRIDGE_SERVING, BRIDGE_SLOTS, type BridgeData, type BridgeReply, type BridgeRequest } from './s3-bridge-thread';

/** A new thread loads the bundled worker (the S3 SDK with it) before it serves. */
const START_TIMEOUT_MS = 30_000;
/** Longer than the client's own give-up (two attempts of its 30 s idle timeout): an answer that late is a thread gone. */
const CALL_TIMEOUT_MS = 75_000;

type Ask = BridgeRequest extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;

/** Where this process's bundled worker is, as the engine was told when it opened (see `knowBundle`). */
let knownBundle: string | null = null;

/**
 * The engine says where the bundled worker is when it opens a desk (its pool knows): a repository a
 * task makes for itself — a verify or export run inline, on this thread — starts its S3 thread
 * from it. It is one fact for the whole process (the bundle does not move), hence kept here.
 */
export function knowBundle(script: string | null): void {
  if (script) knownBundle = script;
}

/** The bundled worker for an S3 thread: the one this code runs in (a pool thread's verify or export), else the one the engine named. */
export function bundledWorkerHere(): string | null {
  if (!isMainThread && typeof __filename === 'string' && __filename.endsWith('.cjs')) return __filename;
  return knownBundle;
}

export class S3Bridge {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private shared = new Int32Array(new SharedArrayBuffer(BRIDGE_SLOTS * 4));
  private sent = 0;

  constructor(
    private readonly config: S3DestinationConfig,
    /** The bundled worker (dist/worker.cjs), or null when there is none. */
    private readonly script: string | null,
    /** How errors begin: "the S3 cold tier on 127.0.0.1:7480". */
    private readonly named: string,
    /** Their `where`: "s3 http://127.0.0.1:7480 bucket b/prefix/". */
    private readonly where: string,
  ) {}

  put(key: string, data: Buffer, archive: boolean): void {
    this.call({ op: 'put', key, data, archive });
  }

  get(key: string): Buffer {
    const u8 = this.call({ op: 'get', key }) as Uint8Array;
    return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
  }

  stat(key: string): ObjectInfo | null {
    return this.call({ op: 'stat', key }) as ObjectInfo | null;
  }

  list(prefix: string): ObjectInfo[] {
    return this.call({ op: 'list', prefix }) as ObjectInfo[];
  }

  delete(key: string): void {
    this.call({ op: 'delete', key });
  }

  /** Ends the thread (the desk closes). */
  close(): void {
    this.letGo();
  }

  private call(ask: Ask): unknown {
    const port = this.start();
    const seq = this.sent++;
    port.postMessage({ ...ask, seq } as BridgeRequest);
    while (Atomics.load(this.shared, BRIDGE_ANSWERED) <= seq) {
      const seen = Atomics.load(this.shared, BRIDGE_ANSWERED);
      if (Atomics.wait(this.shared, BRIDGE_ANSWERED, seen, CALL_TIMEOUT_MS) === 'timed-out' && Atomics.load(this.shared, BRIDGE_ANSWERED) <= seq) {
        this.letGo();
        throw new LifeboatError('unavailable', `${this.named} did not answer within ${CALL_TIMEOUT_MS / 1000} s`, this.where, { tier: 'cold' });
      }
    }
    let reply: BridgeReply | undefined;
    while ((reply = receiveMessageOnPort(port)?.message as BridgeReply | undefined) && reply.seq < seq);
    if (!reply || reply.seq !== seq) {
      this.letGo();
      throw new LifeboatError('internal', `${this.named}: its thread answered out of turn`, this.where);
    }
    if ('error' in reply) throw fromWire(reply.error);
    return reply.value;
  }

  private start(): MessagePort {
    if (this.port) return this.port;
    if (!this.script) {
      throw new LifeboatError('unavailable', `${this.named} cannot be reached from here: its calls run on a thread of the bundled worker, and this process has none (tasks run inline)`, this.where, { tier: 'cold' });
    }
    const { port1, port2 } = new MessageChannel();
    this.shared = new Int32Array(new SharedArrayBuffer(BRIDGE_SLOTS * 4));
    this.sent = 0;
    const data: BridgeData = { [BRIDGE_MARK]: true, port: port2, shared: this.shared.buffer as SharedArrayBuffer, config: this.config };
    const worker = new Worker(this.script, { workerData: data, transferList: [port2] });
    worker.unref();
    // A thread that fails is let go; the next call starts another.
    worker.on('error', () => this.letGo(worker));
    port1.unref();
    this.worker = worker;
    this.port = port1;
    if (Atomics.wait(this.shared, BRIDGE_SERVING, 0, START_TIMEOUT_MS) === 'timed-out' && Atomics.load(this.shared, BRIDGE_SERVING) === 0) {
      this.letGo();
      throw new LifeboatError('unavailable', `${this.named}: its thread did not start within ${START_TIMEOUT_MS / 1000} s`, this.where, { tier: 'cold' });
    }
    return port1;
  }

  private letGo(only?: Worker): void {
    if (only && only !== this.worker) return;
    const worker = this.worker;
    this.port?.close();
    this.port = null;
    this.worker = null;
    void worker?.terminate();
  }
}
