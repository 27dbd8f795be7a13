// Every position of the desk (10,000 on a large one), narrowed to the scope.
import { useMemo, useState } from 'react';
import { DataTable } from '../../components/table/DataTable';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Exact } from '../../components/Exact';
import { utcStamp } from '../../format/time';
import { useOnChange } from '../../hooks/useOnChange';
import { useLiveRefresh } from '../../live/live';
import { createPositionViews, positionKey, type PositionView } from '../../model/positions';
import { usePositions } from './store/positions';
import { useScope } from '../../stores/scope';
import { showOrdersFor } from './navigate';
import { positionColumns } from './columns';
import { useDrawer } from '../../hooks/useDrawer';

const TABLES = ['positions'];

export function PositionsTab() {
  const { data, error, load } = usePositions();
  const scope = useScope((s) => `${s.accountId ?? ''}|${s.strategyId ?? ''}`);
  useLiveRefresh(TABLES, load);
  useOnChange(scope, () => void load());
  const [views] = useState(createPositionViews);
  const rows = useMemo(() => views(data ?? []), [views, data]);
  const drawer = useDrawer<PositionView>(rows, positionKey, 'positions-table');

  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <DataTable<PositionView>
        tableId="positions"
        testId="positions-table"
        rowTestId="positions-row"
        data={rows}
        columns={positionColumns}
        getRowId={positionKey}
        onOpen={drawer.open}
        onSelect={drawer.onSelect}
        initialSorting={[]}
        empty={data === null ? 'Loading positions…' : 'No positions in this scope.'}
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
        { label: 'Updated', value: utcStamp(p.updatedAt) },
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
