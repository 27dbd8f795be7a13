// Shaping order pages for display.
import { ORDER_STATUSES, type OrderStatus } from '../../../../../shared/domain';

/** Status counts in the lifecycle's order, leaving out statuses with no orders. */
export function statusCounts(byStatus: Partial<Record<OrderStatus, number>>): { status: OrderStatus; count: number }[] {
  return ORDER_STATUSES.filter((s) => (byStatus[s] ?? 0) > 0).map((status) => ({ status, count: byStatus[status] ?? 0 }));
}
