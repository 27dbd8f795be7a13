// One long operation of a page as a job: started, followed to the end, cancellable. The Backups
// page's take-a-backup, verify and restore stores each hold one of these; the Recovery page's drill too.
import type { ChannelName, JobInfo } from '../../../shared/api/contract';
import { api } from '../api/client';
import { ApiCallError, asCallError } from '../api/errors';
import { followJob } from './jobs';

export interface JobRun {
  job: JobInfo | null;
  error: ApiCallError | null;
}

export const NO_JOB: JobRun = { job: null, error: null };

export const isRunning = (run: JobRun): boolean => run.job?.state === 'running';

/**
 * Starts a job and follows it to the end, reporting each step through `update`; resolves with the
 * finished job (null when it did not start). A job that did not succeed is reported as an error
 * carrying its code and where, as the engine said.
 */
export async function runJob(channel: ChannelName, start: () => Promise<JobInfo>, update: (run: Partial<JobRun>) => void): Promise<JobInfo | null> {
  let started: JobInfo;
  try {
    started = await start();
  } catch (e) {
    update({ error: asCallError(channel, e) });
    return null;
  }
  update({ job: started });
  const finished = await followJob(started, (j) => update({ job: j }));
  update({ job: finished });
  if (finished.state !== 'succeeded') {
    update({
      error: new ApiCallError(channel, {
        code: finished.errorCode ?? (finished.state === 'cancelled' ? 'cancelled' : 'internal'),
        message: finished.error ?? `the job ${finished.state}`,
        where: finished.errorWhere ?? undefined,
      }),
    });
  }
  return finished;
}

/** Asks the engine to stop a running job; what it finished stays done. */
export async function cancelJob(run: JobRun, update: (run: Partial<JobRun>) => void): Promise<void> {
  if (run.job?.state !== 'running') return;
  try {
    await api.call('jobs.cancel', { jobId: run.job.jobId });
  } catch (e) {
    update({ error: asCallError('jobs.cancel', e) });
  }
}
