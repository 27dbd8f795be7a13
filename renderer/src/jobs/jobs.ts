// Engine jobs (verify, rollback, reconcile, …) as the engine reports them through job.updated
// events, and the one way to wait for one: followJob.
import { create } from 'zustand';
import type { JobInfo, LifeboatEvent } from '../../../shared/api/contract';
import { api } from '../api/client';
import { onAnyEvent } from '../live/live';

export interface JobsState {
  jobs: Record<string, JobInfo>;
  update(job: JobInfo): void;
  /** Many reports at once (jobs.list), each kept only if newer than what the store has. */
  updateMany(jobs: readonly JobInfo[]): void;
}

const isNewer = (next: JobInfo, prev: JobInfo | undefined): boolean =>
  !prev || prev.state === 'running' || next.state !== 'running';

export const useJobs = create<JobsState>()((set) => ({
  jobs: {},
  // A finished job never goes back to running, whatever order the reports arrive in.
  update: (job) => set((s) => (isNewer(job, s.jobs[job.jobId]) ? { jobs: { ...s.jobs, [job.jobId]: job } } : s)),
  updateMany: (list) =>
    set((s) => {
      const fresh = list.filter((job) => isNewer(job, s.jobs[job.jobId]));
      return fresh.length ? { jobs: { ...s.jobs, ...Object.fromEntries(fresh.map((j) => [j.jobId, j])) } } : s;
    }),
}));

onAnyEvent((event) => {
  if (event.name !== 'job.updated') return;
  useJobs.getState().update((event as LifeboatEvent<'job.updated'>).payload);
});

/** While the event stream is down a report can be missed, so a running job is also asked about now and then. */
const POLL_MS = 1500;

/**
 * Resolves with the job once it has finished. Progress arrives as events; the job is also read
 * once at the start (it may have finished before we listened) and polled slowly as a fallback.
 */
export function followJob(started: JobInfo, onProgress?: (job: JobInfo) => void): Promise<JobInfo> {
  const store = useJobs.getState();
  store.update(started);
  return new Promise<JobInfo>((resolve) => {
    let done = false;
    const finish = (job: JobInfo) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(timer);
      resolve(job);
    };
    const check = (job: JobInfo | undefined) => {
      if (!job) return;
      onProgress?.(job);
      if (job.state !== 'running') finish(job);
    };
    const unsubscribe = useJobs.subscribe((s, prev) => {
      if (s.jobs[started.jobId] !== prev.jobs[started.jobId]) check(s.jobs[started.jobId]);
    });
    const ask = () =>
      api.call('jobs.get', { jobId: started.jobId }).then(
        (job) => useJobs.getState().update(job),
        () => undefined, // the next event or poll will tell
      );
    const timer = setInterval(() => void ask(), POLL_MS);
    check(useJobs.getState().jobs[started.jobId]);
    void ask();
  });
}

/** done/total as 0..1, or null while the total is unknown. */
export function jobFraction(job: JobInfo | null | undefined): number | null {
  if (!job) return null;
  if (job.state === 'succeeded') return 1;
  const { done, total } = job.progress;
  return total ? Math.min(1, Math.max(0, done / total)) : null;
}
