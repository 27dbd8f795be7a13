// A job's progress: a bar when the total is known, a moving stripe while it is not, and the message.
import type { JobInfo } from '../../../shared/api/contract';
import { jobFraction } from './jobs';
import { ProgressTrack } from '../components/ProgressTrack';

export function ProgressBar({ job, testId }: { job: JobInfo | null; testId?: string }) {
  if (!job) return null;
  const fraction = jobFraction(job);
  const { done, total, message } = job.progress;
  return (
    <div className={`progress progress-${job.state}`} data-testid={testId} data-state={job.state}>
      <ProgressTrack fraction={fraction} label={message} max={total ?? undefined} now={total ? done : undefined} />
      <div className="progress-text">
        <span className="progress-message">{job.state === 'running' ? message : job.state === 'succeeded' ? 'done' : (job.error ?? job.state)}</span>
        {total ? (
          <span className="num dim">
            {done.toLocaleString('en-US')} / {total.toLocaleString('en-US')}
          </span>
        ) : null}
      </div>
    </div>
  );
}
