// A playbook: numbered steps, each saying what it will do before it does it, with its check, and
// whether it runs by itself (`auto`) or waits for a person (a destructive step: the CLI's --yes).
// Playbooks run on the jobs' step runner (jobs/steps.ts runSteps: run, check, retry, undo), not
// through the JobRunner: a damaged database cannot be opened by an Engine, so there is no desk
// context, job history or event bus to report to. The report is kept by the playbook itself.
import type { PlaybookId } from '../../../../shared/api/recovery';
import type { StepReport } from '../../../../shared/api/jobs';
import { runSteps, type Step, type StepContext } from '../../jobs/steps';

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
    };
  }
  const controller = new AbortController();
  await runSteps(steps, reports, { signal: controller.signal, progress: () => undefined }, () => undefined);
  return reports;
}
