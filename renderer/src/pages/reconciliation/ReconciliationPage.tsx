// Reconciliation: our books against the broker's. Three views kept in the address: the history of
// runs, the form that starts a run, and one run's report with its diff table.
import { useEffect } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Crumbs, PageHeader } from '../../components/PageHeader';
import { startReconciliationLive, useReconciliation } from './store/runs';
import { HistoryView } from './HistoryView';
import { RunReport } from './RunReport';
import { StartRun } from './StartRun';
// The page's styles, one file per part, in cascade order.
import './styles/page.css';
import './styles/history.css';
import './styles/start.css';
import './styles/broker-file.css';
import './styles/mapping.css';
import './styles/choices.css';
import './styles/tolerances.css';
import './styles/report.css';
import './styles/summary.css';
import './styles/severity.css';
import './styles/selection.css';
import './styles/diff-table.css';
import './styles/drawer.css';
import './styles/resolve.css';

export function ReconciliationPage() {
  const view = useReconciliation((s) => s.view);
  const show = useReconciliation((s) => s.show);
  const error = useReconciliation((s) => s.error);
  const stamp = useReconciliation((s) => s.stamp);
  const runs = useReconciliation((s) => s.runs);
  const load = useReconciliation((s) => s.load);
  useEffect(() => startReconciliationLive(), []);

  return (
    <section className="page page-reconciliation" data-testid="page-reconciliation" data-view={view.kind}>
      <PageHeader
        title={
          view.kind === 'history' ? (
            'Reconciliation'
          ) : (
            <Crumbs home="Reconciliation" onHome={() => show({ kind: 'history' })} testId="recon-back-to-history">
              {view.kind === 'new' ? 'New run' : <code className="rc-crumb-id">{view.runId}</code>}
            </Crumbs>
          )
        }
        stamp={stamp}
        right={
          <>
            <nav className="rc-views" aria-label="Reconciliation views">
              <button
                type="button"
                className={`tab${view.kind === 'history' ? ' active' : ''}`}
                onClick={() => show({ kind: 'history' })}
                data-testid="recon-tab-history"
              >
                History <span className="tab-count">{runs ? runs.length.toLocaleString('en-US') : ''}</span>
              </button>
            </nav>
            <button
              type="button"
              className={view.kind === 'new' ? 'btn' : 'btn btn-primary'}
              onClick={() => show({ kind: 'new' })}
              disabled={view.kind === 'new'}
              data-testid="recon-new"
            >
              New reconciliation
            </button>
          </>
        }
      />
      <div className={`page-body rc-body rc-body-${view.kind}`}>
        {error && view.kind === 'history' ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
        {view.kind === 'history' ? <HistoryView /> : view.kind === 'new' ? <StartRun /> : <RunReport key={view.runId} runId={view.runId} />}
      </div>
    </section>
  );
}
