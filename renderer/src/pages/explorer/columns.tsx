// Column definitions of the state explorer's tables.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { CashBalance, Order, RiskState, Strategy } from '../../../../shared/domain';
import { ORDER_COLUMNS, POSITION_COLUMNS } from '../../../../shared/list-columns';
import type { FilterKind } from '../../../../shared/table-filters';
import { Badge } from '../../components/Badge';
import type { PositionView } from '../../model/positions';
import { displayPlaces, roundForDisplay } from '../../format/rounding';
import { columnIdOf } from '../../components/table/measure';
import '../../components/table/meta';

/**
 * A windowed list's columns. Which of them hold decimals is shared/list-columns.ts's word — the
 * server filters and sorts them by it — so their definitions here give no kind; the rest keep theirs.
 */
function listColumns<T>(kinds: Record<string, FilterKind>, defs: ColumnDef<T, any>[]): ColumnDef<T, any>[] {
  return defs.map((d) => {
    const decimal = kinds[columnIdOf(d)] === 'decimal';
    return { ...d, meta: { ...d.meta, kind: decimal ? 'decimal' : (d.meta?.kind ?? 'text') } };
  });
}

/** Derived money (quantity × price) at the position currency's precision; exact on hover. */
const inCurrency = (value: string, row: { currency: string }) => roundForDisplay(value, displayPlaces(row.currency));
const ROUNDED = 'Worked out from quantity and prices, shown at the currency’s precision; hover a value for the exact amount';

const p = createColumnHelper<PositionView>();
export const positionColumns = listColumns<PositionView>(POSITION_COLUMNS, [
  p.accessor('accountId', { header: 'Account', size: 130, meta: { kind: 'id' } }),
  p.accessor('strategyId', { header: 'Strategy', size: 150, meta: { kind: 'id' } }),
  p.accessor('symbol', { header: 'Symbol', size: 110, meta: { kind: 'text' } }),
  p.accessor('quantity', { header: 'Quantity', size: 170 }),
  p.accessor('avgPrice', { header: 'Avg price', size: 150, meta: { label: 'Average price' } }),
  p.accessor('lastPrice', { header: 'Last', size: 150, meta: { label: 'Last price' } }),
  p.accessor('unrealizedPnl', {
    header: 'Unrl. P&L',
    size: 160,
    meta: { tone: 'pnl', label: 'Unrealized P&L', display: inCurrency, headerTitle: ROUNDED },
  }),
  p.accessor('marketValue', {
    header: 'Mkt value',
    size: 170,
    meta: { label: 'Market value', display: inCurrency, headerTitle: ROUNDED },
  }),
  p.accessor('costBasis', { header: 'Cost basis', size: 170 }),
  p.accessor('currency', { header: 'Ccy', size: 64, meta: { kind: 'enum', label: 'Currency' } }),
  p.accessor('updatedAt', { header: 'Updated (UTC)', size: 160, meta: { kind: 'time' } }),
]);

const o = createColumnHelper<Order>();
/** Orders sort on the server, which knows these fields only. */
export const ORDER_SORTABLE = new Set(['updatedAt', 'createdAt', 'symbol', 'status']);
const serverSort = (id: string) => ({ enableSorting: ORDER_SORTABLE.has(id) });
export const orderColumns = listColumns<Order>(ORDER_COLUMNS, [
  o.accessor('updatedAt', { header: 'Updated (UTC)', size: 160, meta: { kind: 'time' }, ...serverSort('updatedAt') }),
  o.accessor('orderId', { header: 'Order id', size: 150, meta: { kind: 'id' }, ...serverSort('orderId') }),
  o.accessor('symbol', { header: 'Symbol', size: 100, meta: { kind: 'text' }, ...serverSort('symbol') }),
  o.accessor('side', {
    header: 'Side',
    size: 60,
    meta: { kind: 'enum', fixedWidth: true },
    cell: (c) => <span className={`side side-${c.getValue<string>()}`}>{c.getValue<string>().toUpperCase()}</span>,
    ...serverSort('side'),
  }),
  o.accessor('status', {
    header: 'Status',
    size: 124,
    meta: { kind: 'enum', fixedWidth: true },
    cell: (c) => <span className={`status status-${c.getValue<string>()}`}>{c.getValue<string>().replace('_', ' ')}</span>,
    ...serverSort('status'),
  }),
  o.accessor('type', { header: 'Type', size: 84, meta: { kind: 'enum' }, ...serverSort('type') }),
  o.accessor('quantity', { header: 'Qty', size: 140, meta: { label: 'Quantity' }, ...serverSort('quantity') }),
  o.accessor('filledQuantity', { header: 'Filled', size: 140, meta: { label: 'Filled quantity' }, ...serverSort('filledQuantity') }),
  o.accessor('limitPrice', { header: 'Limit', size: 130, meta: { label: 'Limit price' }, ...serverSort('limitPrice') }),
  o.accessor('stopPrice', { header: 'Stop', size: 130, meta: { label: 'Stop price' }, ...serverSort('stopPrice') }),
  o.accessor('avgFillPrice', { header: 'Avg fill', size: 130, meta: { label: 'Average fill price' }, ...serverSort('avgFillPrice') }),
  o.accessor('accountId', { header: 'Account', size: 120, meta: { kind: 'id' }, ...serverSort('accountId') }),
  o.accessor('strategyId', { header: 'Strategy', size: 140, meta: { kind: 'id' }, ...serverSort('strategyId') }),
  o.accessor('clientOrderId', { header: 'Client id', size: 150, meta: { kind: 'id', label: 'Client order id' }, ...serverSort('clientOrderId') }),
  o.accessor('brokerOrderId', { header: 'Broker id', size: 150, meta: { kind: 'id', label: 'Broker order id' }, ...serverSort('brokerOrderId') }),
  o.accessor('parentOrderId', { header: 'Parent', size: 140, meta: { kind: 'id', label: 'Parent order id' }, ...serverSort('parentOrderId') }),
  o.accessor('createdAt', { header: 'Created (UTC)', size: 160, meta: { kind: 'time' }, ...serverSort('createdAt') }),
]);
export const ORDER_HIDDEN = ['clientOrderId', 'brokerOrderId', 'parentOrderId', 'createdAt'];

const s = createColumnHelper<Strategy>();
export const strategyColumns: ColumnDef<Strategy, any>[] = [
  s.accessor('strategyId', { header: 'Strategy', size: 170, meta: { kind: 'id' } }),
  s.accessor('name', { header: 'Name', size: 200, meta: { kind: 'text' } }),
  s.accessor('accountId', { header: 'Account', size: 140, meta: { kind: 'id' } }),
  s.accessor('status', {
    header: 'Status',
    size: 100,
    meta: { kind: 'enum' },
    cell: (c) => <span className={`status strategy-${c.getValue<string>()}`}>{c.getValue<string>()}</span>,
  }),
  s.accessor('cash', { header: 'Cash', size: 180, meta: { kind: 'decimal' } }),
  s.accessor('updatedAt', { header: 'Updated (UTC)', size: 160, meta: { kind: 'time' } }),
  s.accessor('state', { header: 'State document', size: 420, enableSorting: false, meta: { kind: 'json' } }),
];

const b = createColumnHelper<CashBalance>();
export const balanceColumns: ColumnDef<CashBalance, any>[] = [
  b.accessor('accountId', { header: 'Account', size: 160, meta: { kind: 'id' } }),
  b.accessor('currency', { header: 'Currency', size: 90, meta: { kind: 'enum' } }),
  b.accessor('amount', { header: 'Amount', size: 240, meta: { kind: 'decimal' } }),
  b.accessor('updatedAt', { header: 'Updated (UTC)', size: 160, meta: { kind: 'time' } }),
];

const r = createColumnHelper<RiskState>();
export const riskColumns: ColumnDef<RiskState, any>[] = [
  r.accessor('accountId', { header: 'Account', size: 140, meta: { kind: 'id' } }),
  r.accessor((row) => row.strategyId || '(account)', { id: 'strategyId', header: 'Strategy', size: 160, meta: { kind: 'id' } }),
  r.accessor((row) => (row.tradingEnabled ? 'enabled' : 'halted'), {
    id: 'trading',
    header: 'Trading',
    size: 104,
    meta: { kind: 'enum', fixedWidth: true },
    cell: (c) =>
      c.getValue() === 'enabled' ? <Badge tone="ok">ENABLED</Badge> : <Badge tone="halt">HALTED</Badge>,
  }),
  r.accessor('haltReason', { header: 'Halt reason', size: 240, meta: { kind: 'text' } }),
  r.accessor('peakValue', { header: 'Peak value', size: 180, meta: { kind: 'decimal' } }),
  r.accessor('dailyStartValue', { header: 'Daily start', size: 180, meta: { kind: 'decimal', label: 'Daily start value' } }),
  r.accessor('limits', { header: 'Limits', size: 320, enableSorting: false, meta: { kind: 'json' } }),
  r.accessor('updatedAt', { header: 'Updated (UTC)', size: 160, meta: { kind: 'time' } }),
];
