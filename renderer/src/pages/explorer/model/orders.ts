// Shaping order pages for display, and the server's filter and order for patching a window.
import { isOpenStatus, ORDER_STATUSES, type Order, type OrderStatus } from '../../../../../shared/domain';
import { ORDER_COLUMNS, type OrderColumn } from '../../../../../shared/list-columns';
import { rowMatcher, type ColumnFilters } from '../../../../../shared/table-filters';

/** Status counts in the lifecycle's order, leaving out statuses with no orders. */
export function statusCounts(byStatus: Partial<Record<OrderStatus, number>>): { status: OrderStatus; count: number }[] {
  return ORDER_STATUSES.filter((s) => (byStatus[s] ?? 0) > 0).map((status) => ({ status, count: byStatus[status] ?? 0 }));
}

/** What an orders window is narrowed and sorted by (the server's OrderQuery, parsed). */
export interface OrderWindowQuery {
  scope: 'open' | 'completed' | 'all';
  accountId?: string | null;
  strategyId?: string | null;
  status?: OrderStatus;
  search?: string;
  filters?: ColumnFilters<OrderColumn>;
  sort: 'updatedAt' | 'createdAt' | 'symbol' | 'status';
  direction: 'asc' | 'desc';
}

/** Whether the server's query would return the order (its WHERE clause and column filters, in the console). */
export function orderMatcher(q: OrderWindowQuery): (o: Order) => boolean {
  const columns = rowMatcher(q.filters, ORDER_COLUMNS);
  const s = q.search?.trim().toLowerCase();
  return (o) => {
    if (q.scope === 'open' && !isOpenStatus(o.status)) return false;
    if (q.scope === 'completed' && isOpenStatus(o.status)) return false;
    if (q.accountId && o.accountId !== q.accountId) return false;
    if (q.strategyId && o.strategyId !== q.strategyId) return false;
    if (q.status && o.status !== q.status) return false;
    if (s && ![o.symbol, o.orderId, o.clientOrderId, o.brokerOrderId].some((v) => v !== null && v.toLowerCase().includes(s))) return false;
    return columns(o);
  };
}

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The server's ORDER BY: the sort column, then the order id, both in the query's direction. */
export function compareOrders(q: Pick<OrderWindowQuery, 'sort' | 'direction'>): (a: Order, b: Order) => number {
  const sign = q.direction === 'desc' ? -1 : 1;
  return (a, b) => sign * (text(a[q.sort], b[q.sort]) || text(a.orderId, b.orderId));
}
