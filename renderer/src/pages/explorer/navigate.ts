// Jumps between explorer tabs that carry a filter along.
import { useOrderQuery } from './store/orders';
import { openTab } from './store/tab';
import { useScope } from '../../stores/scope';

export function showOrdersFor(search: string, accountId: string, strategyId: string): void {
  useScope.getState().setStrategy(strategyId, accountId);
  useOrderQuery.getState().setQuery({ search, scope: 'all', status: undefined });
  openTab('orders');
}
