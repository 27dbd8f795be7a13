// A playbook: numbered steps, each saying what it will do before it does it, with its check, and
// whether it runs by itself (`auto`) or waits for a person (a destructive step: the CLI's --yes).
// Playbooks run on the jobs' step runner (jobs/steps.ts runSteps: run, check, retry, undo), not
// through the JobRunner: a damaged database cannot be opened by an Engine, so there is no desk
// context, job history or event bus to report to. The report is kept by the playbook itself.
// A step that may fail for a passing reason (a destination, the disk, a lease race) retries, at
// most MAX_ATTEMPTS runs in all; a step that finally fails is escalated (hooks.escalate) before its
// error is rethrown — except a refusal (nothing to recover, a live writer, wrong input), which is
// the answer, not a failure.
import type { PlaybookId } from '../../../../shared/api/recovery';
import type { StepReport } from '../../../../shared/api/jobs';
import { LifeboatError } from '../../../../shared/result';
import { runSteps, type Step, type StepContext } from '../../jobs/steps';

/** At most this many runs of a step (the first and two retries), whatever a step asks for. */
export const MAX_ATTEMPTS = 3;

/** The fault was not there: a healthy desk is not recovered. */
export class NothingToRecover extends LifeboatError {
  constructor(evidence: string, where: string) {
    super('conflict', `nothing to recover: ${evidence}`, where);
  }
}

/** The in-place checks found more than this playbook answers: the `to` playbook takes over (not escalated). */
export class FallThrough extends LifeboatError {
  constructor(
    readonly to: PlaybookId,
    reason: string,
    where: string,
  ) {
    super('verification_failed', reason, where);
  }
}

const TRANSIENT_CODES = new Set(['EAGAIN', 'EBUSY', 'EINTR', 'ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

/** Whether an error may pass if the step is run again: unreachable, busy, timed out — not wrong, missing or damaged. */
export function isTransient(err: unknown): boolean {
  if (err instanceof LifeboatError) return err.code === 'unavailable';
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

/** The retry policy of a step that may fail transiently: MAX_ATTEMPTS runs, backoff doubling from `backoffMs`. */
export const transientRetry = (backoffMs = 250): PlaybookStep<never>['retry'] => ({ attempts: MAX_ATTEMPTS, backoffMs, when: isTransient });

/** A failure that is the playbook's answer rather than something for a person to be alerted to. */
export function isRefusal(err: unknown, stepIndex: number): boolean {
  if (err instanceof NothingToRecover || err instanceof FallThrough) return true;
  if (!(err instanceof LifeboatError)) return false;
  if (err.code === 'locked' || err.code === 'bad_request') return true;
  // The first step finding no desk at all (a wrong --state) is wrong input.
  return stepIndex === 0 && err.code === 'not_found';
}

/** A step that finally failed, as it is escalated. */
export interface StepFailure {
  playbook: PlaybookId;
  step: string;
  n: number;
  error: string;
  attempts: number;
}

export interface PlaybookStep<S> {
  id: string;
  /** What the step will do, said before it does it. */
  says: string;
  /** True: runs by itself. False: changes the desk, and waits for a person to say yes. */
  auto: boolean;
  run(state: S, ctx: StepContext): void | Promise<void>;
  /** Confirms what `run` did; throws to fail the step, returns the line the report shows. */
  check(state: S): string;
  undo?(state: S): void | Promise<void>;
  /** Run again on a failure `when` says may pass (at most MAX_ATTEMPTS runs in all). */
  retry?: { attempts: number; backoffMs: number; when?: (err: unknown) => boolean };
}

export interface Playbook<S> {
  id: PlaybookId;
  title: string;
  steps: PlaybookStep<S>[];
}

export interface PlannedStep {
  n: number;
  id: string;
  says: string;
  auto: boolean;
}

export const planOf = (p: Playbook<unknown>): PlannedStep[] => p.steps.map((s, i) => ({ n: i + 1, id: s.id, says: s.says, auto: s.auto }));

export interface RunHooks {
  /** Before each step: its number and what it says (the CLI prints it; a kill test waits for it). */
  before?(step: PlannedStep): void;
  /** After each step with what its check said. */
  after?(step: PlannedStep, report: StepReport): void;
  /** A step failed after its retries (not a refusal): alert a person. Its own failure never masks the step's error. */
  escalate?(failure: StepFailure): Promise<unknown>;
}

/**
 * Runs steps `from`..`to` (1-based, inclusive) of a playbook on the step runner. Returns the step
 * reports; a failed step's error is rethrown after the finished steps' undos ran.
 */
export async function runPlaybook<S>(p: Playbook<S>, state: S, range: { from?: number; to?: number } = {}, hooks: RunHooks = {}): Promise<StepReport[]> {
  const plan = planOf(p as Playbook<unknown>);
  const chosen = plan.slice((range.from ?? 1) - 1, range.to ?? plan.length);
  const reports: StepReport[] = chosen.map((s) => ({ name: s.id, label: s.says, state: 'pending', attempts: 0, startedAt: null, durationMs: null, message: null }));
  const steps: Record<string, Step> = {};
  for (const planned of chosen) {
    const step = p.steps[planned.n - 1];
    steps[step.id] = {
      run: async (ctx) => {
        hooks.before?.(planned);
        await step.run(state, ctx);
      },
      check: () => {
        const said = step.check(state);
        const report = reports.find((r) => r.name === step.id)!;
        hooks.after?.(planned, { ...report, message: said });
        return said;
      },
      undo: step.undo ? () => step.undo!(state) : undefined,
      retry: step.retry ? { ...step.retry, attempts: Math.min(step.retry.attempts, MAX_ATTEMPTS) } : undefined,
    };
  }
  const controller = new AbortController();
  try {
    await runSteps(steps, reports, { signal: controller.signal, progress: () => undefined }, () => undefined);
  } catch (err) {
    const failed = reports.find((r) => r.state === 'failed');
    const n = failed ? chosen.find((s) => s.id === failed.name)!.n : 0;
    if (failed && hooks.escalate && !isRefusal(err, n - 1)) {
      const error = err instanceof LifeboatError ? err.reason : err instanceof Error ? err.message : String(err);
      try {
        await hooks.escalate({ playbook: p.id, step: failed.name, n, error, attempts: failed.attempts });
      } catch {
        // The escalation records its own failures; whatever else went wrong there, the step's error is the one to report.
      }
    }
    throw err;
  }
  return reports;
}
