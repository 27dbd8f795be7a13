// Orders, filtered and sorted by the server, one window at a time as the table scrolls; live
// changes patch the rows they name. The status counts cover the whole match.
import { useCallback, useMemo } from 'react';
import type { SortingState } from '@tanstack/react-table';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../../../../shared/domain';
import type { OrderColumn } from '../../../../shared/list-columns';
import { sameFilters, type ColumnFilters } from '../../../../shared/table-filters';
import { DataTable } from '../../components/table/DataTable';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Exact } from '../../components/Exact';
import { shownTime } from '../../format/time';
import { useOnChange } from '../../hooks/useOnChange';
import { useSentOnPause } from '../../hooks/useSentOnPause';
import { useLiveRows } from '../../live/live';
import { statusCounts } from './model/orders';
import { useOrderQuery, useOrders, type OrderSort } from './store/orders';
import { useScope } from '../../stores/scope';
import { ORDER_HIDDEN, orderColumns } from './columns';
import { useDrawer } from '../../hooks/useDrawer';

const orderId = (o: Order) => o.orderId;

export function OrdersTab() {
  const page = useOrders((s) => s.page);
  const error = useOrders((s) => s.error);
  const { load, reset, patch, showRange } = useOrders.getState();
  const query = useOrderQuery((s) => s.query);
  const setQuery = useOrderQuery((s) => s.setQuery);
  const scope = useScope((s) => `${s.accountId ?? ''}|${s.strategyId ?? ''}`);
  useLiveRows('orders', { load, patch });
  useOnChange(scope, () => void reset());

  // Typing searches and filters on the server once the person pauses.
  const [search, setSearch] = useSentOnPause(query.search ?? '', useCallback((search: string) => setQuery({ search }), [setQuery]));
  const [filters, setFilters] = useSentOnPause<ColumnFilters>(
    query.filters,
    // The table's column ids are the list's columns; the server refuses any other.
    useCallback((filters: ColumnFilters) => setQuery({ filters: filters as ColumnFilters<OrderColumn> }), [setQuery]),
    sameFilters,
  );

  const rows = page?.rows ?? [];
  const drawer = useDrawer<Order>(rows, orderId, 'orders-table');
  const sorting: SortingState = useMemo(() => [{ id: query.sort, desc: query.direction === 'desc' }], [query.sort, query.direction]);
  const byStatus = page?.byStatus;
  const counts = useMemo(() => statusCounts(byStatus ?? {}), [byStatus]);
  const windowProps = useMemo(
    () => ({ total: page?.total ?? 0, offset: page?.offset ?? 0, onRange: showRange }),
    [page?.total, page?.offset, showRange],
  );

  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <div className="orders-bar">
        <div className="segmented" role="radiogroup" aria-label="Which orders">
          {(['open', 'completed', 'all'] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={query.scope === s}
              className={query.scope === s ? 'seg active' : 'seg'}
              onClick={() => setQuery({ scope: s, status: undefined })}
              data-testid={`orders-scope-${s}`}
            >
              {s[0].toUpperCase() + s.slice(1)}
            </button>
          ))}
        </div>
        <div className="status-chips" data-testid="order-status-counts">
          {counts.map(({ status, count }) => (
            <button
              key={status}
              type="button"
              className={`chip status-${status}${query.status === status ? ' active' : ''}`}
              onClick={() => setQuery({ status: query.status === status ? undefined : status })}
              title={query.status === status ? 'Show every status' : `Only ${status.replace('_', ' ')}`}
              data-testid={`status-count-${status}`}
            >
              <span className="chip-label">{status.replace('_', ' ')}</span>
              <span className="chip-count num">{count.toLocaleString('en-US')}</span>
            </button>
          ))}
        </div>
      </div>
      <DataTable<Order>
        tableId="orders"
        testId="orders-table"
        rowTestId="orders-row"
        data={rows}
        window={windowProps}
        columns={orderColumns}
        getRowId={orderId}
        onOpen={drawer.open}
        onSelect={drawer.onSelect}
        initialHidden={ORDER_HIDDEN}
        countOnlyWhenFiltered
        quickFilter={{ value: search, onChange: setSearch, placeholder: 'Search symbol or order id (/)' }}
        columnFilters={{ state: filters, onChange: setFilters }}
        sorting={{
          state: sorting,
          onChange: (next) => {
            const first = next[0];
            if (first) setQuery({ sort: first.id as OrderSort, direction: first.desc ? 'desc' : 'asc' });
            else setQuery({ direction: query.direction === 'desc' ? 'asc' : 'desc' });
          },
        }}
        toolbar={
          <>
            <select
              className="input"
              value={query.status ?? ''}
              onChange={(e) => setQuery({ status: (e.target.value || undefined) as OrderStatus | undefined })}
              aria-label="Status"
              data-testid="orders-status"
            >
              <option value="">Any status</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.replace('_', ' ')}
                </option>
              ))}
            </select>
          </>
        }
        status={
          page ? (
            <span className="dt-status" data-testid="orders-showing">
              {page.total.toLocaleString('en-US')} {page.total === 1 ? 'order' : 'orders'}
            </span>
          ) : null
        }
        empty={page === null ? 'Loading orders…' : 'No orders match.'}
      />
      {drawer.openRow ? <OrderDetails order={drawer.openRow} onClose={drawer.close} onFind={setSearch} /> : null}
    </>
  );
}

function OrderDetails({ order: o, onClose, onFind }: { order: Order; onClose(): void; onFind(id: string): void }) {
  const link = (id: string | null) =>
    id ? (
      <button type="button" className="link" onClick={() => onFind(id)} title="Search for this order">
        {id}
      </button>
    ) : null;
  return (
    <DetailDrawer
      title={
        <>
          <span className={`side side-${o.side}`}>{o.side.toUpperCase()}</span> {o.symbol}{' '}
          <span className={`status status-${o.status}`}>{o.status.replace('_', ' ')}</span>
        </>
      }
      subtitle={<code>{o.orderId}</code>}
      onClose={onClose}
      fields={[
        { label: 'Order id', value: <code>{o.orderId}</code> },
        { label: 'Client order id', value: o.clientOrderId ? <code>{o.clientOrderId}</code> : null },
        { label: 'Broker order id', value: o.brokerOrderId ? <code>{o.brokerOrderId}</code> : null },
        { label: 'Account', value: <code>{o.accountId}</code> },
        { label: 'Strategy', value: <code>{o.strategyId}</code> },
        { label: 'Type', value: o.type },
        { label: 'Quantity', value: <Exact value={o.quantity} /> },
        { label: 'Filled', value: <Exact value={o.filledQuantity} /> },
        { label: 'Limit price', value: <Exact value={o.limitPrice} /> },
        { label: 'Stop price', value: <Exact value={o.stopPrice} /> },
        { label: 'Average fill', value: <Exact value={o.avgFillPrice} /> },
        { label: 'Parent order', value: link(o.parentOrderId) },
        { label: 'Stop order', value: link(o.stopOrderId) },
        { label: 'Take-profit order', value: link(o.takeProfitOrderId) },
        { label: 'Created', value: shownTime(o.createdAt) },
        { label: 'Updated', value: shownTime(o.updatedAt) },
      ]}
    />
  );
}
