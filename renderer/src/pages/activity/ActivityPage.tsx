// The activity list: every job the engine ran or runs (simulations, verifies, rollbacks,
// reconciliations), newest first, from jobs.list and live through job.updated; a job opens to its
// steps; a running one can be cancelled. Above them, this session's desk events (DeskEvents).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DataTable } from '../../components/table/DataTable';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { useNow } from '../../hooks/useNow';
import { useJobs } from '../../jobs/jobs';
import { activityColumns } from './columns';
import { JobSteps } from './JobSteps';
import { DeskEvents } from './DeskEvents';
import { jobRows, type JobRow } from './model/jobs';
import { useActivity } from './store/activity';
import './styles/activity.css';

const jobId = (r: JobRow) => r.jobId;

export function ActivityPage() {
  const jobs = useJobs((s) => s.jobs);
  const loaded = useActivity((s) => s.loaded);
  const error = useActivity((s) => s.error);
  const stamp = useActivity((s) => s.stamp);
  const cancelling = useActivity((s) => s.cancelling);
  const cancelError = useActivity((s) => s.cancelError);
  const { load, cancel } = useActivity.getState();
  useEffect(() => void load(), [load]);

  const anyRunning = useMemo(() => Object.values(jobs).some((j) => j.state === 'running'), [jobs]);
  const now = useNow();
  // Running jobs' durations move with the clock; finished ones do not.
  const clock = anyRunning ? now : 0;
  const rows = useMemo(() => jobRows(jobs, clock || Date.now()), [jobs, clock]);
  const running = rows.filter((r) => r.state === 'running').length;

  const [openId, setOpenId] = useState<string | null>(null);
  const open = jobs[openId ?? ''] ?? null;
  const onOpen = useCallback((r: JobRow) => setOpenId((id) => (id === r.jobId ? null : r.jobId)), []);
  // While a job is open, moving the selection opens the job selected.
  const onSelect = useCallback((r: JobRow) => setOpenId((id) => (id === null ? null : r.jobId)), []);
  const columns = useMemo(() => activityColumns({ busy: cancelling, run: (id) => void cancel(id) }), [cancelling, cancel]);

  return (
    <section className="page page-activity" data-testid="page-activity">
      <PageHeader
        title="Activity"
        stamp={stamp}
        right={
          <span className="dim" data-testid="activity-summary">
            {rows.length.toLocaleString('en-US')} {rows.length === 1 ? 'job' : 'jobs'}
            {running ? ` · ${running} running` : ''}
          </span>
        }
      />
      <div className="page-body explorer-body activity-body">
        {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
        {cancelError ? <ErrorPanel error={cancelError} /> : null}
        <DeskEvents />
        <DataTable<JobRow>
          tableId="activity"
          testId="activity-table"
          rowTestId="activity-row"
          data={rows}
          columns={columns}
          getRowId={jobId}
          onOpen={onOpen}
          onSelect={onSelect}
          rowClass={(r) => (r.jobId === openId ? 'row-open' : undefined)}
          empty={loaded ? 'No jobs yet: simulations, verifies, rollbacks and reconciliations show up here.' : 'Loading jobs…'}
        />
        {open ? <JobSteps job={open} onClose={() => setOpenId(null)} onCancel={() => void cancel(open.jobId)} cancelling={Boolean(cancelling[open.jobId])} /> : null}
      </div>
    </section>
  );
}
