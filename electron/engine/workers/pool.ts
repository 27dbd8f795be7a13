// The engine's one way off the main thread: a pool of worker threads (piscina) running the tasks
// of tasks.ts from one bundled entry (dist/worker.cjs). An entry point that ships the bundle says
// where it is; without it (tests run the TypeScript) every task runs inline, in this thread, with
// the same code, so behaviour is the same and only the main thread's load differs.
//
// Threads start when a task first needs one and end after a while idle; an idle thread never
// keeps a process alive. A running task does (the packing thread until it is closed).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Transferable, Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { fromWire, type TaskEnv, type TaskReply } from './protocol';
import { ReadLane } from './read-lane';
import { READ_TASKS, TASKS, type TaskInput, type TaskName, type TaskOutput } from './tasks';

export interface WorkerPoolOptions {
  /** The bundled worker entry (dist/worker.cjs). None, or none there: tasks run inline. */
  script?: string | null;
  /**
   * The bundled worker for a thread started outside the pool (the S3 cold tier's, tiers/s3-bridge.ts),
   * given even when tasks run inline (a one-shot command); default `script`.
   */
  bundle?: string | null;
  maxThreads?: number;
  /** Threads for the console's reads (READ_TASKS), apart from the job threads; default one per core. */
  readThreads?: number;
  /** Told when a thread fails outside any task (a task's failure is its caller's error). */
  onError?: (err: Error) => void;
}

export interface RunOptions {
  /** Aborting ends the task: its thread is terminated (inline, the task reads the signal). */
  signal?: AbortSignal;
  /** Moved to the thread rather than copied (a MessagePort must be). */
  transfer?: Transferable[];
}

/** A thread a while idle is ended; the next task starts another. */
const IDLE_MS = 30_000;
/**
 * A job thread stays longer: what it remembers between tasks (an unlocked repository's key, the
 * ids of blobs it holds: see backups/) makes a scheduled incremental a minute cheap, and a thread
 * that lives past a minute idle keeps it from one run to the next.
 */
const JOBS_IDLE_MS = 150_000;

/** Jobs' tasks (pack, parse, verify, export) and the console's reads run on separate threads. */
type Lane = 'jobs' | 'reads';

export class WorkerPool {
  readonly script: string | null;
  /** The bundled worker when this process has it (whether or not tasks run on threads), else null. */
  readonly bundle: string | null;
  private readonly lanes = new Map<Lane, Piscina>();
  /** The reads waiting for a read thread (read-lane.ts); made with the first read. */
  private readQueue: ReadLane<{ name: TaskName; input: unknown }, unknown> | null = null;

  constructor(private readonly options: WorkerPoolOptions = {}) {
    this.script = options.script && existsSync(options.script) ? options.script : null;
    const bundle = options.bundle ?? options.script;
    this.bundle = bundle && existsSync(bundle) ? bundle : null;
  }

  /** Whether tasks run on threads (else inline). */
  get threaded(): boolean {
    return this.script !== null;
  }

  async run<N extends TaskName>(name: N, input: TaskInput<N>, options: RunOptions = {}): Promise<TaskOutput<N>> {
    if (!this.script) {
      const task = TASKS[name] as (input: TaskInput<N>, env: TaskEnv) => TaskOutput<N> | Promise<TaskOutput<N>>;
      return task(input, { signal: options.signal });
    }
    if (!READ_TASKS.has(name)) return (await this.onThread(this.script, 'jobs', name, input, options)) as TaskOutput<N>;
    // A read's input is its question (database, channel, request): plain data, never cancelled.
    const script = this.script;
    this.readQueue ??= new ReadLane(this.readThreads, (read) => this.onThread(script, 'reads', read.name, read.input, {}));
    return (await this.readQueue.read(`${name}\u0000${JSON.stringify(input)}`, { name, input })) as TaskOutput<N>;
  }

  private async onThread(script: string, lane: Lane, name: TaskName, input: unknown, options: RunOptions): Promise<unknown> {
    const reply = (await this.pool(script, lane).run(input, { name, signal: options.signal, transferList: options.transfer as never })) as TaskReply<unknown>;
    if ('error' in reply) throw fromWire(reply.error);
    return reply.value;
  }

  private get readThreads(): number {
    return this.options.readThreads ?? availableParallelism();
  }

  /** The threads running now (for diagnostics and tests). */
  get threads(): readonly Worker[] {
    return [...this.lanes.values()].flatMap((p) => p.threads);
  }

  /** Ends every thread at once: for when the engines using the pool are closed. */
  async close(): Promise<void> {
    const lanes = [...this.lanes.values()];
    this.lanes.clear();
    await Promise.all(lanes.map((p) => p.destroy()));
  }

  private pool(script: string, lane: Lane): Piscina {
    const running = this.lanes.get(lane);
    if (running) return running;
    const piscina = new Piscina({
      filename: script,
      minThreads: 0,
      maxThreads:
        lane === 'reads'
          ? this.readThreads
          : // One thread per core for verify, parse and export, and one more: the packing thread is
            // a task that lasts as long as the console, idle between checkpoints.
            (this.options.maxThreads ?? Math.max(2, availableParallelism()) + 1),
      idleTimeout: lane === 'jobs' ? JOBS_IDLE_MS : IDLE_MS,
    });
    const onError = this.options.onError ?? ((err: Error) => process.stderr.write(`lifeboat: worker thread: ${err.message}\n`));
    piscina.on('error', onError);
    this.lanes.set(lane, piscina);
    return piscina;
  }
}
