// One run's report: the verdict and what was compared, the summary (counts, accounts, cash
// differences), the diff table with its selection bar, the item drawer and the resolve dialog.
import { useEffect } from 'react';
import type { ReconcileReport } from '../../../../shared/api/reconcile';
import { ErrorPanel } from '../../components/ErrorPanel';
import { RelativeTime } from '../../components/RelativeTime';
import { shortHash, utcStamp } from '../../format/time';
import { useReconciliation } from './store/runs';
import { followReport, useReconReport } from './store/report';
import { DiffTable } from './DiffTable';
import { ExportButtons } from './ExportButtons';
import { DiscrepancyDrawer } from './DiscrepancyDrawer';
import { againstLabel, FORMAT_LABEL, RESOLUTION_LABEL, STRATEGY_LABEL } from './model/labels';
import { resolvableChecked } from './model/rows';
import { runTone } from './model/summary';
import { describeTolerances } from './model/tolerances';
import { ReportSummary } from './ReportSummary';
import { ResolveDialog } from './ResolveDialog';
import { BrokerNotes } from './BrokerNotes';

export function RunReport({ runId }: { runId: string }) {
  const open = useReconReport((s) => s.open);
  const report = useReconReport((s) => s.report);
  const error = useReconReport((s) => s.error);
  const reload = useReconReport((s) => s.reload);
  useEffect(() => {
    void open(runId);
  }, [open, runId]);
  useEffect(() => followReport(), []);

  if (!report || report.runId !== runId) {
    return error ? <ErrorPanel error={error} title={`Run ${runId} cannot be shown`} onRetry={() => void reload()} /> : <div className="dim rc-loading">Loading run {runId}…</div>;
  }
  return (
    <div className="rc-report" data-testid="recon-report" data-run-id={report.runId}>
      <RunHeader report={report} />
      {error ? <ErrorPanel error={error} title="The report could not be refreshed" onRetry={() => void reload()} /> : null}
      <ReportSummary report={report} />
      <SelectionBar report={report} />
      <DiffTable report={report} />
      <DiscrepancyDrawer report={report} />
      <ResolveDialog report={report} />
    </div>
  );
}

const TONE_WORD = { agree: 'AGREES', open: 'NEEDS A DECISION', resolved: 'ALL RESOLVED' } as const;

function RunHeader({ report }: { report: ReconcileReport }) {
  const show = useReconciliation((s) => s.show);
  const recheck = useReconReport((s) => s.recheck);
  const rechecking = useReconReport((s) => s.rechecking);
  const recheckError = useReconReport((s) => s.recheckError);
  const tone = runTone(report.summary);
  const tolerances = describeTolerances(report.tolerances);
  return (
    <header className="rc-run-head">
      <div className={`rc-verdict rc-verdict-${tone}`} data-testid="recon-verdict-line" data-tone={tone}>
        <span className="rc-verdict-tag">{TONE_WORD[tone]}</span>
        <span className="rc-verdict-text" data-testid="recon-verdict">
          {report.summary.verdict}
        </span>
        <div className="rc-run-actions">
          <button
            type="button"
            className="btn"
            onClick={() => void recheck().then((id) => id && show({ kind: 'run', runId: id }))}
            disabled={rechecking}
            title="Compare the same broker snapshot with the books as they are now (after resolutions), as a new run"
            data-testid="recon-recheck"
          >
            {rechecking ? 'Re-checking…' : 'Re-check now'}
          </button>
          <ExportButtons runId={report.runId} />
        </div>
      </div>
      {recheckError ? <ErrorPanel error={recheckError} title="The re-check failed" /> : null}
      {report.summary.local?.notes.length ? (
        <ul className="rc-local-notes" data-testid="recon-local-notes">
          {report.summary.local.notes.map((n) => (
            <li key={n} className={n.startsWith('WARNING') ? 'rc-local-warning' : undefined}>
              {n}
            </li>
          ))}
        </ul>
      ) : null}
      <BrokerNotes notes={report.summary.broker?.notes} testId="recon-broker-notes" />
      <div className="rc-run-meta" data-testid="recon-run-meta">
        <span>
          <code>{report.fileName}</code> <span className="dim">({FORMAT_LABEL[report.format]}, sha256 </span>
          <code title={report.fileSha256}>{shortHash(report.fileSha256)}</code>
          <span className="dim">)</span>
        </span>
        <span className="sep">vs</span>
        <span data-testid="recon-run-against">{againstLabel(report.against)}</span>
        <span className="sep">·</span>
        <span>{STRATEGY_LABEL[report.strategy]}</span>
        {report.checkpointId ? (
          <>
            <span className="sep">·</span>
            <span title="Taken before the sync: roll back to it to undo">
              checkpoint first <code>{report.checkpointId}</code>
            </span>
          </>
        ) : null}
        <span className="sep">·</span>
        <span title={utcStamp(report.createdAt)}>
          run <RelativeTime iso={report.createdAt} /> by <code>{report.actor}</code>
        </span>
        {report.recheckOf ? (
          <>
            <span className="sep">·</span>
            <span>
              re-check of{' '}
              <button type="button" className="link" onClick={() => show({ kind: 'run', runId: report.recheckOf! })}>
                {report.recheckOf}
              </button>
            </span>
          </>
        ) : null}
        <span className="sep">·</span>
        <span className="dim" title={tolerances.map((t) => `${t.scope || 'desk'}: ${t.text}`).join('\n')}>
          tolerances: {tolerances[0].text}
          {tolerances.length > 1 ? ` (+${tolerances.length - 1} account override${tolerances.length > 2 ? 's' : ''})` : ''}
        </span>
      </div>
    </header>
  );
}

/** What is selected and what can be done with it; the effect is shown in the dialog before anything applies. */
function SelectionBar({ report }: { report: ReconcileReport }) {
  const checked = useReconReport((s) => s.checked);
  const setChecked = useReconReport((s) => s.setChecked);
  const ask = useReconReport((s) => s.ask);
  const last = useReconReport((s) => s.lastResolved);
  const resolvable = resolvableChecked(report.discrepancies, checked).map((f) => f.itemId);
  if (checked.size === 0) {
    return (
      <div className="rc-selection rc-selection-empty" data-testid="recon-selection">
        {last ? (
          <span data-testid="recon-last-resolved">
            {RESOLUTION_LABEL[last.resolution]}: {last.itemIds.length === 1 ? last.itemIds[0] : `${last.itemIds.length} items`}.
          </span>
        ) : null}
        <span className="dim">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Space</kbd> select · <kbd>Enter</kbd> details · <kbd>A</kbd> accept broker · <kbd>L</kbd> keep ours · <kbd>I</kbd> ignore
        </span>
      </div>
    );
  }
  return (
    <div className="rc-selection" data-testid="recon-selection">
      <span data-testid="recon-selected-count">
        <strong>{checked.size}</strong> selected{resolvable.length !== checked.size ? `, ${resolvable.length} unresolved` : ''}
      </span>
      <button type="button" className="btn" disabled={!resolvable.length} onClick={() => ask('accept_broker', resolvable)} data-testid="recon-bulk-accept">
        Accept broker’s values… <kbd>A</kbd>
      </button>
      <button type="button" className="btn" disabled={!resolvable.length} onClick={() => ask('keep_local', resolvable)} data-testid="recon-bulk-keep">
        Keep ours… <kbd>L</kbd>
      </button>
      <button type="button" className="btn" disabled={!resolvable.length} onClick={() => ask('ignore', resolvable)} data-testid="recon-bulk-ignore">
        Ignore… <kbd>I</kbd>
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => setChecked(new Set())} data-testid="recon-bulk-clear">
        Clear selection
      </button>
    </div>
  );
}
