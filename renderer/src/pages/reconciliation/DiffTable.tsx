// The discrepancies of a run, grouped by account and strategy, filtered by kind, severity, state
// and symbol, with the keyboard: arrows move, Space selects, Enter opens (or folds a heading),
// A / L / I resolve the selection (or the current item) after showing what that would do.
import type { SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import type { DiscrepancyKind, ReconcileReport, Resolution } from '../../../../shared/api/reconcile';
import { DISCREPANCY_KINDS } from '../../../../shared/api/reconcile';
import { DataTable, isEditable } from '../../components/table/DataTable';
import { useDesk } from '../../stores/desk';
import { useReconReport } from './store/report';
import { diffColumns } from './diff-columns';
import { againstLabel, KIND_LABEL, SEVERITIES, SEVERITY_LABEL } from './model/labels';
import { filterCounts, filterDiscrepancies, isUnresolved, layoutRows, resolvableChecked, toggleGroup, type DiffRow, type StateFilter } from './model/rows';

const STATES: { id: StateFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'open', label: 'Open' },
  { id: 'tolerance', label: 'Tolerated' },
  { id: 'resolved', label: 'Resolved' },
];

const KEYS: Record<string, Resolution> = { a: 'accept_broker', l: 'keep_local', i: 'ignore' };

const rowId = (r: DiffRow) => r.id;
const rowClass = (r: DiffRow) =>
  r.type === 'group'
    ? `rc-group-row rc-group-row-${r.level}`
    : `rc-item-row${r.checked ? ' rc-checked' : ''}${r.discrepancy.resolution ? ' rc-row-resolved' : r.discrepancy.withinTolerance ? ' rc-row-tolerated' : ''}`;

export function DiffTable({ report }: { report: ReconcileReport }) {
  const filters = useReconReport((s) => s.filters);
  const setFilters = useReconReport((s) => s.setFilters);
  const sorting = useReconReport((s) => s.sorting);
  const setSorting = useReconReport((s) => s.setSorting);
  const collapsed = useReconReport((s) => s.collapsed);
  const toggleCollapsed = useReconReport((s) => s.toggleCollapsed);
  const checked = useReconReport((s) => s.checked);
  const setChecked = useReconReport((s) => s.setChecked);
  const toggleChecked = useReconReport((s) => s.toggleChecked);
  const openDrawer = useReconReport((s) => s.openDrawer);
  const drawerId = useReconReport((s) => s.drawerId);
  const ask = useReconReport((s) => s.ask);
  const desk = useDesk((s) => s.data);

  const columns = useMemo(() => diffColumns(againstLabel(report.against), report.fileName), [report.against, report.fileName]);
  const accountNames = useMemo(() => new Map((desk?.accounts ?? []).map((a) => [a.account.accountId, a.account.name])), [desk]);
  const shown = useMemo(() => filterDiscrepancies(report.discrepancies, filters), [report.discrepancies, filters]);
  const counts = useMemo(() => filterCounts(report.discrepancies, filters), [report.discrepancies, filters]);
  const rows = useMemo(() => layoutRows(shown, { sorting, collapsed, checked, accountNames }), [shown, sorting, collapsed, checked, accountNames]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);

  // The row the keyboard is on (DataTable keeps the highlight; this keeps what it is).
  const cursor = useRef<string | null>(null);
  const lastG = useRef(0);
  const onSelect = useCallback(
    (r: DiffRow) => {
      cursor.current = r.id;
      // An open drawer follows the keyboard.
      if (drawerId !== null && r.type === 'discrepancy') openDrawer(r.id);
    },
    [drawerId, openDrawer],
  );
  const onOpen = useCallback((r: DiffRow) => (r.type === 'group' ? toggleCollapsed(r.id) : openDrawer(r.id)), [toggleCollapsed, openDrawer]);

  const sortingState: SortingState = sorting;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
    // "g" starts the console's page chord ("g a" is the audit page): its second key is not ours.
    if (e.key === 'g') {
      lastG.current = Date.now();
      return;
    }
    if (Date.now() - lastG.current < 1200) return;
    const at = cursor.current ? byId.get(cursor.current) : undefined;
    if (e.key === ' ' && at) {
      e.preventDefault();
      if (at.type === 'group') setChecked(toggleGroup(checked, at));
      else if (isUnresolved(at.discrepancy)) toggleChecked(at.id);
      return;
    }
    if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && at?.type === 'group') {
      e.preventDefault();
      toggleCollapsed(at.id, e.key === 'ArrowLeft');
      return;
    }
    if (e.key === 'Escape' && checked.size && drawerId === null) {
      setChecked(new Set());
      return;
    }
    const resolution = KEYS[e.key.toLowerCase()];
    if (!resolution) return;
    const selected = resolvableChecked(report.discrepancies, checked).map((f) => f.itemId);
    const ids = selected.length ? selected : at?.type === 'discrepancy' && isUnresolved(at.discrepancy) ? [at.id] : [];
    if (!ids.length) return;
    e.preventDefault();
    ask(resolution, ids);
  };

  return (
    <div className="rc-diff-wrap" onKeyDown={onKeyDown}>
      <DataTable<DiffRow>
        tableId="recon-diff"
        testId="recon-diff"
        rowTestId="recon-row"
        data={rows}
        columns={columns}
        getRowId={rowId}
        onOpen={onOpen}
        onSelect={onSelect}
        rowClass={rowClass}
        quickFilter={{ value: filters.text, onChange: (text) => setFilters({ text }), placeholder: 'Symbol, order or item (/)' }}
        sorting={{ state: sortingState, onChange: (s) => setSorting(s.map((x) => ({ id: x.id, desc: x.desc }))) }}
        countOnlyWhenFiltered
        toolbar={
          <>
            <div className="status-chips" role="group" aria-label="Severity">
              {SEVERITIES.map((sev) => {
                const active = filters.severities.includes(sev);
                return (
                  <button
                    key={sev}
                    type="button"
                    className={`chip rc-sev-chip rc-sev-chip-${sev}${active ? ' active' : ''}`}
                    aria-pressed={active}
                    onClick={() => setFilters({ severities: active ? filters.severities.filter((x) => x !== sev) : [...filters.severities, sev] })}
                    data-testid={`recon-filter-severity-${sev}`}
                  >
                    <span className={`rc-sev-dot rc-sev-${sev}`} aria-hidden="true" />
                    {SEVERITY_LABEL[sev]}
                    <span className="chip-count num">{counts.severity[sev]}</span>
                  </button>
                );
              })}
            </div>
            <select
              className="input rc-kind-filter"
              value={filters.kind}
              onChange={(e) => setFilters({ kind: e.target.value as DiscrepancyKind | 'all' })}
              aria-label="Kind"
              data-testid="recon-filter-kind"
            >
              <option value="all">All kinds</option>
              {DISCREPANCY_KINDS.filter((k) => counts.kind[k] || filters.kind === k).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]} ({counts.kind[k] ?? 0})
                </option>
              ))}
            </select>
            <div className="segmented" role="group" aria-label="State">
              {STATES.map((s) => (
                <button
                  key={s.id}
                  type="button"
                  className={`seg${filters.state === s.id ? ' active' : ''}`}
                  aria-pressed={filters.state === s.id}
                  onClick={() => setFilters({ state: s.id })}
                  data-testid={`recon-filter-state-${s.id}`}
                >
                  {s.label} <span className="num dim">{counts.state[s.id]}</span>
                </button>
              ))}
            </div>
          </>
        }
        status={
          <span className="dt-status" data-testid="recon-shown">
            {shown.length === report.discrepancies.length
              ? `${report.discrepancies.length.toLocaleString('en-US')} discrepancies`
              : `${shown.length.toLocaleString('en-US')} of ${report.discrepancies.length.toLocaleString('en-US')} discrepancies`}
          </span>
        }
        empty={report.discrepancies.length === 0 ? 'No differences: the books agree with the broker’s file.' : 'No discrepancies match the filters.'}
      />
    </div>
  );
}
