// Orders are filtered, sorted and limited by the server (OrderQuery); this store keeps the query
// the person built and the page it returned.
import { create } from 'zustand';
import type { OrderPage, OrderQuery } from '../../../../../shared/api/contract';
import { api } from '../../../api/client';
import { ApiCallError } from '../../../api/errors';
import { useScope } from '../../../stores/scope';

export type OrderSort = NonNullable<OrderQuery['sort']>;
export type OrderQueryState = Required<Pick<OrderQuery, 'scope' | 'sort' | 'direction' | 'limit'>> &
  Pick<OrderQuery, 'status' | 'search'>;

export const DEFAULT_ORDER_QUERY: OrderQueryState = {
  scope: 'all',
  sort: 'updatedAt',
  direction: 'desc',
  limit: 10_000,
  status: undefined,
  search: undefined,
};

export interface OrdersState {
  query: OrderQueryState;
  page: OrderPage | null;
  error: ApiCallError | null;
  loading: boolean;
  stamp: number;
  setQuery(patch: Partial<OrderQueryState>): void;
  load(): Promise<void>;
}

/** The request for a query within the explorer's scope; empty filters are left out. */
export function orderRequest(
  query: OrderQueryState,
  scope: { accountId: string | null; strategyId: string | null },
): OrderQuery {
  const search = query.search?.trim();
  return {
    scope: query.scope,
    sort: query.sort,
    direction: query.direction,
    limit: query.limit,
    ...(query.status ? { status: query.status } : {}),
    ...(search ? { search } : {}),
    ...(scope.accountId ? { accountId: scope.accountId } : {}),
    ...(scope.strategyId ? { strategyId: scope.strategyId } : {}),
  };
}

let seq = 0;

export const useOrders = create<OrdersState>()((set, get) => ({
  query: DEFAULT_ORDER_QUERY,
  page: null,
  error: null,
  loading: false,
  stamp: 0,
  setQuery(patch) {
    set((s) => ({ query: { ...s.query, ...patch } }));
    void get().load();
  },
  async load() {
    const mine = ++seq;
    set({ loading: true });
    try {
      const page = await api.call('orders.list', orderRequest(get().query, useScope.getState()));
      if (mine !== seq) return;
      set((s) => ({ page, error: null, loading: false, stamp: s.stamp + 1 }));
    } catch (e) {
      if (mine !== seq) return;
      set({ error: e instanceof ApiCallError ? e : new ApiCallError('orders.list', { code: 'internal', message: String(e) }), loading: false });
    }
  },
}));
