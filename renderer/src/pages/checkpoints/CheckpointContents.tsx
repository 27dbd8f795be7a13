// A checkpoint's rows in the state explorer's tables: the same columns, exact decimals, filters.
import { useEffect, useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { CashBalance, Order, Position, RiskState, Strategy } from '../../../../shared/domain';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { DataTable } from '../../components/table/DataTable';
import { positionKey, positionView } from '../../model/positions';
import { useCheckpointDetail, type CheckpointTable } from './store/detail';
import { balanceColumns, orderColumns, ORDER_HIDDEN, positionColumns, riskColumns, strategyColumns } from '../explorer/columns';

interface TabSpec {
  id: CheckpointTable;
  label: string;
  columns: ColumnDef<any, any>[];
  rowId(row: any): string;
  shape?(rows: unknown[]): unknown[];
  hidden?: string[];
}

// The explorer sorts orders on the server; here every row is at hand, so every column sorts.
const localOrderColumns = orderColumns.map((c) => ({ ...c, enableSorting: true }));

const TABS: TabSpec[] = [
  { id: 'positions', label: 'Positions', columns: positionColumns, rowId: positionKey, shape: (rows) => (rows as Position[]).map(positionView) },
  { id: 'orders', label: 'Orders', columns: localOrderColumns, rowId: (o: Order) => o.orderId, hidden: ORDER_HIDDEN },
  { id: 'strategies', label: 'Strategies', columns: strategyColumns, rowId: (s: Strategy) => s.strategyId },
  { id: 'cash_balances', label: 'Balances', columns: balanceColumns, rowId: (b: CashBalance) => `${b.accountId}/${b.currency}` },
  { id: 'risk_state', label: 'Risk', columns: riskColumns, rowId: (r: RiskState) => `${r.accountId}/${r.strategyId}` },
];

export function CheckpointContents({ counts }: { counts: Record<string, number> }) {
  const [tab, setTab] = useState<CheckpointTable>('positions');
  const spec = TABS.find((t) => t.id === tab)!;
  const entry = useCheckpointDetail((s) => s.tables[tab]);
  const loadTable = useCheckpointDetail((s) => s.loadTable);
  useEffect(() => void loadTable(tab), [tab, loadTable]);
  const rows = useMemo(() => {
    const raw = entry?.data?.rows ?? [];
    return spec.shape ? spec.shape(raw) : raw;
  }, [entry?.data, spec]);
  const [openRow, setOpenRow] = useState<unknown>(null);

  return (
    <section className="cp-contents" data-testid="checkpoint-contents">
      <div className="tabs cp-tabs" role="tablist" aria-label="Checkpoint tables">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => setTab(t.id)}
            data-testid={`checkpoint-tab-${t.id}`}
          >
            {t.label}
            {counts[t.id] !== undefined ? <span className="tab-count num">{counts[t.id].toLocaleString('en-US')}</span> : null}
          </button>
        ))}
      </div>
      {entry?.error ? <ErrorPanel error={entry.error} onRetry={() => void loadTable(tab)} /> : null}
      <DataTable<any>
        key={tab}
        tableId={`checkpoint-${tab}`}
        testId="checkpoint-rows-table"
        rowTestId="checkpoint-row"
        data={rows}
        columns={spec.columns}
        getRowId={spec.rowId}
        onOpen={setOpenRow}
        initialHidden={spec.hidden}
        status={
          entry?.data && entry.data.total > entry.data.rows.length ? (
            <span className="dt-status warn">
              showing {entry.data.rows.length.toLocaleString('en-US')} of {entry.data.total.toLocaleString('en-US')}
            </span>
          ) : null
        }
        empty={entry?.loading || !entry ? 'Loading rows from the checkpoint…' : `No ${spec.label.toLowerCase()} in this checkpoint.`}
      />
      {openRow ? (
        <DetailDrawer title={spec.label.replace(/s$/, '')} subtitle={spec.rowId(openRow)} fields={[]} json={openRow} jsonLabel="As stored in the checkpoint" onClose={() => setOpenRow(null)} />
      ) : null}
    </section>
  );
}
