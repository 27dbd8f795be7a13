// Every reconciliation run, newest first: what was compared with what, and what is still open.
// Enter or double-click reopens a run.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { ReconcileRun } from '../../../../shared/api/reconcile';
import { DataTable } from '../../components/table/DataTable';
import '../../components/table/meta';
import { useReconciliation } from './store/runs';
import { againstLabel, FORMAT_LABEL, STRATEGY_LABEL } from './model/labels';
import { runTone } from './model/summary';

const h = createColumnHelper<ReconcileRun>();
const total = (r: ReconcileRun) => Object.values(r.summary.byKind).reduce((n, v) => n + (v ?? 0), 0);

function columns(open: (runId: string) => void): ColumnDef<ReconcileRun, any>[] {
  return [
    h.accessor('createdAt', { header: 'When (UTC)', size: 160, meta: { kind: 'time' } }),
    h.accessor('runId', {
      header: 'Run',
      size: 196,
      meta: { kind: 'id', fixedWidth: true },
      cell: (c) => (
        <button type="button" className="link" onClick={() => open(c.getValue())} data-testid="recon-open-run" data-run-id={c.getValue()}>
          {c.getValue()}
        </button>
      ),
    }),
    h.accessor((r) => runTone(r.summary), {
      id: 'state',
      header: 'State',
      size: 100,
      meta: { kind: 'enum', fixedWidth: true },
      cell: (c) => {
        const tone = c.getValue<ReturnType<typeof runTone>>();
        return <span className={`rc-state rc-state-${tone}`}>{tone === 'agree' ? 'agrees' : tone === 'open' ? 'open' : 'resolved'}</span>;
      },
    }),
    h.accessor(total, { id: 'discrepancies', header: 'Found', size: 80, meta: { kind: 'count', headerTitle: 'Discrepancies found, including those within tolerance' } }),
    h.accessor((r) => r.summary.unresolved, { id: 'open', header: 'Open', size: 74, meta: { kind: 'count', headerTitle: 'Above tolerance and not resolved yet' } }),
    h.accessor((r) => r.summary.bySeverity.critical ?? 0, { id: 'critical', header: 'Critical', size: 80, meta: { kind: 'count' } }),
    h.accessor((r) => r.summary.verdict, { id: 'verdict', header: 'Verdict', size: 380, meta: { kind: 'text', fixedWidth: true } }),
    h.accessor('fileName', { header: 'Broker file', size: 140, meta: { kind: 'text', fixedWidth: true } }),
    h.accessor((r) => FORMAT_LABEL[r.format], { id: 'format', header: 'Format', size: 112, meta: { kind: 'enum', fixedWidth: true } }),
    h.accessor((r) => againstLabel(r.against), { id: 'against', header: 'Against', size: 250, meta: { kind: 'text', fixedWidth: true } }),
    h.accessor((r) => STRATEGY_LABEL[r.strategy], { id: 'strategy', header: 'Strategy', size: 110, meta: { kind: 'enum', fixedWidth: true } }),
    h.accessor('actor', { header: 'By', size: 100, meta: { kind: 'id', fixedWidth: true } }),
    h.accessor('recheckOf', { header: 'Re-check of', size: 210, meta: { kind: 'id', fixedWidth: true } }),
  ];
}

const runIdOf = (r: ReconcileRun) => r.runId;
const searchText = (r: ReconcileRun) => `${r.runId} ${r.fileName} ${r.format} ${r.against} ${r.strategy} ${r.actor} ${r.summary.verdict}`;

export function HistoryView() {
  const runs = useReconciliation((s) => s.runs);
  const loading = useReconciliation((s) => s.loading);
  const show = useReconciliation((s) => s.show);
  const open = useCallback((runId: string) => show({ kind: 'run', runId }), [show]);
  const cols = useMemo(() => columns(open), [open]);

  if (runs && runs.length === 0) {
    return (
      <div className="panel rc-empty" data-testid="recon-history-empty">
        <h2 className="rc-empty-title">No reconciliation has been run on this desk yet</h2>
        <p>
          A run compares the live state (or a checkpoint) with a snapshot from the broker — CSV, CCXT or Alpaca JSON — and lists every
          difference: positions, orders and cash, with exact tolerances. Nothing changes unless you choose so.
        </p>
        <button type="button" className="btn btn-primary" onClick={() => show({ kind: 'new' })} data-testid="recon-empty-start">
          Start a reconciliation
        </button>
      </div>
    );
  }
  return (
    <DataTable<ReconcileRun>
      tableId="recon-history"
      testId="recon-history"
      rowTestId="recon-history-row"
      data={runs ?? []}
      columns={cols}
      getRowId={runIdOf}
      onOpen={(r) => open(r.runId)}
      searchText={searchText}
      initialSorting={[{ id: 'createdAt', desc: true }]}
      countOnlyWhenFiltered
      status={<span className="dt-status">{runs ? `${runs.length.toLocaleString('en-US')} run${runs.length === 1 ? '' : 's'} · Enter or double-click opens one` : loading ? 'Loading…' : ''}</span>}
      empty={loading ? 'Loading…' : 'No runs.'}
    />
  );
}
