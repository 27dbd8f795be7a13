// The diff table's columns: a checkbox, severity, kind, what it is about, our value | the broker's |
// the difference (differing fields highlighted), the state, the engine's message. Headings (account,
// strategy) use the first cell and read across the empty ones.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useMemo, type MouseEvent } from 'react';
import type { Discrepancy } from '../../../../shared/api/reconcile';
import '../../components/table/meta';
import { useReconReport } from './store/report';
import { absentText, deltaShown, primaryDelta, sideSegments, subjectText, type Side } from './model/fields';
import { KIND_HINT, KIND_LABEL, RESOLUTION_LABEL, SEVERITY_LABEL } from './model/labels';
import { filterDiscrepancies, discrepancyState, isUnresolved, toggleGroup, type DiffRow, type GroupRow } from './model/rows';

const c = createColumnHelper<DiffRow>();
const discrepancy = (r: DiffRow): Discrepancy | null => (r.type === 'discrepancy' ? r.discrepancy : null);
/** Clicking a box or caret leaves the keyboard focus on the table. */
const keepFocus = (e: MouseEvent) => e.preventDefault();

function Check({ checked, mixed, onToggle, label, testId, itemId }: { checked: boolean; mixed?: boolean; onToggle(): void; label: string; testId: string; itemId?: string }) {
  return (
    <input
      type="checkbox"
      className="rc-check"
      checked={checked}
      ref={(el) => {
        if (el) el.indeterminate = Boolean(mixed);
      }}
      tabIndex={-1}
      onMouseDown={keepFocus}
      onChange={onToggle}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      aria-label={label}
      data-testid={testId}
      data-item={itemId}
    />
  );
}

export function Severity({ severity }: { severity: Discrepancy['severity'] }) {
  return (
    <span className={`rc-sev rc-sev-word-${severity}`}>
      <span className={`rc-sev-dot rc-sev-${severity}`} aria-hidden="true" />
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

function GroupHeading({ row }: { row: GroupRow }) {
  const toggleCollapsed = useReconReport((s) => s.toggleCollapsed);
  const checked = useReconReport((s) => s.checked);
  const setChecked = useReconReport((s) => s.setChecked);
  const toggle = () => setChecked(toggleGroup(checked, row));
  return (
    <span className={`rc-group rc-group-${row.level}`} data-testid="recon-group" data-group={row.id}>
      <button type="button" className="rc-caret" onMouseDown={keepFocus} onClick={() => toggleCollapsed(row.id)} aria-expanded={!row.collapsed} tabIndex={-1} aria-label={row.collapsed ? 'Expand' : 'Collapse'}>
        {row.collapsed ? '▸' : '▾'}
      </button>
      <Check checked={row.checked === 'all'} mixed={row.checked === 'some'} onToggle={toggle} label={`Select the unresolved items of ${row.label}`} testId="recon-group-check" />
      <span className="rc-group-label">{row.label}</span>
      <span className="rc-group-counts">
        {row.total} found
        {row.open ? <span className="rc-group-open"> · {row.open} open</span> : null}
        {row.critical ? <span className="rc-group-critical"> · {row.critical} critical</span> : null}
      </span>
    </span>
  );
}

function ItemCheck({ row }: { row: Extract<DiffRow, { type: 'discrepancy' }> }) {
  const toggleChecked = useReconReport((s) => s.toggleChecked);
  const resolved = row.discrepancy.resolution !== null;
  return (
    <span className="rc-item-check">
      <Check
        checked={row.checked}
        onToggle={() => toggleChecked(row.discrepancy.itemId)}
        label={`Select ${row.discrepancy.itemId}`}
        testId="recon-check"
        itemId={row.discrepancy.itemId}
      />
      {resolved ? <span className="rc-resolved-mark" title="Resolved">✓</span> : null}
    </span>
  );
}

function SideCell({ f, side }: { f: Discrepancy; side: Side }) {
  const segments = sideSegments(f, side);
  if (segments === null) return <span className="rc-absent">{absentText(f, side)}</span>;
  const title = segments.map((s) => s.text).join('');
  return (
    <span className="rc-side num" title={title} data-testid={`recon-cell-${side}`}>
      {segments.map((s, i) =>
        s.diff ? (
          <mark key={i} className="rc-diff" data-testid="recon-diff-field">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}

function StateCell({ f }: { f: Discrepancy }) {
  const state = discrepancyState(f);
  if (state === 'resolved') {
    return (
      <span className={`rc-res rc-res-${f.resolution}`} title={[f.resolutionReason, f.resolvedBy && `by ${f.resolvedBy}`, f.resolvedAt].filter(Boolean).join(' · ')} data-testid="recon-item-state" data-state={f.resolution!}>
        {RESOLUTION_LABEL[f.resolution!]}
      </span>
    );
  }
  return (
    <span className={`rc-res rc-res-${state}`} data-testid="recon-item-state" data-state={state}>
      {state === 'open' ? 'Open' : 'Within tolerance'}
    </span>
  );
}

/** A header with a second line saying what the column holds in this run. */
function Head({ title, sub }: { title: string; sub?: string }) {
  return (
    <span className="rc-th">
      <span className="rc-th-title">{title}</span>
      {sub ? <span className="rc-th-sub">{sub}</span> : null}
    </span>
  );
}

/** The columns for one run: the sides are named after what was compared. */
export function diffColumns(ours: string, broker: string): ColumnDef<DiffRow, any>[] {
  return [
    c.display({
      id: 'check',
      header: () => <HeaderCheck />,
      size: 40,
      enableSorting: false,
      enableColumnFilter: false,
      enableResizing: false,
      enableHiding: false,
      meta: { kind: 'text', fixedWidth: true, label: 'Select' },
      cell: (x) => (x.row.original.type === 'group' ? <GroupHeading row={x.row.original} /> : <ItemCheck row={x.row.original} />),
    }),
    c.accessor((r) => discrepancy(r)?.itemId ?? '', {
      id: 'item',
      header: () => <Head title="Item" />,
      size: 64,
      enableColumnFilter: false,
      meta: { kind: 'id', fixedWidth: true, label: 'Item' },
      cell: (x) => (x.row.original.type === 'discrepancy' ? <span className="mono dim">{x.getValue<string>()}</span> : null),
    }),
    c.accessor((r) => discrepancy(r)?.severity ?? '', {
      id: 'severity',
      header: () => <Head title="Severity" />,
      size: 96,
      enableColumnFilter: false,
      meta: { kind: 'enum', fixedWidth: true, label: 'Severity' },
      cell: (x) => {
        const f = discrepancy(x.row.original);
        return f ? <Severity severity={f.severity} /> : null;
      },
    }),
    c.accessor((r) => (discrepancy(r) ? KIND_LABEL[discrepancy(r)!.kind] : ''), {
      id: 'kind',
      header: () => <Head title="Kind" />,
      size: 168,
      enableColumnFilter: false,
      meta: { kind: 'enum', fixedWidth: true, label: 'Kind' },
      cell: (x) => {
        const f = discrepancy(x.row.original);
        return f ? <span title={KIND_HINT[f.kind]}>{KIND_LABEL[f.kind]}</span> : null;
      },
    }),
    c.accessor((r) => (discrepancy(r) ? subjectText(discrepancy(r)!) : ''), {
      id: 'subject',
      header: () => <Head title="Symbol" sub="order id for orders" />,
      size: 176,
      enableColumnFilter: false,
      meta: { kind: 'text', fixedWidth: true, label: 'Symbol · order', headerTitle: 'The desk symbol, and the order id for order kinds' },
      cell: (x) => {
        const f = discrepancy(x.row.original);
        if (!f) return null;
        return (
          <span title={subjectText(f)}>
            <span className="rc-symbol">{f.symbol ?? ''}</span>
            {f.orderRef ? <span className="mono dim"> {f.symbol ? '· ' : ''}{f.orderRef}</span> : null}
          </span>
        );
      },
    }),
    c.accessor((r) => (discrepancy(r) ? (sideSegments(discrepancy(r)!, 'local') ?? []).map((s) => s.text).join('') : ''), {
      id: 'local',
      header: () => <Head title="Ours" sub={ours} />,
      size: 246,
      enableSorting: false,
      enableColumnFilter: false,
      meta: { kind: 'text', fixedWidth: true, label: 'Ours (local)', headerTitle: 'Our books (the live state or the checkpoint compared); differing fields are highlighted' },
      cell: (x) => (x.row.original.type === 'discrepancy' ? <SideCell f={x.row.original.discrepancy} side="local" /> : null),
    }),
    c.accessor((r) => (discrepancy(r) ? (sideSegments(discrepancy(r)!, 'broker') ?? []).map((s) => s.text).join('') : ''), {
      id: 'broker',
      header: () => <Head title="Broker" sub={broker} />,
      size: 246,
      enableSorting: false,
      enableColumnFilter: false,
      meta: { kind: 'text', fixedWidth: true, label: 'Broker', headerTitle: 'The broker’s snapshot; differing fields are highlighted' },
      cell: (x) => (x.row.original.type === 'discrepancy' ? <SideCell f={x.row.original.discrepancy} side="broker" /> : null),
    }),
    c.accessor((r) => (discrepancy(r) ? primaryDelta(discrepancy(r)!) : null), {
      id: 'delta',
      header: () => <Head title="Difference" sub="broker − ours" />,
      size: 150,
      enableColumnFilter: false,
      meta: { kind: 'text', fixedWidth: true, label: 'Difference (broker − ours)', headerTitle: 'broker − ours, at the precision of the values compared; hover for the exact difference' },
      cell: (x) => {
        const f = discrepancy(x.row.original);
        if (!f) return null;
        const { text, exact, rounded } = deltaShown(f);
        return text ? (
          <span className={`rc-delta num${rounded ? ' rounded' : ''}`} title={rounded ? `exact: ${exact}` : exact} data-testid="recon-cell-delta" data-exact={exact}>
            {text}
          </span>
        ) : (
          <span className="dim">—</span>
        );
      },
    }),
    c.accessor((r) => (discrepancy(r) ? discrepancyState(discrepancy(r)!) : ''), {
      id: 'state',
      header: () => <Head title="State" />,
      size: 146,
      enableColumnFilter: false,
      meta: { kind: 'enum', fixedWidth: true, label: 'State' },
      cell: (x) => (x.row.original.type === 'discrepancy' ? <StateCell f={x.row.original.discrepancy} /> : null),
    }),
    c.accessor((r) => discrepancy(r)?.message ?? '', {
      id: 'message',
      header: () => <Head title="What the engine found" />,
      size: 460,
      enableSorting: false,
      enableColumnFilter: false,
      meta: { kind: 'text', fixedWidth: true, label: 'Message' },
      cell: (x) => {
        const f = discrepancy(x.row.original);
        return f ? (
          <span className="rc-message" title={f.message}>
            {f.message}
          </span>
        ) : null;
      },
    }),
  ];
}

/** Selects or clears every unresolved item the filters show. */
function HeaderCheck() {
  const report = useReconReport((s) => s.report);
  const filters = useReconReport((s) => s.filters);
  const checked = useReconReport((s) => s.checked);
  const setChecked = useReconReport((s) => s.setChecked);
  const shown = useMemo(() => (report ? filterDiscrepancies(report.discrepancies, filters).filter(isUnresolved).map((f) => f.itemId) : []), [report, filters]);
  const n = shown.filter((id) => checked.has(id)).length;
  if (!report) return null;
  return (
    <Check
      checked={shown.length > 0 && n === shown.length}
      mixed={n > 0 && n < shown.length}
      onToggle={() => setChecked(n === shown.length ? new Set() : new Set(shown))}
      label="Select every unresolved item shown"
      testId="recon-check-all"
    />
  );
}
