// A destination's snapshots in the console's table: newest first, keyboard-friendly (arrows, Enter
// opens the restore wizard on it), with pin / unpin and the damage the last verify found.
import { createColumnHelper, type ColumnDef, type SortingFn } from '@tanstack/react-table';
import { memo, useCallback, useMemo } from 'react';
import type { SnapshotListing } from '../../../../shared/api/backups';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/table/DataTable';
import { countSort } from '../../components/table/fns';
import '../../components/table/meta';
import { shownTime, utcStamp } from '../../format/time';
import { durationText, formatBytes, TYPE_LABEL } from './model/labels';
import { useBackups } from './store/backups';

function PinCell({ destination, row }: { destination: string; row: SnapshotListing }) {
  const pin = useBackups((s) => s.pin);
  const pinning = useBackups((s) => s.pinning === row.id);
  return (
    <button
      type="button"
      className={`btn btn-small${row.pinned ? ' bk-pinned' : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        void pin(destination, row.id, !row.pinned);
      }}
      disabled={pinning}
      title={row.pinned ? 'Pinned: every retention rule keeps it. Click to unpin.' : 'Pin: keep it whatever the retention rules say'}
      aria-pressed={row.pinned}
      data-testid="snapshot-pin"
    >
      {row.pinned ? 'PINNED' : 'Pin'}
    </button>
  );
}

function DamageCell({ destination, id }: { destination: string; id: string }) {
  const problems = useBackups((s) => s.damaged[destination]?.get(id));
  return problems ? (
    <Badge tone="halt" title={problems.map((p) => `${p.where}: ${p.message}`).join('\n')} testId="snapshot-damaged">
      DAMAGED
    </Badge>
  ) : null;
}

const c = createColumnHelper<SnapshotListing>();

function columns(destination: string): ColumnDef<SnapshotListing, any>[] {
  return [
    c.accessor('createdAt', { header: 'Taken (UTC)', size: 160, meta: { kind: 'time' } }),
    c.accessor('id', { header: 'Snapshot', size: 150, meta: { kind: 'id', fixedWidth: true }, cell: (x) => <code data-testid="snapshot-id">{x.getValue()}</code> }),
    c.accessor((r) => TYPE_LABEL[r.type], { id: 'type', header: 'Type', size: 110, meta: { kind: 'enum', fixedWidth: true } }),
    c.accessor('bytesAdded', {
      header: 'Added',
      size: 92,
      sortingFn: countSort as SortingFn<SnapshotListing>,
      meta: { kind: 'count', fixedWidth: true, headerTitle: 'Stored bytes this backup added (compressed, encrypted); what it shares with others costs nothing' },
      cell: (x) => <span className="num">{formatBytes(x.getValue())}</span>,
    }),
    c.accessor('seconds', { header: 'Took', size: 80, sortingFn: countSort as SortingFn<SnapshotListing>, meta: { kind: 'count', fixedWidth: true }, cell: (x) => <span className="num">{durationText(x.getValue())}</span> }),
    c.accessor((r) => r.verifiedAt ?? '', {
      id: 'verified',
      header: 'Verified',
      size: 168,
      meta: { kind: 'time', fixedWidth: true, headerTitle: 'When a read-data verify last covered every pack it uses' },
      cell: (x) => (x.row.original.verifiedAt ? <span title={utcStamp(x.row.original.verifiedAt)}>{shownTime(x.row.original.verifiedAt, false)}</span> : <span className="dim">not all read</span>),
    }),
    c.accessor((r) => (r.packs ? r.packsVerified / r.packs : 0), {
      id: 'coverage',
      header: 'Packs verified',
      size: 140,
      sortingFn: countSort as SortingFn<SnapshotListing>,
      meta: { kind: 'count', fixedWidth: true, headerTitle: 'Of the packs it uses, how many a read-data verify has read' },
      cell: (x) => (
        <span className="bk-cov" data-testid="snapshot-coverage">
          <span className="bk-cov-bar" aria-hidden="true">
            <span style={{ width: `${x.getValue<number>() * 100}%` }} />
          </span>
          <span className="num">
            {x.row.original.packsVerified}/{x.row.original.packs}
          </span>
        </span>
      ),
    }),
    c.accessor((r) => (r.pinned ? 'pinned' : ''), { id: 'pinned', header: 'Pin', size: 86, meta: { kind: 'enum', fixedWidth: true }, cell: (x) => <PinCell destination={destination} row={x.row.original} /> }),
    c.display({ id: 'damage', header: 'Verify', size: 110, enableSorting: false, meta: { fixedWidth: true }, cell: (x) => <DamageCell destination={destination} id={x.row.original.id} /> }),
    c.accessor((r) => r.reason ?? '', { id: 'reason', header: 'Reason', size: 220, meta: { kind: 'text', fixedWidth: true } }),
  ];
}

export const SnapshotTable = memo(function SnapshotTable({ destination, rows, loading }: { destination: string; rows: SnapshotListing[]; loading: boolean }) {
  const show = useBackups((s) => s.show);
  const damaged = useBackups((s) => s.damaged[destination]);
  const cols = useMemo(() => columns(destination), [destination]);
  const rowClass = useCallback((r: SnapshotListing) => (damaged?.has(r.id) ? 'row-halted' : undefined), [damaged]);
  return (
    <DataTable<SnapshotListing>
      tableId="backup-snapshots"
      testId="snapshots-table"
      rowTestId="snapshot-row"
      data={rows}
      columns={cols}
      getRowId={(r) => r.id}
      onOpen={(r) => show({ kind: 'restore', destination, snapshotId: r.id })}
      initialSorting={[{ id: 'createdAt', desc: true }]}
      rowClass={rowClass}
      status={<span className="dt-status">Enter: restore the snapshot</span>}
      empty={loading ? 'Reading the repository…' : 'No snapshots yet. Take one with “Back up”.'}
    />
  );
});
