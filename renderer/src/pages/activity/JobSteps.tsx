// One job opened in the activity list: its steps (state, attempts, duration, what each said),
// its outcome or error, and Cancel while it runs.
import type { JobInfo } from '../../../../shared/api/contract';
import { Badge } from '../../components/Badge';
import { shownTime } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { ProgressBar } from '../../jobs/ProgressBar';
import { formatDuration, KIND_LABELS, resultSummary, stateTone, stepDurationMs } from './model/jobs';

export function JobSteps({ job, onClose, onCancel, cancelling }: { job: JobInfo; onClose(): void; onCancel(): void; cancelling: boolean }) {
  const now = useNow();
  const outcome = resultSummary(job);
  return (
    <section className="panel job-steps" data-testid="job-steps" data-job-id={job.jobId} aria-label={`Steps of ${job.jobId}`}>
      <div className="job-steps-head">
        <span className="panel-title">
          {KIND_LABELS[job.kind] ?? job.kind} · <code>{job.jobId}</code>
        </span>
        <Badge tone={stateTone(job.state)}>{job.state}</Badge>
        <span className="dim">started {shownTime(job.startedAt)}</span>
        <div className="job-steps-actions">
          {job.state === 'running' ? (
            <button type="button" className="btn" onClick={onCancel} disabled={cancelling} data-testid="job-steps-cancel">
              {cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : null}
          <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="job-steps-close" aria-label="Close the steps">
            Close
          </button>
        </div>
      </div>
      {job.state === 'running' ? <ProgressBar job={job} /> : null}
      <table className="job-steps-table">
        <thead>
          <tr>
            <th>Step</th>
            <th>State</th>
            <th className="num">Attempts</th>
            <th className="num">Duration</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {job.steps.map((s) => (
            <tr key={s.name} data-testid="job-step" data-step={s.name} data-state={s.state}>
              <td>{s.label}</td>
              <td>
                <Badge tone={stateTone(s.state)}>{s.state}</Badge>
              </td>
              <td className="num">{s.attempts}</td>
              <td className="num">{formatDuration(stepDurationMs(s, now))}</td>
              <td className="job-step-message">{s.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {outcome ? (
        <p className="job-outcome" data-testid="job-outcome">
          {outcome}
        </p>
      ) : null}
      {job.error ? (
        <p className="job-error" data-testid="job-error">
          {job.error}
          {job.errorWhere ? <span className="dim"> ({job.errorWhere})</span> : null}
        </p>
      ) : null}
    </section>
  );
}
