// What a command gets: its parsed flags, the state folder, output, and ways to reach the engine.
import type { ChannelName, JobInfo, RequestOf, ResponseOf } from '../../shared/api/contract';
import { LifeboatError } from '../../shared/result';
import { Engine } from '../engine/engine';
import { defaultStateDir } from '../engine/store/state-folder';
import type { WorkerPool } from '../engine/workers/pool';
import { holderIsAlive, type LeaseInfo } from '../engine/store/lease';
import type { Parsed } from './args';
import type { Output } from './output';
import { followRemoteJob, remoteCall, remoteOf } from './remote';

/** The channels that start a job. */
type JobChannel = { [C in ChannelName]: ResponseOf<C> extends JobInfo ? C : never }[ChannelName];
/** A job of that channel that succeeded: its result is there. */
type Succeeded<C extends JobChannel> = ResponseOf<C> & { result: NonNullable<ResponseOf<C>['result']> };

export interface CommandContext {
  parsed: Parsed;
  stateDir: string;
  out: Output;
  /** The process's worker pool: every engine a command opens gets it. */
  workers: WorkerPool;
  /** Runs `fn` on a read-only engine (no lease needed; a running console may write meanwhile). */
  read<T>(fn: (engine: Engine) => Promise<T> | T): Promise<T>;
  /**
   * Calls a write channel: in this process when the lease is free, else on the console that holds
   * it (if it serves an API), else refuses with exit 4 naming the holder.
   */
  write<C extends ChannelName>(channel: C, request: RequestOf<C>, purpose: string): Promise<ResponseOf<C>>;
  /** Like write, for channels that start a job: waits for it and reports progress. */
  /** Starts a job and waits for it; a job that did not succeed is thrown as its error. */
  writeJob<C extends JobChannel>(channel: C, request: RequestOf<C>, purpose: string): Promise<Succeeded<C>>;
}

export function makeContext(parsed: Parsed, out: Output, workers: WorkerPool, open: { quickCheck?: false } = {}): CommandContext {
  const stateDir = typeof parsed.values.state === 'string' ? parsed.values.state : defaultStateDir();

  const read: CommandContext['read'] = async (fn) => {
    const engine = Engine.open({ stateDir, mode: 'read', purpose: 'cli read', workers, quickCheck: open.quickCheck });
    if (engine.readOnly) process.stderr.write(`lifeboat: note: ${stateDir}: ${engine.readOnly}\n`);
    try {
      return await fn(engine);
    } finally {
      await engine.close();
    }
  };

  async function withWriter<T>(
    purpose: string,
    local: (engine: Engine) => Promise<T>,
    remote: (r: NonNullable<ReturnType<typeof remoteOf>>, holder: LeaseInfo) => Promise<T>,
  ): Promise<T> {
    let engine: Engine;
    try {
      engine = Engine.open({ stateDir, mode: 'write', purpose, workers, quickCheck: open.quickCheck });
    } catch (err) {
      const holder = err instanceof LifeboatError && err.code === 'locked' ? (err.details as LeaseInfo | undefined) : undefined;
      const console_ = remoteOf(holder);
      if (holder && console_ && holderIsAlive(holder)) {
        out.info(`The console (pid ${holder.pid}) holds this state folder; sending the request to it.`);
        return remote(console_, holder);
      }
      throw err;
    }
    try {
      return await local(engine);
    } finally {
      await engine.close();
    }
  }

  const progress = (job: JobInfo) => {
    if (!out.json && process.stderr.isTTY) process.stderr.write(`\r${job.progress.message}   `);
  };

  return {
    parsed,
    stateDir,
    out,
    workers,
    read,
    write: (channel, request, purpose) =>
      withWriter(
        purpose,
        (engine) => engine.call(channel, request),
        (remote) => remoteCall(remote, channel, request),
      ),
    writeJob: async (channel, request, purpose) => {
      const job = await withWriter(
        purpose,
        async (engine) => {
          const started = (await engine.call(channel, request)) as JobInfo;
          const off = engine.events.subscribe((e) => {
            if (e.name === 'job.updated' && e.payload.jobId === started.jobId) progress(e.payload);
          });
          try {
            return await engine.jobs.wait(started.jobId);
          } finally {
            off();
          }
        },
        async (remote) => followRemoteJob(remote, (await remoteCall(remote, channel, request)) as JobInfo, progress),
      );
      if (!out.json && process.stderr.isTTY) process.stderr.write('\n');
      if (job.state === 'failed') throw new LifeboatError(job.errorCode ?? 'internal', `${job.kind} failed: ${job.error}`, job.errorWhere ?? undefined);
      if (job.state === 'cancelled') throw new LifeboatError('cancelled', `${job.kind} was cancelled after ${job.progress.done} steps`);
      return job as Succeeded<typeof channel>;
    },
  };
}
