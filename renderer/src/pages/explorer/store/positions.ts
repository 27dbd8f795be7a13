// Positions of the desk as one window of the server's sorted, searched, filtered list, narrowed to
// the explorer's account/strategy scope; live changes are patched in by key.
import { create } from 'zustand';
import type { PositionPage, PositionQuery } from '../../../../../shared/api/contract';
import type { Position } from '../../../../../shared/domain';
import type { PositionColumn } from '../../../../../shared/list-columns';
import { comparePositions, positionMatcher, positionRowKey, positionView, type PositionSort } from '../../../../../shared/positions';
import { activeFilters, type ColumnFilters } from '../../../../../shared/table-filters';
import { api } from '../../../api/client';
import { createWindowedList } from '../../../stores/windowed';
import { useScope } from '../../../stores/scope';

export interface PositionQueryState {
  sort: PositionSort | undefined;
  direction: 'asc' | 'desc';
  search: string;
  /** What each column's filter box holds. */
  filters: ColumnFilters<PositionColumn>;
}

export const usePositionQuery = create<PositionQueryState & { set(patch: Partial<PositionQueryState>): void }>()((set) => ({
  sort: undefined,
  direction: 'asc',
  search: '',
  filters: {},
  set: (patch) => {
    set(patch);
    void usePositions.getState().reset();
  },
}));

/** The request for a window of the current query in the explorer's scope; empty filters are left out. */
export function positionRequest(
  q: PositionQueryState,
  scope: { accountId: string | null; strategyId: string | null },
  offset: number,
  limit: number,
): PositionQuery {
  const search = q.search.trim();
  const filters = activeFilters(q.filters);
  return {
    offset,
    limit,
    direction: q.direction,
    ...(q.sort ? { sort: q.sort } : {}),
    ...(search ? { search } : {}),
    ...(filters.length ? { filters: Object.fromEntries(filters) } : {}),
    ...(scope.accountId ? { accountId: scope.accountId } : {}),
    ...(scope.strategyId ? { strategyId: scope.strategyId } : {}),
  };
}

export const usePositions = createWindowedList<Position, PositionPage>(() => {
  const q = usePositionQuery.getState();
  const scope = useScope.getState();
  const matches = positionMatcher({ accountId: scope.accountId ?? undefined, strategyId: scope.strategyId ?? undefined, search: q.search, filters: q.filters });
  const order = comparePositions(q.sort, q.direction);
  return {
    channel: 'positions.list',
    fetchWindow: (offset, limit) => api.call('positions.list', positionRequest(q, scope, offset, limit)),
    fetchRows: (keys) => api.call('positions.get', { keys }),
    keyOf: positionRowKey,
    matches: (p) => matches(positionView(p)),
    compare: (a, b) => order(positionView(a), positionView(b)),
  };
});
