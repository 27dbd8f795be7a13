// Strategies with their own state document, viewable in full.
import { useMemo } from 'react';
import type { Strategy } from '../../../../shared/domain';
import { DataTable } from '../../components/table/DataTable';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Exact } from '../../components/Exact';
import { shownTime } from '../../format/time';
import { useLiveRefresh } from '../../live/live';
import { inScope } from './model/scope';
import { useStrategies } from '../../stores/book';
import { useScope } from '../../stores/scope';
import { strategyColumns } from './columns';
import { useDrawer } from '../../hooks/useDrawer';

const TABLES = ['strategies'];
const strategyId = (s: Strategy) => s.strategyId;
const searchText = (s: Strategy) => `${s.strategyId} ${s.name} ${s.accountId} ${s.status} ${s.cash} ${JSON.stringify(s.state)}`;

export function StrategiesTab() {
  const { data, error, load } = useStrategies();
  const accountId = useScope((s) => s.accountId);
  const chosen = useScope((s) => s.strategyId);
  useLiveRefresh(TABLES, load);
  const rows = useMemo(() => inScope(data ?? [], { accountId, strategyId: chosen }), [data, accountId, chosen]);
  const drawer = useDrawer<Strategy>(rows, strategyId, 'strategies-table');
  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <DataTable<Strategy>
        tableId="strategies"
        testId="strategies-table"
        rowTestId="strategies-row"
        data={rows}
        columns={strategyColumns}
        getRowId={strategyId}
        onOpen={drawer.open}
        onSelect={drawer.onSelect}
        searchText={searchText}
        empty={data === null ? 'Loading strategies…' : 'No strategies in this scope.'}
      />
      {drawer.openRow ? (
        <DetailDrawer
          title={drawer.openRow.name}
          subtitle={<code>{drawer.openRow.strategyId}</code>}
          onClose={drawer.close}
          json={drawer.openRow.state}
          jsonLabel="Strategy state (JSON)"
          fields={[
            { label: 'Account', value: <code>{drawer.openRow.accountId}</code> },
            { label: 'Status', value: <span className={`status strategy-${drawer.openRow.status}`}>{drawer.openRow.status}</span> },
            { label: 'Cash', value: <Exact value={drawer.openRow.cash} /> },
            { label: 'Updated', value: shownTime(drawer.openRow.updatedAt) },
          ]}
        />
      ) : null}
    </>
  );
}
