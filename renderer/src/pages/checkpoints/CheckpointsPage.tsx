// Checkpoints: the timeline of every checkpoint, one checkpoint inspected, two compared, and the
// rollback wizard. Which of these shows is kept in the address (model/route.ts).
import { useEffect } from 'react';
import { Badge } from '../../components/Badge';
import { useCheckpointAge } from '../../components/CheckpointStaleness';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProgressBar } from '../../jobs/ProgressBar';
import { RelativeTime } from '../../components/RelativeTime';
import { Crumbs, PageHeader } from '../../components/PageHeader';
import { startCheckpointsLive, useCheckpoints } from './store/catalog';
import { CompareView } from './CompareView';
import { CreateCheckpoint } from './CreateCheckpoint';
import { DetailView } from './DetailView';
import { formatSpan } from './model/timeline';
import { RollbackWizard } from './RollbackWizard';
import { TimelineView } from './TimelineView';
// The page's styles, one file per part, in cascade order.
import './styles/page.css';
import './styles/head.css';
import './styles/badges.css';
import './styles/timeline.css';
import './styles/catalog.css';
import './styles/selection.css';
import './styles/detail.css';
import './styles/compare.css';
import './styles/rollback.css';

const TITLES = { timeline: null, detail: 'Checkpoint', compare: 'Compare', rollback: 'Rollback' } as const;

export function CheckpointsPage() {
  const view = useCheckpoints((s) => s.view);
  const show = useCheckpoints((s) => s.show);
  const error = useCheckpoints((s) => s.error);
  const stamp = useCheckpoints((s) => s.stamp);
  const load = useCheckpoints((s) => s.load);
  useEffect(() => startCheckpointsLive(), []);

  return (
    <section className="page page-checkpoints" data-testid="page-checkpoints" data-view={view.kind}>
      <PageHeader
        title={
          view.kind === 'timeline' ? (
            'Checkpoints'
          ) : (
            <Crumbs home="Checkpoints" onHome={() => show({ kind: 'timeline' })} testId="back-to-timeline">
              {TITLES[view.kind]}
            </Crumbs>
          )
        }
        stamp={stamp}
        right={
          <>
            <CatalogStatus />
            <VerifyAll />
            <CreateCheckpoint />
          </>
        }
      />
      <div className={`page-body cp-body cp-body-${view.kind}`}>
        {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
        {view.kind === 'timeline' ? (
          <TimelineView />
        ) : view.kind === 'detail' ? (
          <DetailView key={view.id} id={view.id} />
        ) : view.kind === 'compare' ? (
          <CompareView from={view.from} to={view.to} />
        ) : (
          <RollbackWizard id={view.id} />
        )}
      </div>
    </section>
  );
}

/** How many checkpoints, how old the newest, and how much changed since. */
function CatalogStatus() {
  const data = useCheckpoints((s) => s.data);
  const changed = useCheckpoints((s) => s.changedRows);
  const age = useCheckpointAge();
  if (!data) return null;
  const { staleness, checkpoints } = data;
  const changedRows = changed ?? data.changedRows;
  return (
    <div className="cp-status" data-testid="catalog-status">
      <span>
        <span className="num" data-testid="checkpoint-count">
          {checkpoints.length.toLocaleString('en-US')}
        </span>{' '}
        <span className="dim">checkpoints</span>
      </span>
      <span className="sep">·</span>
      <span>
        <span className="dim">newest</span> <RelativeTime iso={staleness.newestAt} />
      </span>
      <span className="sep">·</span>
      <span title="Rows of the live state changed since the newest checkpoint: what a rollback to it would undo">
        <span className="num" data-testid="changed-since">
          {changedRows.toLocaleString('en-US')}
        </span>{' '}
        <span className="dim">{changedRows === 1 ? 'row' : 'rows'} changed since</span>
      </span>
      {(age?.stale ?? staleness.stale) ? (
        <Badge tone="warn" testId="checkpoints-stale" title={`No checkpoint for longer than ${formatSpan(staleness.staleAfterSeconds * 1000)}`}>
          STALE
        </Badge>
      ) : null}
    </div>
  );
}

/** Rehash every checkpoint's chunks and recompute its roots: the whole catalog, with progress and Cancel. */
function VerifyAll() {
  const job = useCheckpoints((s) => s.verifyAllJob);
  const result = useCheckpoints((s) => s.verifyAllResult);
  const error = useCheckpoints((s) => s.verifyAllError);
  const verifyAll = useCheckpoints((s) => s.verifyAll);
  const cancel = useCheckpoints((s) => s.cancelVerifyAll);
  const running = job?.state === 'running';
  return (
    <div className="cp-verify-all" data-testid="verify-all">
      {running ? <ProgressBar job={job} testId="verify-all-progress" /> : null}
      {!running && result ? (
        result.corrupt.length === 0 ? (
          <Badge tone="ok" testId="verify-all-result" title={`${result.checked.toLocaleString('en-US')} checkpoints rehashed`}>
            ALL {result.checked.toLocaleString('en-US')} OK
          </Badge>
        ) : (
          <Badge tone="halt" testId="verify-all-result" title={result.corrupt.join(', ')}>
            {result.corrupt.length} CORRUPT
          </Badge>
        )
      ) : null}
      {!running && job?.state === 'cancelled' ? (
        <Badge tone="warn" testId="verify-all-cancelled" title="Stopped on request; the checkpoints verified before stay recorded">
          CANCELLED
        </Badge>
      ) : null}
      {!running && error ? (
        <Badge tone="halt" title={error.message}>
          VERIFY FAILED
        </Badge>
      ) : null}
      <button type="button" className="btn" onClick={() => void verifyAll()} disabled={running} data-testid="verify-all-button" title="Rehash every chunk of every checkpoint">
        {running ? 'Verifying…' : 'Verify all'}
      </button>
      {running ? (
        <button type="button" className="btn btn-ghost" onClick={() => void cancel()} data-testid="verify-all-cancel" title="Stop verifying; the checkpoints verified so far stay recorded">
          Cancel
        </button>
      ) : null}
    </div>
  );
}
