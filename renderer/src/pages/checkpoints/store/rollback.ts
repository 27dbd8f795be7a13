// The rollback wizard: target and scope → preview → typed confirmation → progress → verified
// result, with Undo (a rollback to the pre_rollback checkpoint the engine took first). Nothing is
// written before apply(); every earlier step can go back.
import { create } from 'zustand';
import type { CheckpointDiff, RollbackScope } from '../../../../../shared/api/checkpoints';
import type { JobInfo, RollbackOutcome } from '../../../../../shared/api/contract';
import { api } from '../../../api/client';
import { ApiCallError, asCallError } from '../../../api/errors';
import { diffTotal } from '../model/compare';
import { followJob } from '../../../jobs/jobs';
import { useCheckpoints } from './catalog';

export const ROLLBACK_STEPS = [
  { id: 'target', label: 'Target & scope' },
  { id: 'preview', label: 'Preview' },
  { id: 'confirm', label: 'Confirm' },
  { id: 'apply', label: 'Roll back' },
  { id: 'result', label: 'Result' },
] as const;
export type RollbackStep = (typeof ROLLBACK_STEPS)[number]['id'];

export const PREVIEW_LIMIT = 50_000;

/** What we checked after the engine said it was done. */
export interface RollbackCheck {
  /** Rows in scope that still differ from the target (0: the live state matches). */
  differing: number;
  /** Whole desk only: the live root hash and whether it equals the target's. */
  liveRoot: string | null;
  rootMatches: boolean | null;
  checkedAt: string;
}

export interface RollbackRun {
  job: JobInfo | null;
  outcome: RollbackOutcome | null;
  error: ApiCallError | null;
  check: RollbackCheck | null;
  checkError: ApiCallError | null;
}

const NO_RUN: RollbackRun = { job: null, outcome: null, error: null, check: null, checkError: null };

export interface RollbackWizardState {
  step: RollbackStep;
  targetId: string | null;
  scope: RollbackScope;
  preview: CheckpointDiff | null;
  previewError: ApiCallError | null;
  previewLoading: boolean;
  typed: string;
  run: RollbackRun;
  /** Verifying the target before rolling back to it. */
  targetVerify: JobInfo | null;
  targetVerifyError: ApiCallError | null;
  /** Undo: rolling back to the pre_rollback checkpoint, same scope. */
  undoConfirming: boolean;
  undo: RollbackRun;

  /** Starts (or resumes) the wizard on a target. A finished run starts over. */
  begin(targetId: string): void;
  setTarget(targetId: string): void;
  verifyTarget(): Promise<void>;
  setScope(scope: RollbackScope): void;
  toPreview(): Promise<void>;
  toConfirm(): void;
  back(): void;
  setTyped(typed: string): void;
  apply(): Promise<void>;
  askUndo(ask: boolean): void;
  applyUndo(): Promise<void>;
  reset(): void;
}

const FRESH = {
  step: 'target' as RollbackStep,
  scope: {},
  preview: null,
  previewError: null,
  previewLoading: false,
  typed: '',
  run: NO_RUN,
  undoConfirming: false,
  undo: NO_RUN,
  targetVerify: null,
  targetVerifyError: null,
};

let seq = 0;

/** Runs a rollback job to the end and checks the live state against the target afterwards. */
async function runRollback(targetId: string, scope: RollbackScope, confirm: string, update: (run: Partial<RollbackRun>) => void): Promise<void> {
  let job: JobInfo;
  try {
    job = await api.call('rollback.apply', { checkpointId: targetId, scope, confirm });
  } catch (e) {
    update({ error: asCallError('rollback.apply', e) });
    return;
  }
  update({ job });
  const finished = await followJob(job, (j) => update({ job: j }));
  update({ job: finished });
  if (finished.state !== 'succeeded' || finished.kind !== 'rollback' || !finished.result) {
    update({ error: new ApiCallError('rollback.apply', { code: 'internal', message: finished.error ?? `the rollback job ${finished.state}` }) });
    return;
  }
  const outcome = finished.result;
  update({ outcome });
  try {
    const [left, hash] = await Promise.all([
      api.call('checkpoints.diff', { from: targetId, to: 'live', scope, limit: 0 }),
      scope.accountId || scope.strategyId ? Promise.resolve(null) : api.call('state.hash', {}),
    ]);
    const target = await api.call('checkpoints.get', { checkpointId: targetId });
    update({
      check: {
        differing: diffTotal(left),
        liveRoot: hash?.rootHash ?? null,
        rootMatches: hash ? hash.rootHash === target.rootHash : null,
        checkedAt: new Date().toISOString(),
      },
    });
  } catch (e) {
    update({ checkError: asCallError('checkpoints.diff', e) });
  }
}

export const useRollbackWizard = create<RollbackWizardState>()((set, get) => ({
  ...FRESH,
  targetId: null,

  begin(targetId) {
    const s = get();
    // Same target: resume where the person was, result and Undo included.
    if (s.targetId === targetId) return;
    if (s.run.job?.state === 'running' || s.undo.job?.state === 'running') return; // never walk away from a running rollback
    seq += 1;
    set({ ...FRESH, targetId });
  },

  setTarget(targetId) {
    seq += 1;
    set({ targetId, preview: null, previewError: null, typed: '', targetVerify: null, targetVerifyError: null });
  },

  async verifyTarget() {
    const { targetId, targetVerify } = get();
    if (!targetId || targetVerify?.state === 'running') return;
    const mine = seq;
    set({ targetVerifyError: null });
    try {
      const started = await api.call('checkpoints.verify', { checkpointId: targetId });
      if (mine !== seq) return;
      set({ targetVerify: started });
      const job = await followJob(started, (j) => mine === seq && set({ targetVerify: j }));
      if (mine !== seq) return;
      set({ targetVerify: job });
      await useCheckpoints.getState().load();
    } catch (e) {
      if (mine === seq) set({ targetVerifyError: asCallError('checkpoints.verify', e) });
    }
  },

  setScope(scope) {
    seq += 1;
    set({ scope, preview: null, previewError: null, typed: '' });
  },

  async toPreview() {
    const { targetId, scope } = get();
    if (!targetId) return;
    const mine = ++seq;
    set({ step: 'preview', previewLoading: true, previewError: null });
    try {
      const preview = await api.call('rollback.preview', { checkpointId: targetId, scope, limit: PREVIEW_LIMIT });
      if (mine !== seq) return;
      set({ preview, previewLoading: false });
    } catch (e) {
      if (mine !== seq) return;
      set({ previewError: asCallError('rollback.preview', e), previewLoading: false });
    }
  },

  toConfirm() {
    const { preview } = get();
    if (!preview || diffTotal(preview) === 0) return;
    set({ step: 'confirm', typed: '' });
  },

  back() {
    const { step, run } = get();
    if (step === 'preview') set({ step: 'target' });
    else if (step === 'confirm') set({ step: 'preview' });
    // A rollback that failed changed nothing: look again at what it would do.
    else if (step === 'apply' && run.error && run.job?.state !== 'running') {
      set({ run: NO_RUN });
      void get().toPreview();
    }
  },

  setTyped: (typed) => set({ typed }),

  async apply() {
    const { targetId, scope, typed, step } = get();
    if (!targetId || step !== 'confirm' || typed.trim() !== targetId) return;
    set({ step: 'apply', run: NO_RUN });
    const update = (patch: Partial<RollbackRun>) => set((s) => ({ run: { ...s.run, ...patch } }));
    await runRollback(targetId, scope, typed.trim(), update);
    const { run } = get();
    if (run.outcome) set({ step: 'result' });
    void useCheckpoints.getState().load();
  },

  askUndo: (ask) => set({ undoConfirming: ask }),

  async applyUndo() {
    const { run, scope, undo } = get();
    const pre = run.outcome?.preRollbackId;
    if (!pre || undo.job?.state === 'running' || undo.outcome) return;
    set({ undoConfirming: false, undo: NO_RUN });
    const update = (patch: Partial<RollbackRun>) => set((s) => ({ undo: { ...s.undo, ...patch } }));
    // The operator asked for the undo and confirmed it; the id to confirm is the pre_rollback checkpoint's.
    await runRollback(pre, scope, pre, update);
    void useCheckpoints.getState().load();
  },

  reset() {
    seq += 1;
    set({ ...FRESH, targetId: null });
  },
}));
