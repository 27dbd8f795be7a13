// The desk's positions (10,000 on a large one), narrowed to the scope: one window of the server's
// sorted list at a time, fetched as the table scrolls; live changes patch the rows they name.
import { useCallback, useMemo, useState } from 'react';
import type { SortingState } from '@tanstack/react-table';
import type { PositionColumn } from '../../../../shared/list-columns';
import type { PositionSort } from '../../../../shared/positions';
import { sameFilters, type ColumnFilters } from '../../../../shared/table-filters';
import { DataTable } from '../../components/table/DataTable';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Exact } from '../../components/Exact';
import { shownTime } from '../../format/time';
import { useOnChange } from '../../hooks/useOnChange';
import { useSentOnPause } from '../../hooks/useSentOnPause';
import { useLiveRows } from '../../live/live';
import { createPositionViews, positionKey, type PositionView } from '../../model/positions';
import { usePositionQuery, usePositions } from './store/positions';
import { useScope } from '../../stores/scope';
import { showOrdersFor } from './navigate';
import { positionColumns } from './columns';
import { useDrawer } from '../../hooks/useDrawer';

export function PositionsTab() {
  const page = usePositions((s) => s.page);
  const error = usePositions((s) => s.error);
  const { load, reset, patch, showRange } = usePositions.getState();
  const sort = usePositionQuery((s) => s.sort);
  const direction = usePositionQuery((s) => s.direction);
  const sentSearch = usePositionQuery((s) => s.search);
  const sentFilters = usePositionQuery((s) => s.filters);
  const setQuery = usePositionQuery((s) => s.set);
  const scope = useScope((s) => `${s.accountId ?? ''}|${s.strategyId ?? ''}`);
  useLiveRows('positions', { load, patch });
  useOnChange(scope, () => void reset());

  // Typing searches and filters on the server once the person pauses.
  const [search, setSearch] = useSentOnPause(sentSearch, useCallback((search: string) => setQuery({ search }), [setQuery]));
  const [filters, setFilters] = useSentOnPause<ColumnFilters>(
    sentFilters,
    // The table's column ids are the list's columns; the server refuses any other.
    useCallback((filters: ColumnFilters) => setQuery({ filters: filters as ColumnFilters<PositionColumn> }), [setQuery]),
    sameFilters,
  );

  const [views] = useState(createPositionViews);
  const rows = useMemo(() => views(page?.rows ?? []), [views, page]);
  const drawer = useDrawer<PositionView>(rows, positionKey, 'positions-table');
  const sorting: SortingState = useMemo(() => (sort ? [{ id: sort, desc: direction === 'desc' }] : []), [sort, direction]);
  const windowProps = useMemo(
    () => (page ? { total: page.total, offset: page.offset, of: page.inScope, onRange: showRange } : { total: 0, offset: 0, onRange: showRange }),
    [page, showRange],
  );

  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <DataTable<PositionView>
        tableId="positions"
        testId="positions-table"
        rowTestId="positions-row"
        data={rows}
        window={windowProps}
        columns={positionColumns}
        getRowId={positionKey}
        onOpen={drawer.open}
        onSelect={drawer.onSelect}
        quickFilter={{ value: search, onChange: setSearch, placeholder: 'Search symbol, account, strategy (/)' }}
        columnFilters={{ state: filters, onChange: setFilters }}
        sorting={{
          state: sorting,
          onChange: (next) => {
            const first = next[0];
            setQuery(first ? { sort: first.id as PositionSort, direction: first.desc ? 'desc' : 'asc' } : { sort: undefined, direction: 'asc' });
          },
        }}
        empty={page === null ? 'Loading positions…' : 'No positions in this scope.'}
      />
      {drawer.openRow ? <PositionDetails position={drawer.openRow} onClose={drawer.close} /> : null}
    </>
  );
}
function PositionDetails({ position: p, onClose }: { position: PositionView; onClose(): void }) {
  return (
    <DetailDrawer
      title={p.symbol}
      subtitle={`${p.accountId} · ${p.strategyId}`}
      onClose={onClose}
      fields={[
        { label: 'Account', value: <code>{p.accountId}</code> },
        { label: 'Strategy', value: <code>{p.strategyId}</code> },
        { label: 'Quantity', value: <Exact value={p.quantity} /> },
        { label: 'Average price', value: <Exact value={p.avgPrice} /> },
        { label: 'Last price', value: <Exact value={p.lastPrice} /> },
        { label: 'Market value', value: <Exact value={p.marketValue} /> },
        { label: 'Cost basis', value: <Exact value={p.costBasis} /> },
        { label: 'Unrealized P&L', value: <Exact value={p.unrealizedPnl} tone="pnl" /> },
        { label: 'Currency', value: p.currency },
        { label: 'Updated', value: shownTime(p.updatedAt) },
      ]}
    >
      <div className="drawer-actions">
        <button type="button" className="btn" onClick={() => showOrdersFor(p.symbol, p.accountId, p.strategyId)}>
          Orders for {p.symbol} in this strategy →
        </button>
      </div>
    </DetailDrawer>
  );
}
