// Cash per account and currency.
import { useMemo } from 'react';
import type { CashBalance } from '../../../../shared/domain';
import { DataTable } from '../../components/table/DataTable';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Exact } from '../../components/Exact';
import { shownTime } from '../../format/time';
import { useLiveRefresh } from '../../live/live';
import { inScope } from './model/scope';
import { useBalances } from '../../stores/book';
import { useScope } from '../../stores/scope';
import { balanceColumns } from './columns';
import { useDrawer } from '../../hooks/useDrawer';

const TABLES = ['cash_balances', 'balances'];
const balanceId = (b: CashBalance) => `${b.accountId}/${b.currency}`;

export function BalancesTab() {
  const { data, error, load } = useBalances();
  const accountId = useScope((s) => s.accountId);
  useLiveRefresh(TABLES, load);
  const rows = useMemo(() => inScope(data ?? [], { accountId, strategyId: null }), [data, accountId]);
  const drawer = useDrawer<CashBalance>(rows, balanceId, 'balances-table');
  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <DataTable<CashBalance>
        tableId="balances"
        testId="balances-table"
        rowTestId="balances-row"
        data={rows}
        columns={balanceColumns}
        getRowId={balanceId}
        onOpen={drawer.open}
        onSelect={drawer.onSelect}
        empty={data === null ? 'Loading balances…' : 'No cash balances in this scope.'}
      />
      {drawer.openRow ? (
        <DetailDrawer
          title={`${drawer.openRow.currency} cash`}
          subtitle={<code>{drawer.openRow.accountId}</code>}
          onClose={drawer.close}
          fields={[
            { label: 'Account', value: <code>{drawer.openRow.accountId}</code> },
            { label: 'Currency', value: drawer.openRow.currency },
            { label: 'Amount', value: <Exact value={drawer.openRow.amount} /> },
            { label: 'Updated', value: shownTime(drawer.openRow.updatedAt) },
          ]}
        />
      ) : null}
    </>
  );
}
