// A drill started from the Recovery page: the damaged-database playbook practised on a sandbox
// copy of the desk (recovery.drill, a job), followed to the end; the history is read again after.
import { create } from 'zustand';
import { api } from '../../../api/client';
import { cancelJob, NO_JOB, runJob, type JobRun } from '../../../jobs/job-run';
import { useDoctor } from './doctor';

export interface DrillState {
  run: JobRun;
  start(): Promise<void>;
  cancel(): Promise<void>;
}

export const useDrill = create<DrillState>()((set, get) => ({
  run: NO_JOB,
  async start() {
    if (get().run.job?.state === 'running') return;
    set({ run: NO_JOB });
    const update = (patch: Partial<JobRun>) => set((s) => ({ run: { ...s.run, ...patch } }));
    await runJob('recovery.drill', () => api.call('recovery.drill', {}), update);
    await useDoctor.getState().loadHistory();
  },
  cancel: () => cancelJob(get().run, (patch) => set((s) => ({ run: { ...s.run, ...patch } }))),
}));
