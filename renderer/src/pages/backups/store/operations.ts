// Taking a backup now and verifying a destination: each a job with progress and Cancel, and what
// it reported. A verify's damage is handed to the snapshot list, which marks the snapshots named.
import { create } from 'zustand';
import type { BackupOutcome, BackupType } from '../../../../../shared/api/backups';
import type { JobKinds } from '../../../../../shared/api/jobs';
import { api } from '../../../api/client';
import { buildBackup, buildVerify, damagedSnapshots, type VerifyMode } from '../model/operations';
import { reloadAfterJob, useBackups } from './backups';
import { cancelJob, NO_JOB, runJob, type JobRun } from '../../../jobs/job-run';
import { passphraseFor, targetOf } from './passphrases';

export type VerifyResult = JobKinds['backup-verify']['result'];

export interface OperationsState {
  backupForm: { type: BackupType; destination: string; reason: string };
  setBackupForm(patch: Partial<OperationsState['backupForm']>): void;
  backupProblem: string | null;
  backup: JobRun;
  outcome: BackupOutcome | null;
  takeBackup(): Promise<void>;
  cancelBackup(): Promise<void>;

  verifyForm: { mode: VerifyMode; subset: string };
  setVerifyForm(patch: Partial<OperationsState['verifyForm']>): void;
  verifyProblem: string | null;
  verify: JobRun;
  /** The destination the last verify ran on, and what it found. */
  verifyResult: VerifyResult | null;
  startVerify(destination: string): Promise<void>;
  cancelVerify(): Promise<void>;
}

export const useOperations = create<OperationsState>()((set, get) => ({
  backupForm: { type: 'incremental', destination: '', reason: '' },
  setBackupForm: (patch) => set((s) => ({ backupForm: { ...s.backupForm, ...patch }, backupProblem: null })),
  backupProblem: null,
  backup: NO_JOB,
  outcome: null,
  async takeBackup() {
    if (get().backup.job?.state === 'running') return;
    const built = buildBackup(get().backupForm);
    if (!built.ok) return set({ backupProblem: built.problem });
    const { destination } = built.request;
    // A passphrase given on this page goes along for one destination; 'all' uses the kept ones.
    const passphrase = destination && destination !== 'all' ? passphraseFor(destination) : undefined;
    set({ backup: NO_JOB, outcome: null, backupProblem: null });
    const update = (p: Partial<JobRun>) => set((s) => ({ backup: { ...s.backup, ...p } }));
    const job = await runJob('backups.create', () => api.call('backups.create', { ...built.request, ...(passphrase ? { passphrase } : {}) }), update);
    if (job?.kind === 'backup' && job.result) set({ outcome: job.result });
    // A failed backup changes the destination's health; a good one its snapshots.
    reloadAfterJob(destination === 'all' ? undefined : destination);
  },
  cancelBackup: () => cancelJob(get().backup, (p) => set((s) => ({ backup: { ...s.backup, ...p } }))),

  verifyForm: { mode: 'read-data', subset: '' },
  setVerifyForm: (patch) => set((s) => ({ verifyForm: { ...s.verifyForm, ...patch }, verifyProblem: null })),
  verifyProblem: null,
  verify: NO_JOB,
  verifyResult: null,
  async startVerify(destination) {
    if (get().verify.job?.state === 'running') return;
    const { mode, subset } = get().verifyForm;
    const built = buildVerify(destination, mode, subset);
    if (!built.ok) return set({ verifyProblem: built.problem });
    set({ verify: NO_JOB, verifyResult: null, verifyProblem: null });
    const update = (p: Partial<JobRun>) => set((s) => ({ verify: { ...s.verify, ...p } }));
    const job = await runJob('backups.verify', () => api.call('backups.verify', { ...built.request, ...targetOf(destination) }), update);
    if (job?.kind === 'backup-verify' && job.result) {
      set({ verifyResult: job.result });
      useBackups.getState().setDamaged(job.result.destination, damagedSnapshots(job.result.problems));
    }
    reloadAfterJob(destination);
  },
  cancelVerify: () => cancelJob(get().verify, (p) => set((s) => ({ verify: { ...s.verify, ...p } }))),
}));
