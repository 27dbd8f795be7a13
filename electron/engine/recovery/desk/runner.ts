// The runner of the playbooks that run on an open desk: their plans (recovery.plan), and a run as
// a `recovery` job whose steps are the playbook's (recovery.run). With `yes` every step runs;
// without, the job waits before each step that waits for a person until `recovery.confirm` gives
// the word its plan shows (or `jobs.cancel` stops it there, writing nothing more). Retries are the
// steps' own (at most MAX_ATTEMPTS); a step that finally fails, unless it is a refusal, is escalated.
// One run at a time per desk; each is audited when it starts and when it ends (`recovery.started`,
// `recovery.finished`), besides the `recovery.run` entry a playbook's own record step writes.
import type { JobInfo, RecoveryOutcome } from '../../../../shared/api/jobs';
import type { PlaybookId, PlaybookInfo, PlaybookInput, PlaybookPlan } from '../../../../shared/api/recovery';
import { LifeboatError } from '../../../../shared/result';
import { appendAudit } from '../../audit/audit-log';
import type { Step } from '../../jobs/steps';
import type { DeskContext } from '../../runtime/context';
import { isRefusal, MAX_ATTEMPTS, planOf, type PlaybookStep } from '../playbooks/playbook';
import type { DeskPlaybook } from './desk-playbook';
import { escalateOnDesk } from './escalate';
import { DESK_PLAYBOOKS, deskPlaybook } from './registry';
import { activeRun, claimDesk, releaseDesk, waitForPerson, type ActiveRun } from './runs';

export const listDeskPlaybooks = (): PlaybookInfo[] =>
  DESK_PLAYBOOKS.map((p) => ({ playbook: p.id, title: p.title, purpose: p.purpose, fields: p.fields, steps: planOf(p.playbook as never) }));

export function requireDeskPlaybook(id: PlaybookId): DeskPlaybook<unknown> {
  const p = deskPlaybook(id);
  if (!p) {
    const built = DESK_PLAYBOOKS.map((d) => d.id).join(', ') || 'none yet';
    throw new LifeboatError('bad_request', `playbook ${id} does not run on an open desk (those that do: ${built})`, 'playbook');
  }
  return p;
}

/** The steps as they will run for this state, with the word each waiting step asks for. */
export function planFor(p: DeskPlaybook<unknown>, state: unknown): PlaybookPlan {
  const word = p.confirmWord ? p.confirmWord(state) : p.id;
  return {
    playbook: p.id,
    title: p.title,
    purpose: p.purpose,
    fields: p.fields,
    steps: planOf(p.playbook as never).map((s) => ({ ...s, confirmWord: s.auto ? null : word })),
  };
}

/** Validates the input and prepares the playbook (nothing written): its plan. */
export async function prepareDeskPlaybook(desk: DeskContext, id: PlaybookId, input: PlaybookInput, now: () => Date = () => new Date()): Promise<{ p: DeskPlaybook<unknown>; state: unknown; plan: PlaybookPlan }> {
  const p = requireDeskPlaybook(id);
  const state = await p.prepare(desk, input, now);
  return { p, state, plan: planFor(p, state) };
}

export interface RunRequest {
  playbook: PlaybookId;
  input: PlaybookInput;
  yes: boolean;
  stopAtWaiting: boolean;
}

/** Whether a step's failure is its last: not cancelled, not a refusal, and no retry left for it. */
function isFinal(step: PlaybookStep<unknown>, err: unknown, attempts: number, index: number, signal: AbortSignal): boolean {
  if (signal.aborted || isRefusal(err, index)) return false;
  const most = Math.min(step.retry?.attempts ?? 1, MAX_ATTEMPTS);
  return attempts >= most || !(step.retry?.when?.(err) ?? true);
}

const errorText = (err: unknown) => (err instanceof LifeboatError ? err.reason : err instanceof Error ? err.message : String(err));

function jobSteps(desk: DeskContext, p: DeskPlaybook<unknown>, state: unknown, plan: PlaybookPlan, run: ActiveRun, req: RunRequest, chosen: PlaybookPlan['steps']): Record<string, Step> {
  const steps: Record<string, Step> = {};
  for (const planned of chosen) {
    const step = p.playbook.steps[planned.n - 1] as PlaybookStep<unknown>;
    let attempts = 0;
    const escalate = (err: unknown) => escalateOnDesk(desk, { playbook: p.id, step: step.id, n: planned.n, error: errorText(err), attempts });
    steps[step.id] = {
      waitFor: !step.auto && !req.yes ? (ctx) => waitForPerson(run, planned, planned.confirmWord!, ctx.signal) : undefined,
      run: async (ctx) => {
        attempts++;
        ctx.progress(planned.n - 1, plan.steps.length, `step ${planned.n} of ${plan.steps.length}: ${step.says}`);
        try {
          await step.run(state, ctx);
        } catch (err) {
          if (isFinal(step, err, attempts, planned.n - 1, ctx.signal)) await escalate(err);
          throw err;
        }
      },
      check: () => {
        try {
          return step.check(state);
        } catch (err) {
          // A check is never retried: its failure is final. The escalation's own awaits run on; its event tells when.
          if (!isRefusal(err, planned.n - 1)) void escalate(err);
          throw err;
        }
      },
      undo: step.undo ? () => step.undo!(state) : undefined,
      retry: step.retry ? { ...step.retry, attempts: Math.min(step.retry.attempts, MAX_ATTEMPTS) } : undefined,
    };
  }
  return steps;
}

/** Starts a run: prepared first (bad input or nothing to recover fails the call, no job), then the job. */
export async function startRecovery(desk: DeskContext, req: RunRequest): Promise<JobInfo<'recovery'>> {
  if (activeRun(desk)) claimDesk(desk, req.playbook); // refused before preparing anything
  const { p, state, plan } = await prepareDeskPlaybook(desk, req.playbook, req.input);
  const run = claimDesk(desk, p.id);
  try {
    const firstWaiting = plan.steps.findIndex((s) => !s.auto);
    const stops = !req.yes && req.stopAtWaiting && firstWaiting >= 0;
    const chosen = stops ? plan.steps.slice(0, firstWaiting) : plan.steps;
    desk.commit('recovery.started', () => appendAudit(desk.store.db, 'recovery.started', { playbook: p.id, input: req.input, yes: req.yes, steps: chosen.length }));
    let jobId = '';
    const job = desk.jobs.start('recovery', {
      declared: chosen.map((s) => ({ name: s.id, label: s.says })),
      steps: jobSteps(desk, p, state, plan, run, req, chosen),
      result: (): RecoveryOutcome => ({
        playbook: p.id,
        plan,
        steps: desk.jobs.get(jobId).steps.map((s) => ({ ...s })),
        record: stops ? null : p.record(state),
        summary: stops
          ? `Ran steps 1–${firstWaiting} of ${plan.steps.length}; step ${firstWaiting + 1} (${plan.steps[firstWaiting].id}) waits for a person: nothing after it ran.`
          : p.summary(state),
        confirmed: !stops,
      }),
    });
    jobId = job.jobId;
    run.jobId = jobId;
    void desk.jobs.wait(jobId).then((done) => finished(desk, run, done as JobInfo<'recovery'>));
    return job;
  } catch (err) {
    releaseDesk(desk, run);
    throw err;
  }
}

function finished(desk: DeskContext, run: ActiveRun, job: JobInfo<'recovery'>): void {
  releaseDesk(desk, run);
  const stoppedAt = job.steps.find((s) => s.state === 'failed' || s.state === 'cancelled');
  try {
    desk.commit('recovery.finished', () =>
      appendAudit(desk.store.db, 'recovery.finished', {
        playbook: run.playbook,
        jobId: job.jobId,
        state: job.state,
        confirmed: job.result?.confirmed ?? false,
        step: stoppedAt?.name ?? null,
        error: job.error,
      }),
    );
  } catch {
    // The desk closed under the job (the console stopping): the job's own report says how it ended.
  }
}

/** A person lets the step a run waits at go on: the right job, the step it waits at, the word its plan shows. */
export function confirmStep(desk: DeskContext, req: { jobId: string; step: string; typed: string }): JobInfo<'recovery'> {
  const run = activeRun(desk);
  if (!run || run.jobId !== req.jobId) {
    const job = desk.jobs.get(req.jobId); // not_found when there is no such job
    throw new LifeboatError('conflict', `job ${req.jobId} is not a recovery waiting for a person (it is ${job.kind}, ${job.state})`, 'jobId');
  }
  const waiting = run.waiting;
  if (!waiting) throw new LifeboatError('conflict', `job ${req.jobId} is not waiting for a confirmation now`, 'step');
  if (waiting.step !== req.step) throw new LifeboatError('bad_request', `job ${req.jobId} waits at step ${waiting.n} (${waiting.step}), not at ${req.step}`, 'step');
  if (req.typed !== waiting.word) throw new LifeboatError('bad_request', `type ${waiting.word} to let step ${waiting.n} (${waiting.step}) run`, 'typed');
  desk.commit('recovery.confirmed', () => appendAudit(desk.store.db, 'recovery.confirmed', { playbook: run.playbook, jobId: req.jobId, step: req.step }));
  waiting.go();
  return desk.jobs.get(req.jobId) as JobInfo<'recovery'>;
}
