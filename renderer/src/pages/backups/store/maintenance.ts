// A destination's upkeep as jobs: a test restore of a snapshot into a sandbox, and forget + prune —
// of what the retention rules no longer keep, or of one snapshot — previewed first (a dry run),
// then done on a second, explicit click.
import { create } from 'zustand';
import { api } from '../../../api/client';
import type { ForgetResult, TestRestoreResult } from '../model/maintenance';
import { reloadAfterJob } from './backups';
import { cancelJob, NO_JOB, runJob, type JobRun } from '../../../jobs/job-run';
import { targetOf } from './passphrases';

/** By the retention rules, or one snapshot by its id. */
export type ForgetWhat = { retention: true } | { snapshotId: string };

export interface MaintenanceState {
  testRestore: JobRun;
  testRestoreResult: TestRestoreResult | null;
  startTestRestore(destination: string, snapshotId: string | null): Promise<void>;
  cancelTestRestore(): Promise<void>;

  forget: JobRun;
  /** The dry run shown before a forget, and for which destination. */
  forgetPreview: ForgetResult | null;
  forgetResult: ForgetResult | null;
  previewForget(destination: string, what: ForgetWhat): Promise<void>;
  /** Forgets what the preview listed (the same choice) and prunes. */
  confirmForget(destination: string, what: ForgetWhat): Promise<void>;
  cancelForget(): Promise<void>;
  clearForget(): void;
}

export const useMaintenance = create<MaintenanceState>()((set, get) => {
  const updateTest = (p: Partial<JobRun>) => set((s) => ({ testRestore: { ...s.testRestore, ...p } }));
  const updateForget = (p: Partial<JobRun>) => set((s) => ({ forget: { ...s.forget, ...p } }));
  const runForget = async (destination: string, what: ForgetWhat, dryRun: boolean) => {
    if (get().forget.job?.state === 'running') return null;
    set({ forget: NO_JOB });
    const chosen = 'snapshotId' in what ? { snapshotIds: [what.snapshotId] } : { retention: true };
    const job = await runJob('backups.forget', () => api.call('backups.forget', { ...targetOf(destination), ...chosen, prune: true, dryRun }), updateForget);
    return job?.kind === 'backup-prune' && job.result ? job.result : null;
  };
  return {
    testRestore: NO_JOB,
    testRestoreResult: null,
    async startTestRestore(destination, snapshotId) {
      if (get().testRestore.job?.state === 'running') return;
      set({ testRestore: NO_JOB, testRestoreResult: null });
      const job = await runJob('backups.testRestore', () => api.call('backups.testRestore', { ...targetOf(destination), ...(snapshotId ? { snapshotId } : {}) }), updateTest);
      if (job?.kind === 'test-restore' && job.result) set({ testRestoreResult: job.result });
      reloadAfterJob(destination);
    },
    cancelTestRestore: () => cancelJob(get().testRestore, updateTest),

    forget: NO_JOB,
    forgetPreview: null,
    forgetResult: null,
    async previewForget(destination, what) {
      set({ forgetPreview: null, forgetResult: null });
      set({ forgetPreview: await runForget(destination, what, true) });
    },
    async confirmForget(destination, what) {
      const result = await runForget(destination, what, false);
      set({ forgetPreview: null, forgetResult: result });
      reloadAfterJob(destination);
    },
    cancelForget: () => cancelJob(get().forget, updateForget),
    clearForget: () => set({ forgetPreview: null, forgetResult: null, forget: NO_JOB }),
  };
});
