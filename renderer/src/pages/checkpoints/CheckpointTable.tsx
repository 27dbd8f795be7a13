// The checkpoints inside the timeline's window, newest first, in the console's table.
import { createColumnHelper, type ColumnDef, type SortingFn } from '@tanstack/react-table';
import { memo, useCallback } from 'react';
import type { CheckpointInfo } from '../../../../shared/api/checkpoints';
import { DataTable } from '../../components/table/DataTable';
import { countSort } from '../../components/table/fns';
import '../../components/table/meta';
import { useCheckpoints } from './store/catalog';
import { PinMark, StatusBadge, TypeBadge } from './badges';
import { formatBytes, STATUS_LABEL, TYPE_LABEL } from './model/labels';

/** The pick box of a row; it follows the picks itself, since table rows only redraw when their data changes. */
function PickCell({ id }: { id: string }) {
  const picked = useCheckpoints((s) => s.picked);
  const byId = useCheckpoints((s) => s.byId);
  const pick = useCheckpoints((s) => s.pick);
  const on = picked.includes(id);
  let letter = '';
  if (on && picked.length === 2) {
    const other = picked.find((p) => p !== id)!;
    letter = (byId.get(id)?.createdAt ?? '') <= (byId.get(other)?.createdAt ?? '') ? 'A' : 'B';
  }
  return (
    <label className="pick" title={on ? 'Picked (click to drop)' : 'Pick to compare'} onMouseDown={(e) => e.stopPropagation()}>
      <input type="checkbox" checked={on} onChange={() => pick(id, true)} data-testid="checkpoint-pick" aria-label={`Pick ${id}`} />
      <span className="pick-letter">{letter}</span>
    </label>
  );
}

const grouped = new Intl.NumberFormat('en-US');

/**
 * A count column measured by its header, not its values: measuring 10,000 counts means 10,000
 * toLocaleString calls (seconds in Chromium), on every catalog reload.
 */
function countColumn(id: string, header: string, read: (r: CheckpointInfo) => number, size: number, extra: { headerTitle?: string; show?: (n: number) => string } = {}) {
  return c.accessor(read, {
    id,
    header,
    size,
    sortingFn: countSort as SortingFn<CheckpointInfo>,
    sortDescFirst: true,
    meta: { kind: 'text', fixedWidth: true, headerTitle: extra.headerTitle },
    cell: (x) => {
      const n = x.getValue<number>();
      return (
        <span className="num cp-count" title={`${grouped.format(n)}`}>
          {extra.show ? extra.show(n) : grouped.format(n)}
        </span>
      );
    },
  });
}

const c = createColumnHelper<CheckpointInfo>();
const columns: ColumnDef<CheckpointInfo, any>[] = [
  c.display({ id: 'pick', header: '', size: 48, enableSorting: false, enableHiding: false, enableResizing: false, meta: { fixedWidth: true }, cell: (x) => <PickCell id={x.row.original.checkpointId} /> }),
  c.accessor('createdAt', { header: 'Taken (UTC)', size: 160, meta: { kind: 'time' } }),
  c.accessor('checkpointId', { header: 'Checkpoint', size: 210, meta: { kind: 'id' } }),
  c.accessor((r) => TYPE_LABEL[r.type], {
    id: 'type',
    header: 'Type',
    size: 120,
    meta: { kind: 'enum', fixedWidth: true },
    cell: (x) => <TypeBadge type={x.row.original.type} />,
  }),
  c.accessor((r) => r.label ?? '', { id: 'label', header: 'Label', size: 240, meta: { kind: 'text', fixedWidth: true } }),
  countColumn('changedRows', 'Rows changed', (r) => r.changedRows, 136, { headerTitle: 'Rows changed since the previous checkpoint' }),
  countColumn('newBytes', 'New data', (r) => r.newBytes, 100, {
    headerTitle: 'Compressed bytes this checkpoint added; chunks shared with others cost nothing',
    show: formatBytes,
  }),
  c.accessor((r) => STATUS_LABEL[r.status], {
    id: 'status',
    header: 'Integrity',
    size: 124,
    meta: { kind: 'enum', fixedWidth: true },
    cell: (x) => <StatusBadge info={x.row.original} testId="checkpoint-row-status" />,
  }),
  c.accessor((r) => (r.pinned ? 'pinned' : ''), { id: 'pinned', header: 'Pin', size: 76, meta: { kind: 'enum', fixedWidth: true }, cell: (x) => <PinMark pinned={x.row.original.pinned} /> }),
  countColumn('positions', 'Positions', (r) => r.counts.positions ?? 0, 96),
  countColumn('orders', 'Orders', (r) => r.counts.orders ?? 0, 96),
];

export const CheckpointTable = memo(function CheckpointTable({ rows, total, onOpen }: { rows: CheckpointInfo[]; total: number; onOpen(id: string): void }) {
  const picked = useCheckpoints((s) => s.picked);
  const pick = useCheckpoints((s) => s.pick);
  const rowClass = useCallback(
    (r: CheckpointInfo) => [picked.includes(r.checkpointId) ? 'row-picked' : '', r.status === 'corrupt' ? 'row-halted' : ''].join(' ').trim() || undefined,
    [picked],
  );
  return (
    <DataTable<CheckpointInfo>
      tableId="checkpoints"
      testId="checkpoints-table"
      rowTestId="checkpoints-row"
      data={rows}
      columns={columns}
      getRowId={(r) => r.checkpointId}
      onSelect={(r) => pick(r.checkpointId)}
      onOpen={(r) => onOpen(r.checkpointId)}
      initialSorting={[{ id: 'createdAt', desc: true }]}
      rowClass={rowClass}
      countOnlyWhenFiltered
      status={
        <span className="dt-status" data-testid="checkpoints-in-window">
          {rows.length === total ? `${total.toLocaleString('en-US')} checkpoints` : `${rows.length.toLocaleString('en-US')} in the window of ${total.toLocaleString('en-US')}`}
        </span>
      }
      empty={total === 0 ? 'No checkpoints yet. Take one with “Take checkpoint”.' : 'No checkpoints in this window: zoom out or drag the brush.'}
    />
  );
});
