// The activity list's own state: whether the job history has been read, and cancelling. The jobs
// themselves live in the one jobs store (jobs/jobs.ts), kept current by job.updated events.
import { create } from 'zustand';
import { api } from '../../../api/client';
import { asCallError, type ApiCallError } from '../../../api/errors';
import { useJobs } from '../../../jobs/jobs';

export interface ActivityState {
  loaded: boolean;
  loading: boolean;
  error: ApiCallError | null;
  stamp: number;
  /** Jobs a cancel was asked for and not yet answered. */
  cancelling: Record<string, true>;
  cancelError: ApiCallError | null;
  load(): Promise<void>;
  cancel(jobId: string): Promise<void>;
}

export const useActivity = create<ActivityState>()((set, get) => ({
  loaded: false,
  loading: false,
  error: null,
  stamp: 0,
  cancelling: {},
  cancelError: null,
  async load() {
    set({ loading: true });
    try {
      useJobs.getState().updateMany(await api.call('jobs.list', {}));
      set((s) => ({ loaded: true, loading: false, error: null, stamp: s.stamp + 1 }));
    } catch (e) {
      set({ loading: false, error: asCallError('jobs.list', e) });
    }
  },
  async cancel(jobId) {
    if (get().cancelling[jobId]) return;
    set((s) => ({ cancelling: { ...s.cancelling, [jobId]: true }, cancelError: null }));
    try {
      useJobs.getState().update(await api.call('jobs.cancel', { jobId }));
    } catch (e) {
      set({ cancelError: asCallError('jobs.cancel', e) });
    } finally {
      set((s) => {
        const { [jobId]: _, ...rest } = s.cancelling;
        return { cancelling: rest };
      });
    }
  },
}));
