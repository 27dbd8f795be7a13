// Long operations are jobs: they return an id at once, push progress, and can be cancelled.
import { randomBytes } from 'node:crypto';
import type { JobInfo } from '../../../shared/api/contract';
import { LifeboatError } from '../../../shared/result';
import type { EventBus } from '../runtime/events';

export interface JobContext {
  readonly signal: AbortSignal;
  progress(done: number, total: number | null, message: string): void;
}

interface Job {
  info: JobInfo;
  controller: AbortController;
  done: Promise<JobInfo>;
}

const KEEP_FINISHED = 100;

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  /** Progress events are throttled per job; the final state is always sent. */
  private readonly lastPush = new Map<string, number>();

  constructor(
    private readonly events: EventBus,
    /** Names what went wrong in a failed job (a full disk, an I/O error) rather than a library's words. */
    private readonly explain: (err: unknown) => LifeboatError = (err) =>
      err instanceof LifeboatError ? err : new LifeboatError('internal', err instanceof Error ? err.message : String(err)),
  ) {}

  start(kind: string, run: (ctx: JobContext) => Promise<unknown>): JobInfo {
    const jobId = `${kind}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const controller = new AbortController();
    const info: JobInfo = {
      jobId,
      kind,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: { done: 0, total: null, message: 'starting' },
      error: null,
      errorCode: null,
      errorWhere: null,
      result: null,
    };
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (done, total, message) => {
        info.progress = { done, total, message };
        this.push(info, false);
      },
    };
    const done = (async () => {
      // Let the caller receive the job id before any work happens.
      await Promise.resolve();
      try {
        info.result = (await run(ctx)) ?? null;
        info.state = controller.signal.aborted ? 'cancelled' : 'succeeded';
      } catch (err) {
        info.state = controller.signal.aborted ? 'cancelled' : 'failed';
        const explained = this.explain(err);
        info.error = explained.reason;
        info.errorWhere = explained.where ?? null;
        info.errorCode = controller.signal.aborted ? 'cancelled' : explained.code;
      }
      info.finishedAt = new Date().toISOString();
      this.push(info, true);
      this.prune();
      return { ...info };
    })();
    this.jobs.set(jobId, { info, controller, done });
    this.push(info, true);
    return { ...info };
  }

  get(jobId: string): JobInfo {
    return { ...this.require(jobId).info };
  }

  /** Resolves when the job has finished, whatever its outcome. */
  wait(jobId: string): Promise<JobInfo> {
    return this.require(jobId).done;
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info })).reverse();
  }

  cancel(jobId: string): JobInfo {
    const job = this.require(jobId);
    if (job.info.state === 'running') job.controller.abort();
    return { ...job.info };
  }

  cancelAll(): Promise<unknown> {
    const running = [...this.jobs.values()].filter((j) => j.info.state === 'running');
    for (const j of running) j.controller.abort();
    return Promise.all(running.map((j) => j.done));
  }

  private require(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new LifeboatError('not_found', `no job ${jobId}`);
    return job;
  }

  private push(info: JobInfo, always: boolean): void {
    const now = Date.now();
    if (!always && now - (this.lastPush.get(info.jobId) ?? 0) < 100) return;
    this.lastPush.set(info.jobId, now);
    this.events.emit('job.updated', { ...info });
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.info.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(j.info.jobId);
      this.lastPush.delete(j.info.jobId);
    }
  }
}
