// The step runner: a job is ordered steps, each with its action, an optional check of what the
// action did, whether it may be retried (attempts, backoff) and how to undo it. Every step's state,
// attempts, start and duration are recorded in the job's report as it goes.
import { setTimeout as delay } from 'node:timers/promises';
import type { StepReport } from '../../../shared/api/jobs';
import { LifeboatError } from '../../../shared/result';

export interface StepContext {
  readonly signal: AbortSignal;
  /** The job's progress (done of total, and a line saying what is happening). */
  progress(done: number, total: number | null, message: string): void;
}

export interface Step {
  /** The action. Cancellation inside it is cooperative: read `ctx.signal`. */
  run(ctx: StepContext): void | Promise<void>;
  /** Confirms what the action did; throws to fail the step, may return a line for the report. */
  check?(): string | void;
  /** Retries a failed action (not a failed check) up to `attempts` runs in all, waiting between. */
  retry?: { attempts: number; backoffMs: number; when?: (err: unknown) => boolean };
  /** Reverses the action when a later step fails or the job is cancelled. */
  undo?(): void | Promise<void>;
  /**
   * Awaited before the step starts, its report `waiting` meanwhile (a person's confirmation); the
   * wait is not the step's duration. Rejects (a cancel) to stop the job there.
   */
  waitFor?(ctx: StepContext): Promise<void> | null;
}

/** Thrown when the job was cancelled between or inside steps. */
export class Cancelled extends LifeboatError {
  constructor(where: string) {
    super('cancelled', `cancelled during ${where}`);
  }
}

/**
 * Runs `steps` in the order of `reports` (one report per declared step, all `pending`), updating
 * each report in place and calling `changed` after every transition. On failure or cancel the
 * finished steps with an undo are undone, newest first; the error is rethrown.
 */
export async function runSteps(steps: Record<string, Step>, reports: StepReport[], ctx: StepContext, changed: () => void): Promise<void> {
  const done: { step: Step; report: StepReport }[] = [];
  try {
    for (const report of reports) {
      const step = steps[report.name];
      if (!step) throw new Error(`job step "${report.name}" has no action`);
      if (ctx.signal.aborted) throw new Cancelled(`before ${report.label.toLowerCase()}`);
      const waiting = step.waitFor?.(ctx);
      if (waiting) {
        report.state = 'waiting';
        changed();
        try {
          await waiting;
        } finally {
          if (report.state === 'waiting') report.state = 'pending';
        }
      }
      await runOne(step, report, ctx, changed);
      done.push({ step, report });
    }
  } catch (err) {
    const cancelled = ctx.signal.aborted;
    for (const r of reports) {
      if (r.state === 'pending' || r.state === 'waiting') r.state = 'cancelled';
      if (r.state === 'running') r.state = cancelled ? 'cancelled' : 'failed';
    }
    for (const { step, report } of done.reverse()) {
      if (!step.undo) continue;
      await step.undo();
      report.state = 'undone';
      changed();
    }
    changed();
    throw err;
  }
}

async function runOne(step: Step, report: StepReport, ctx: StepContext, changed: () => void): Promise<void> {
  const started = Date.now();
  report.state = 'running';
  report.startedAt = new Date(started).toISOString();
  changed();
  const attempts = step.retry?.attempts ?? 1;
  for (;;) {
    report.attempts++;
    try {
      await step.run(ctx);
      break;
    } catch (err) {
      const retryable = !ctx.signal.aborted && report.attempts < attempts && (step.retry?.when?.(err) ?? true);
      report.message = err instanceof Error ? err.message : String(err);
      if (!retryable) {
        finish(report, started, ctx.signal.aborted ? 'cancelled' : 'failed');
        throw err;
      }
      changed();
      // Backoff doubles with each attempt; a cancel ends the wait at once.
      await delay(step.retry!.backoffMs * 2 ** (report.attempts - 1), undefined, { signal: ctx.signal }).catch(() => undefined);
      if (ctx.signal.aborted) {
        finish(report, started, 'cancelled');
        throw new Cancelled(report.label.toLowerCase());
      }
    }
  }
  if (ctx.signal.aborted) {
    // The action stopped early when asked to; what it did stands (each of its commits is whole).
    finish(report, started, 'cancelled');
    changed();
    return;
  }
  try {
    const said = step.check?.();
    report.message = typeof said === 'string' ? said : null;
  } catch (err) {
    report.message = err instanceof Error ? err.message : String(err);
    finish(report, started, 'failed');
    throw err;
  }
  finish(report, started, 'succeeded');
  changed();
}

function finish(report: StepReport, started: number, state: StepReport['state']): void {
  report.state = state;
  report.durationMs = Date.now() - started;
}
