// Risk state per account and strategy; halted rows stand out.
import { useMemo } from 'react';
import type { RiskState } from '../../../../shared/domain';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/table/DataTable';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Exact } from '../../components/Exact';
import { shownTime } from '../../format/time';
import { useLiveRefresh } from '../../live/live';
import { inScope } from './model/scope';
import { useRisk } from '../../stores/book';
import { useScope } from '../../stores/scope';
import { riskColumns } from './columns';
import { useDrawer } from '../../hooks/useDrawer';

const TABLES = ['risk_state', 'risk'];
const riskId = (r: RiskState) => `${r.accountId}/${r.strategyId}`;
const rowClass = (r: RiskState) => (r.tradingEnabled ? undefined : 'row-halted');

export function RiskTab() {
  const { data, error, load } = useRisk();
  const accountId = useScope((s) => s.accountId);
  const strategyId = useScope((s) => s.strategyId);
  useLiveRefresh(TABLES, load);
  const rows = useMemo(() => inScope(data ?? [], { accountId, strategyId }), [data, accountId, strategyId]);
  const halted = rows.filter((r) => !r.tradingEnabled).length;
  const drawer = useDrawer<RiskState>(rows, riskId, 'risk-table');
  const open = drawer.openRow;
  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <DataTable<RiskState>
        tableId="risk"
        testId="risk-table"
        rowTestId="risk-row"
        data={rows}
        columns={riskColumns}
        getRowId={riskId}
        onOpen={drawer.open}
        onSelect={drawer.onSelect}
        rowClass={rowClass}
        status={
          halted > 0 ? (
            <Badge tone="halt" testId="risk-halted-count">
              {halted} halted
            </Badge>
          ) : null
        }
        empty={data === null ? 'Loading risk state…' : 'No risk state in this scope.'}
      />
      {open ? (
        <DetailDrawer
          title={open.strategyId ? `Risk · ${open.strategyId}` : `Risk · account ${open.accountId}`}
          subtitle={open.tradingEnabled ? <Badge tone="ok">TRADING ENABLED</Badge> : <Badge tone="halt">HALTED</Badge>}
          onClose={drawer.close}
          json={open.limits}
          jsonLabel="Limits"
          fields={[
            { label: 'Account', value: <code>{open.accountId}</code> },
            { label: 'Strategy', value: open.strategyId ? <code>{open.strategyId}</code> : '(whole account)' },
            { label: 'Halt reason', value: open.haltReason },
            { label: 'Peak value', value: <Exact value={open.peakValue} /> },
            { label: 'Daily start value', value: <Exact value={open.dailyStartValue} /> },
            ...Object.entries(open.limits).map(([name, value]) => ({ label: name, value: <Exact value={value} /> })),
            { label: 'Updated', value: shownTime(open.updatedAt) },
          ]}
        />
      ) : null}
    </>
  );
}
