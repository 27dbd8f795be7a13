// Rollback as a job of three steps: take the pre-rollback checkpoint (the way back), apply the
// target's rows (one commit, the state hash checked inside it), then check the live state hash
// still says what the apply recorded. The three pieces are exported so that the bad-deploy playbook
// (recovery/desk/bad-deploy.ts) rolls back with this code, not a copy of it.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CheckpointInfo, RollbackScope } from '../../../shared/api/checkpoints';
import type { JobInfo, RollbackOutcome } from '../../../shared/api/jobs';
import { LifeboatError } from '../../../shared/result';
import type { DeskContext } from '../runtime/context';
import { isBusy } from '../store/io-errors';
import type { RollbackResult } from './rollback';

/** Step one: the pre-rollback checkpoint, announced; `finish` applies the rows. */
export function takePreRollbackCheckpoint(desk: DeskContext, targetId: string, scope: RollbackScope): { pre: CheckpointInfo; finish: () => RollbackResult } {
  const steps = desk.checkpoints.rollbackSteps(targetId, scope);
  desk.events.emit('checkpoints.changed', { reason: 'checkpoint.pre_rollback', checkpointId: steps.pre.checkpointId });
  return steps;
}

/** Step two: the target's rows applied in one commit (the state hash checked inside it). */
export function applyRollbackRows(desk: DeskContext, finish: () => RollbackResult): RollbackOutcome {
  const { diff: _diff, ...result } = desk.commit('rollback.apply', finish);
  return result;
}

/** Another connection holding the write lock for a moment is worth waiting for; nothing else is. */
export const APPLY_RETRY = { attempts: 3, backoffMs: 100, when: isBusy };

/** Step three: the live state hash is still what the apply recorded; returns the report's line. */
export function checkRolledBack(desk: DeskContext, outcome: RollbackOutcome): string {
  const now = desk.checkpoints.stateHash().rootHash;
  if (now !== outcome.rootHash) throw new LifeboatError('verification_failed', `after the rollback the state hashes to ${now}, not ${outcome.rootHash} as applied`);
  desk.events.emit('checkpoints.changed', { reason: 'rollback.apply', checkpointId: outcome.preRollbackId });
  return `state hash ${now}`;
}

export function startRollback(desk: DeskContext, targetId: string, scope: RollbackScope): JobInfo<'rollback'> {
  let finish: (() => RollbackResult) | null = null;
  let pre: CheckpointInfo | null = null;
  let outcome: RollbackOutcome | null = null;
  return desk.jobs.start('rollback', {
    steps: {
      'pre-rollback': {
        run: async (ctx) => {
          ctx.progress(0, 3, 'taking the pre-rollback checkpoint');
          await yieldToEventLoop();
          ({ pre, finish } = takePreRollbackCheckpoint(desk, targetId, scope));
          ctx.progress(1, 3, `pre-rollback checkpoint ${pre.checkpointId} taken; applying`);
          await yieldToEventLoop();
        },
        check: () => `pre-rollback checkpoint ${pre!.checkpointId}`,
      },
      apply: {
        run: () => {
          outcome = applyRollbackRows(desk, finish!);
        },
        retry: APPLY_RETRY,
        check: () => `${outcome!.applied.added} added, ${outcome!.applied.removed} removed, ${outcome!.applied.changed} changed`,
      },
      check: {
        run: (ctx) => ctx.progress(3, 3, 'rolled back; the state hash matches the target'),
        check: () => checkRolledBack(desk, outcome!),
      },
    },
    result: () => outcome!,
  });
}
