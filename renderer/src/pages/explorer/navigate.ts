// Jumps between explorer tabs that carry a filter along.
import { useOrders } from './store/orders';
import { openTab } from './store/tab';
import { useScope } from '../../stores/scope';

export function showOrdersFor(search: string, accountId: string, strategyId: string): void {
  useScope.getState().setStrategy(strategyId, accountId);
  useOrders.getState().setQuery({ search, scope: 'all', status: undefined });
  openTab('orders');
}
