// The rows of a diff as change lines: before, after and the exact delta, added rows green,
// removed rows red, filterable by kind, table, account and any column.
import { createColumnHelper, type ColumnDef, type FilterFn, type SortingFn } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { CheckpointDiff } from '../../../../shared/api/checkpoints';
import { DecimalText } from '../../components/DecimalText';
import { DetailDrawer } from '../../components/DetailDrawer';
import { DataTable } from '../../components/table/DataTable';
import '../../components/table/meta';
import { compareDecimalText } from '../../../../shared/decimal-text';
import { matchesDecimalFilter, matchesTextFilter } from '../../../../shared/table-filters';
import {
  CHANGE_KINDS,
  changeLines,
  diffTotal,
  filterLines,
  isDecimalText,
  kindCounts,
  looksDecimal,
  tableLabel,
  valueText,
  type ChangeKind,
  type ChangeLine,
} from './model/compare';
import type { SummaryFilter } from './DiffSummary';

/** Long words and documents are cut in the cell (the drawer shows them whole); decimals never are. */
const CELL_CHARS = 28;
const cut = (text: string | null): string | null =>
  text === null || text.length <= CELL_CHARS || looksDecimal(text) ? text : `${text.slice(0, CELL_CHARS - 1)}…`;

/** Values are decimals or words: decimals compare exactly, anything else as text after them. */
const valueSort: SortingFn<ChangeLine> = (a, b, id) => {
  const x = a.getValue<string | null>(id);
  const y = b.getValue<string | null>(id);
  const dx = isDecimalText(x);
  const dy = isDecimalText(y);
  if (dx && dy) return compareDecimalText(x, y);
  if (dx !== dy) return dx ? -1 : 1;
  return (x ?? '') < (y ?? '') ? -1 : (x ?? '') > (y ?? '') ? 1 : 0;
};
const valueFilter: FilterFn<ChangeLine> = (row, id, filter: string) => {
  const v = row.getValue<string | null>(id);
  return isDecimalText(v) ? matchesDecimalFilter(v, filter) : matchesTextFilter(v, filter);
};
valueFilter.autoRemove = (v) => !v;

const KIND_MARK: Record<ChangeKind, string> = { added: '+ added', removed: '− removed', changed: '~ changed' };

const c = createColumnHelper<ChangeLine>();
const makeColumns = ([beforeLabel, afterLabel]: readonly [string, string]): ColumnDef<ChangeLine, any>[] => [
  c.accessor('kind', {
    header: 'Change',
    size: 96,
    meta: { kind: 'enum', fixedWidth: true },
    cell: (x) => <span className={`chg chg-${x.getValue<ChangeKind>()}`}>{KIND_MARK[x.getValue<ChangeKind>()]}</span>,
  }),
  c.accessor((l) => tableLabel(l.table), { id: 'table', header: 'Table', size: 118, meta: { kind: 'enum', fixedWidth: true } }),
  c.accessor('label', { header: 'Row', size: 230, meta: { kind: 'text', fixedWidth: true } }),
  c.accessor('field', { header: 'Field', size: 170, meta: { kind: 'id', fixedWidth: true } }),
  c.accessor((l) => cut(l.before), { id: 'before', header: beforeLabel, size: 150, sortingFn: valueSort, filterFn: valueFilter, meta: { kind: 'decimal' } }),
  c.accessor((l) => cut(l.after), { id: 'after', header: afterLabel, size: 150, sortingFn: valueSort, filterFn: valueFilter, meta: { kind: 'decimal' } }),
  c.accessor('delta', { header: 'Delta', size: 150, meta: { kind: 'decimal', tone: 'pnl', headerTitle: 'after − before, exact' } }),
  c.accessor('accountId', { header: 'Account', size: 130, meta: { kind: 'id', fixedWidth: true } }),
  c.accessor('strategyId', { header: 'Strategy', size: 170, meta: { kind: 'id', fixedWidth: true } }),
];

const SIDES = ['Before', 'After'] as const;

const rowClass = (l: ChangeLine) => (l.kind === 'added' ? 'row-added' : l.kind === 'removed' ? 'row-removed' : undefined);

export function ChangeTable({
  diff,
  summary,
  onSummary,
  testId = 'change-table',
  sides = SIDES,
}: {
  diff: CheckpointDiff;
  summary: SummaryFilter;
  onSummary(f: SummaryFilter): void;
  testId?: string;
  /** Names of the two sides ("Before"/"After", "Now"/"After rollback"). */
  sides?: readonly [string, string];
}) {
  const columns = useMemo(() => makeColumns(sides), [sides]);
  const [kinds, setKinds] = useState<ReadonlySet<ChangeKind>>(() => new Set(CHANGE_KINDS));
  const [timestamps, setTimestamps] = useState(false);
  const [open, setOpen] = useState<ChangeLine | null>(null);
  const all = useMemo(() => changeLines(diff.rows, { timestamps }), [diff.rows, timestamps]);
  const scoped = useMemo(() => filterLines(all, { table: summary.table, accountId: summary.accountId }), [all, summary.table, summary.accountId]);
  const lines = useMemo(() => filterLines(scoped, { kinds }), [scoped, kinds]);
  const counts = kindCounts(scoped);
  const total = diffTotal(diff);
  const toggle = (k: ChangeKind) =>
    setKinds((s) => {
      const next = new Set(s);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next.size === 0 ? new Set(CHANGE_KINDS) : next;
    });

  return (
    <>
      <DataTable<ChangeLine>
        tableId="checkpoint-changes"
        testId={testId}
        rowTestId="change-row"
        data={lines}
        columns={columns}
        getRowId={(l) => l.id}
        onOpen={setOpen}
        rowClass={rowClass}
        toolbar={
          <>
            <div className="status-chips" role="group" aria-label="Kinds of change">
              {CHANGE_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  className={`chip chg-chip chg-${k}${kinds.has(k) ? ' active' : ''}`}
                  aria-pressed={kinds.has(k)}
                  onClick={() => toggle(k)}
                  data-testid={`change-kind-${k}`}
                >
                  <span className="chip-label">{k}</span>
                  <span className="chip-count num">{counts[k].toLocaleString('en-US')}</span>
                </button>
              ))}
            </div>
            {summary.table || summary.accountId !== undefined ? (
              <button type="button" className="chip active" onClick={() => onSummary({ table: null, accountId: undefined })} data-testid="clear-summary-filter" title="Show every table and account">
                {[summary.table ? tableLabel(summary.table) : null, summary.accountId !== undefined ? (summary.accountId ?? '(desk-wide)') : null].filter(Boolean).join(' · ')} ✕
              </button>
            ) : null}
            <label className="cp-toggle" title="updated_at and heartbeats change with every write">
              <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} data-testid="change-timestamps" /> timestamps
            </label>
          </>
        }
        status={
          diff.rows.length < total ? (
            <span className="dt-status warn" data-testid="change-rows-truncated">
              first {diff.rows.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')} changed rows
            </span>
          ) : null
        }
        empty={total === 0 ? 'The two states are identical.' : 'No changes of the chosen kinds.'}
      />
      {open ? <ChangeDrawer line={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function ChangeDrawer({ line, onClose }: { line: ChangeLine; onClose(): void }) {
  const ch = line.change;
  return (
    <DetailDrawer
      title={
        <>
          <span className={`chg chg-${ch.kind}`}>{KIND_MARK[ch.kind]}</span> {line.label}
        </>
      }
      subtitle={`${tableLabel(ch.table)} · ${ch.key.split('\u001f').join(' / ')}`}
      onClose={onClose}
      fields={[
        { label: 'Account', value: ch.accountId ? <code>{ch.accountId}</code> : null },
        { label: 'Strategy', value: ch.strategyId ? <code>{ch.strategyId}</code> : null },
      ]}
    >
      <div className="section-label">Fields</div>
      <table className="money cp-fields" data-testid="change-fields">
        <thead>
          <tr>
            <th>Field</th>
            <th className="r">Before</th>
            <th className="r">After</th>
            <th className="r">Delta</th>
          </tr>
        </thead>
        <tbody>
          {ch.fields.map((f) => {
            const b = valueText(f.before);
            const a = valueText(f.after);
            return (
              <tr key={f.field}>
                <td className="mono">{f.field}</td>
                <td className="r">{b.kind === 'decimal' ? <DecimalText value={b.text} /> : <span className="cp-val">{b.text ?? '—'}</span>}</td>
                <td className="r">{a.kind === 'decimal' ? <DecimalText value={a.text} /> : <span className="cp-val">{a.text ?? '—'}</span>}</td>
                <td className="r">
                  <DecimalText value={f.delta} tone="pnl" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </DetailDrawer>
  );
}
