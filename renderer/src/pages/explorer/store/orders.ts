// Orders are filtered and sorted by the server (OrderQuery); this store keeps the query the person
// built, and one window of the answer around what the table shows; live changes are patched in.
import { create } from 'zustand';
import type { OrderPage, OrderQuery } from '../../../../../shared/api/contract';
import type { Order } from '../../../../../shared/domain';
import type { OrderColumn } from '../../../../../shared/list-columns';
import { activeFilters, type ColumnFilters } from '../../../../../shared/table-filters';
import { api } from '../../../api/client';
import { createWindowedList } from '../../../stores/windowed';
import { useScope } from '../../../stores/scope';
import { compareOrders, orderMatcher } from '../model/orders';

export type OrderSort = NonNullable<OrderQuery['sort']>;
export type OrderQueryState = Required<Pick<OrderQuery, 'scope' | 'sort' | 'direction'>> &
  Pick<OrderQuery, 'status' | 'search'> & {
    /** What each column's filter box holds. */
    filters: ColumnFilters<OrderColumn>;
  };

export const DEFAULT_ORDER_QUERY: OrderQueryState = {
  scope: 'all',
  sort: 'updatedAt',
  direction: 'desc',
  status: undefined,
  search: undefined,
  filters: {},
};

/** The request for a window of a query within the explorer's scope; empty filters are left out. */
export function orderRequest(
  query: OrderQueryState,
  scope: { accountId: string | null; strategyId: string | null },
  offset = 0,
  limit = 300,
): OrderQuery {
  const search = query.search?.trim();
  const filters = activeFilters(query.filters);
  return {
    scope: query.scope,
    sort: query.sort,
    direction: query.direction,
    offset,
    limit,
    ...(query.status ? { status: query.status } : {}),
    ...(search ? { search } : {}),
    ...(filters.length ? { filters: Object.fromEntries(filters) } : {}),
    ...(scope.accountId ? { accountId: scope.accountId } : {}),
    ...(scope.strategyId ? { strategyId: scope.strategyId } : {}),
  };
}

export const useOrderQuery = create<{ query: OrderQueryState; setQuery(patch: Partial<OrderQueryState>): void }>()((set) => ({
  query: DEFAULT_ORDER_QUERY,
  setQuery(patch) {
    set((s) => ({ query: { ...s.query, ...patch } }));
    void useOrders.getState().reset();
  },
}));

export const useOrders = createWindowedList<Order, OrderPage>(() => {
  const query = useOrderQuery.getState().query;
  const scope = useScope.getState();
  const order = compareOrders(query);
  const matches = orderMatcher({ ...query, ...scope });
  return {
    channel: 'orders.list',
    fetchWindow: (offset, limit) => api.call('orders.list', orderRequest(query, scope, offset, limit)),
    fetchRows: (keys) => api.call('orders.get', { keys }),
    keyOf: (o) => o.orderId,
    matches,
    compare: order,
  };
});
