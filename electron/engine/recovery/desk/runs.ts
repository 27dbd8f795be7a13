// The desk-playbook run under way on each open desk (one at a time), and the person it waits for:
// a waiting step's promise, settled by `recovery.confirm` with the right word or by a cancel.
import { LifeboatError } from '../../../../shared/result';
import { Cancelled } from '../../jobs/steps';
import type { DeskContext } from '../../runtime/context';

export interface Waiting {
  step: string;
  n: number;
  word: string;
  go(): void;
}

export interface ActiveRun {
  jobId: string;
  playbook: string;
  waiting: Waiting | null;
}

const active = new WeakMap<DeskContext, ActiveRun>();

export const activeRun = (desk: DeskContext): ActiveRun | null => active.get(desk) ?? null;

/** Claims the desk for one run; a second while one is under way is refused. */
export function claimDesk(desk: DeskContext, playbook: string): ActiveRun {
  const now = active.get(desk);
  if (now) throw new LifeboatError('conflict', `a recovery (${now.playbook}, job ${now.jobId}) is under way on this desk: let it finish or cancel it first`, 'recovery.run');
  const run: ActiveRun = { jobId: '', playbook, waiting: null };
  active.set(desk, run);
  return run;
}

export function releaseDesk(desk: DeskContext, run: ActiveRun): void {
  if (active.get(desk) === run) active.delete(desk);
}

/** Resolves when a person confirms step `n` with `word`; rejects as cancelled when the job is. */
export function waitForPerson(run: ActiveRun, step: { id: string; n: number }, word: string, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cancelled = () => {
      run.waiting = null;
      reject(new Cancelled(`step ${step.n} (${step.id}), waiting for a person`));
    };
    if (signal.aborted) return cancelled();
    signal.addEventListener('abort', cancelled, { once: true });
    run.waiting = {
      step: step.id,
      n: step.n,
      word,
      go: () => {
        signal.removeEventListener('abort', cancelled);
        run.waiting = null;
        resolve();
      },
    };
  });
}
