// Long operations are jobs: they return an id at once, run their declared steps in order (see
// steps.ts), push progress, can be cancelled between and inside steps, and keep their report in
// the job history.
import { randomBytes } from 'node:crypto';
import { JOB_STEPS, type JobInfo, type JobKind, type JobKinds, type StepName, type StepReport } from '../../../shared/api/jobs';
import { LifeboatError } from '../../../shared/result';
import type { EventBus } from '../runtime/events';
import type { JobHistory } from './job-history';
import { runSteps, type Step, type StepContext } from './steps';

/** What a job runs: an action per declared step, and its result once every step succeeded. */
export interface JobPlan<K extends JobKind> {
  steps: { [S in StepName<K>]: Step };
  result(): JobKinds[K]['result'];
  /** The steps in order with their labels, for a kind whose steps are given at start (a recovery: its playbook's); else JOB_STEPS. */
  declared?: readonly { name: string; label: string }[];
}

interface Job {
  info: JobInfo;
  controller: AbortController;
  done: Promise<JobInfo>;
}

/** How many finished jobs stay in memory; the history keeps more. */
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
    /** Where reports are kept; none on a desk opened read-only. */
    private readonly history: JobHistory | null = null,
  ) {}

  start<K extends JobKind>(kind: K, plan: JobPlan<K>): JobInfo<K> {
    const jobId = `${kind}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const controller = new AbortController();
    const steps: StepReport[] = (plan.declared ?? JOB_STEPS[kind]).map((s) => ({ name: s.name, label: s.label, state: 'pending', attempts: 0, startedAt: null, durationMs: null, message: null }));
    const info = {
      jobId,
      kind,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: { done: 0, total: null, message: 'starting' },
      steps,
      error: null,
      errorCode: null,
      errorWhere: null,
      result: null,
    } as JobInfo;
    const ctx: StepContext = {
      signal: controller.signal,
      progress: (done, total, message) => {
        info.progress = { done, total, message };
        this.push(info, false);
      },
    };
    const done = (async (): Promise<JobInfo> => {
      // Let the caller receive the job id before any work happens.
      await Promise.resolve();
      try {
        await runSteps(plan.steps as Record<string, Step>, steps, ctx, () => this.record(info));
        (info as { result: unknown }).result = plan.result();
        info.state = controller.signal.aborted ? 'cancelled' : 'succeeded';
      } catch (err) {
        info.state = controller.signal.aborted ? 'cancelled' : 'failed';
        const explained = this.explain(err);
        info.error = explained.reason;
        info.errorWhere = explained.where ?? null;
        info.errorCode = controller.signal.aborted ? 'cancelled' : explained.code;
      }
      info.finishedAt = new Date().toISOString();
      this.record(info);
      this.prune();
      return { ...info };
    })();
    this.jobs.set(jobId, { info, controller, done });
    this.record(info);
    return { ...info } as JobInfo<K>;
  }

  get(jobId: string): JobInfo {
    const live = this.jobs.get(jobId);
    if (live) return { ...live.info };
    const kept = this.history?.get(jobId);
    if (!kept) throw new LifeboatError('not_found', `no job ${jobId}`);
    return kept;
  }

  /** Resolves when the job has finished, whatever its outcome. */
  wait(jobId: string): Promise<JobInfo> {
    return this.require(jobId).done;
  }

  /** Newest first: this process's jobs, then the history's. */
  list(limit = 100): JobInfo[] {
    const live = [...this.jobs.values()].map((j) => ({ ...j.info })).reverse();
    const seen = new Set(live.map((j) => j.jobId));
    const kept = (this.history?.list(limit) ?? []).filter((j) => !seen.has(j.jobId));
    return [...live, ...kept].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0)).slice(0, limit);
  }

  cancel(jobId: string): JobInfo {
    const job = this.jobs.get(jobId);
    if (!job) return this.get(jobId); // finished in an earlier run: nothing to cancel
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

  /** A step started or ended, or the job did: keep the report and tell subscribers. */
  private record(info: JobInfo): void {
    try {
      this.history?.save(info);
    } catch {
      // The history is a record, not the work: a busy or full disk must not fail the job itself.
    }
    this.push(info, true);
  }

  private push(info: JobInfo, always: boolean): void {
    const now = Date.now();
    if (!always && now - (this.lastPush.get(info.jobId) ?? 0) < 100) return;
    this.lastPush.set(info.jobId, now);
    this.events.emit('job.updated', { ...info, steps: info.steps.map((s) => ({ ...s })) });
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.info.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(j.info.jobId);
      this.lastPush.delete(j.info.jobId);
    }
  }
}
