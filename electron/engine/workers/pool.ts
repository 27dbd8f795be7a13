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
import { TASKS, type TaskInput, type TaskName, type TaskOutput } from './tasks';

export interface WorkerPoolOptions {
  /** The bundled worker entry (dist/worker.cjs). None, or none there: tasks run inline. */
  script?: string | null;
  maxThreads?: number;
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

export class WorkerPool {
  readonly script: string | null;
  private piscina: Piscina | null = null;

  constructor(private readonly options: WorkerPoolOptions = {}) {
    this.script = options.script && existsSync(options.script) ? options.script : null;
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
    const reply = (await this.pool(this.script).run(input, { name, signal: options.signal, transferList: options.transfer as never })) as TaskReply<TaskOutput<N>>;
    if ('error' in reply) throw fromWire(reply.error);
    return reply.value;
  }

  /** The threads running now (for diagnostics and tests). */
  get threads(): readonly Worker[] {
    return this.piscina?.threads ?? [];
  }

  /** Ends every thread at once: for when the engines using the pool are closed. */
  async close(): Promise<void> {
    const piscina = this.piscina;
    this.piscina = null;
    await piscina?.destroy();
  }

  private pool(script: string): Piscina {
    if (this.piscina) return this.piscina;
    this.piscina = new Piscina({
      filename: script,
      minThreads: 0,
      // One thread per core for verify, parse and export, and one more: the packing thread is a
      // task that lasts as long as the console, idle between checkpoints.
      maxThreads: this.options.maxThreads ?? Math.max(2, availableParallelism()) + 1,
      idleTimeout: IDLE_MS,
    });
    const onError = this.options.onError ?? ((err: Error) => process.stderr.write(`lifeboat: worker thread: ${err.message}\n`));
    this.piscina.on('error', onError);
    return this.piscina;
  }
}
