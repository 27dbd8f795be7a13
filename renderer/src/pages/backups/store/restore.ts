// The restore wizard: a snapshot → the difference it makes to the live desk → the target (a new
// folder, or over the live desk with the id typed again) → the job → its verified result. Nothing
// is written before start(); every step before it can go back.
import { create } from 'zustand';
import type { RestorePreview } from '../../../../../shared/api/backups';
import type { JobKinds } from '../../../../../shared/api/jobs';
import { api } from '../../../api/client';
import { type ApiCallError, asCallError } from '../../../api/errors';
import { targetProblem, type RestoreStep, type RestoreTarget } from '../model/restore';
import { reloadAfterJob } from './backups';
import { cancelJob, NO_JOB, runJob, type JobRun } from '../../../jobs/job-run';
import { targetOf } from './passphrases';

export type RestoreResult = { kind: 'folder'; report: JobKinds['restore']['result'] } | { kind: 'live'; outcome: JobKinds['restore-live']['result'] };

export interface RestoreWizardState {
  step: RestoreStep;
  destination: string | null;
  snapshotId: string | null;
  preview: RestorePreview | null;
  previewError: ApiCallError | null;
  target: RestoreTarget;
  folder: string;
  typed: string;
  run: JobRun;
  result: RestoreResult | null;

  begin(destination: string, snapshotId: string | null): void;
  pick(snapshotId: string): void;
  toPreview(): Promise<void>;
  toTarget(): void;
  back(): void;
  setTarget(target: RestoreTarget): void;
  setFolder(folder: string): void;
  setTyped(typed: string): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

const FRESH = {
  step: 'snapshot' as RestoreStep,
  preview: null,
  previewError: null,
  target: 'folder' as RestoreTarget,
  folder: '',
  typed: '',
  run: NO_JOB,
  result: null,
};

let seq = 0;

export const useRestoreWizard = create<RestoreWizardState>()((set, get) => ({
  ...FRESH,
  destination: null,
  snapshotId: null,

  begin(destination, snapshotId) {
    const s = get();
    if (s.run.job?.state === 'running') return; // never walk away from a running restore
    if (s.destination === destination && (snapshotId === null || snapshotId === s.snapshotId)) return; // resume
    seq += 1;
    set({ ...FRESH, destination, snapshotId });
  },

  pick(snapshotId) {
    seq += 1;
    set({ snapshotId, preview: null, previewError: null, typed: '' });
  },

  async toPreview() {
    const { destination, snapshotId } = get();
    if (!destination || !snapshotId) return;
    const mine = ++seq;
    set({ step: 'preview', preview: null, previewError: null });
    try {
      const preview = await api.call('backups.restorePreview', { ...targetOf(destination), snapshotId });
      if (mine === seq) set({ preview });
    } catch (e) {
      if (mine === seq) set({ previewError: asCallError('backups.restorePreview', e) });
    }
  },

  toTarget() {
    if (get().preview) set({ step: 'target', typed: '' });
  },

  back() {
    const { step, run } = get();
    if (step === 'preview') set({ step: 'snapshot' });
    else if (step === 'target') set({ step: 'preview' });
    // A restore that failed or was cancelled: choose the target again.
    else if (step === 'run' && run.job?.state !== 'running') set({ step: 'target', run: NO_JOB, typed: '' });
  },

  setTarget: (target) => set({ target, typed: '' }),
  setFolder: (folder) => set({ folder }),
  setTyped: (typed) => set({ typed }),

  async start() {
    const { destination, snapshotId, target, folder, typed, step } = get();
    if (!destination || !snapshotId || step !== 'target' || targetProblem(target, folder, typed, snapshotId)) return;
    set({ step: 'run', run: NO_JOB, result: null });
    const update = (p: Partial<JobRun>) => set((s) => ({ run: { ...s.run, ...p } }));
    const job =
      target === 'folder'
        ? await runJob('backups.restore', () => api.call('backups.restore', { ...targetOf(destination), snapshotId, to: folder.trim() }), update)
        : await runJob('backups.restoreLive', () => api.call('backups.restoreLive', { ...targetOf(destination), snapshotId, confirm: typed.trim() }), update);
    if (job?.state === 'succeeded' && job.result) {
      if (job.kind === 'restore') set({ step: 'result', result: { kind: 'folder', report: job.result } });
      else if (job.kind === 'restore-live') set({ step: 'result', result: { kind: 'live', outcome: job.result } });
    }
    if (target === 'live') reloadAfterJob(destination);
  },

  cancel: () => cancelJob(get().run, (p) => set((s) => ({ run: { ...s.run, ...p } }))),

  reset() {
    seq += 1;
    set({ ...FRESH, destination: null, snapshotId: null });
  },
}));
