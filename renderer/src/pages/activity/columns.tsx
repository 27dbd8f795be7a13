// Columns of the activity list.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { Badge } from '../../components/Badge';
import { ProgressTrack } from '../../components/ProgressTrack';
import { jobFraction } from '../../jobs/jobs';
import { formatDuration, stateTone, type JobRow } from './model/jobs';
import '../../components/table/meta';

const j = createColumnHelper<JobRow>();

export function activityColumns(cancel: { busy: Record<string, true>; run(jobId: string): void }): ColumnDef<JobRow, any>[] {
  return [
    j.accessor('state', {
      header: 'State',
      size: 110,
      meta: { kind: 'enum', fixedWidth: true },
      cell: (c) => (
        <Badge tone={stateTone(c.getValue())} testId="job-state">
          {c.getValue<string>()}
        </Badge>
      ),
    }),
    j.display({
      id: 'actions',
      header: '',
      size: 90,
      meta: { fixedWidth: true },
      cell: (c) =>
        c.row.original.state === 'running' ? (
          <button
            type="button"
            className="btn btn-small"
            disabled={Boolean(cancel.busy[c.row.original.jobId])}
            onMouseDown={(e) => e.stopPropagation()}
            onClick={() => cancel.run(c.row.original.jobId)}
            data-testid="job-cancel"
          >
            Cancel
          </button>
        ) : null,
    }),
    j.accessor('kindLabel', { header: 'Kind', size: 150, meta: { kind: 'enum', label: 'Kind' } }),
    j.accessor('startedAt', { header: 'Started (UTC)', size: 160, meta: { kind: 'time' } }),
    j.accessor('durationMs', {
      header: 'Duration',
      size: 100,
      meta: { kind: 'count', fixedWidth: true },
      cell: (c) => <span className="num">{formatDuration(c.getValue())}</span>,
    }),
    j.accessor('progress', {
      header: 'Progress',
      size: 190,
      enableSorting: false,
      meta: { kind: 'text', fixedWidth: true },
      cell: (c) => {
        const row = c.row.original;
        return (
          <span className="job-progress" data-testid="job-progress">
            {row.state === 'running' ? <ProgressTrack fraction={jobFraction(row.job)} label={row.job.progress.message} /> : null}
            <span className="num dim">{c.getValue<string>()}</span>
          </span>
        );
      },
    }),
    j.accessor('message', { header: 'Message', size: 300, enableSorting: false, meta: { kind: 'text' } }),
    j.accessor('jobId', { header: 'Job id', size: 210, meta: { kind: 'id' } }),
  ];
}
