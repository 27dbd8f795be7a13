// A page operation's job while it runs (progress, Cancel) and how it ended when it did not succeed.
import { ErrorPanel } from '../components/ErrorPanel';
import type { JobRun } from './job-run';
import { ProgressBar } from './ProgressBar';
import './JobLine.css';

export function JobLine({ run, onCancel, testId, failedTitle }: { run: JobRun; onCancel(): void; testId: string; failedTitle: string }) {
  const running = run.job?.state === 'running';
  return (
    <>
      {run.job && running ? (
        <div className="job-line" data-testid={testId}>
          <ProgressBar job={run.job} testId={`${testId}-progress`} />
          <button type="button" className="btn btn-ghost" onClick={onCancel} data-testid={`${testId}-cancel`} title="Stop; what is finished stays as it is">
            Cancel
          </button>
        </div>
      ) : null}
      {!running && run.error ? <ErrorPanel error={run.error} title={run.error.code === 'cancelled' ? 'Cancelled' : failedTitle} /> : null}
    </>
  );
}
