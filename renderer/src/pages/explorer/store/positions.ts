// Positions of the desk as one window of the server's sorted, searched list, narrowed to the
// explorer's account/strategy scope; live changes are patched in by key.
import { create } from 'zustand';
import type { PositionPage, PositionQuery } from '../../../../../shared/api/contract';
import type { Position } from '../../../../../shared/domain';
import { comparePositions, positionMatches, positionRowKey, positionView, type PositionSort } from '../../../../../shared/positions';
import { api } from '../../../api/client';
import { createWindowedList } from '../../../stores/windowed';
import { useScope } from '../../../stores/scope';

export interface PositionQueryState {
  sort: PositionSort | undefined;
  direction: 'asc' | 'desc';
  search: string;
}

export const usePositionQuery = create<PositionQueryState & { set(patch: Partial<PositionQueryState>): void }>()((set) => ({
  sort: undefined,
  direction: 'asc',
  search: '',
  set: (patch) => {
    set(patch);
    void usePositions.getState().reset();
  },
}));

/** The request for a window of the current query in the explorer's scope. */
export function positionRequest(
  q: PositionQueryState,
  scope: { accountId: string | null; strategyId: string | null },
  offset: number,
  limit: number,
): PositionQuery {
  const search = q.search.trim();
  return {
    offset,
    limit,
    direction: q.direction,
    ...(q.sort ? { sort: q.sort } : {}),
    ...(search ? { search } : {}),
    ...(scope.accountId ? { accountId: scope.accountId } : {}),
    ...(scope.strategyId ? { strategyId: scope.strategyId } : {}),
  };
}

export const usePositions = createWindowedList<Position, PositionPage>(() => {
  const q = usePositionQuery.getState();
  const scope = useScope.getState();
  const filter = { accountId: scope.accountId ?? undefined, strategyId: scope.strategyId ?? undefined, search: q.search };
  const order = comparePositions(q.sort, q.direction);
  return {
    channel: 'positions.list',
    fetchWindow: (offset, limit) => api.call('positions.list', positionRequest(q, scope, offset, limit)),
    fetchRows: (keys) => api.call('positions.get', { keys }),
    keyOf: positionRowKey,
    matches: (p) => positionMatches(p, filter),
    compare: (a, b) => order(positionView(a), positionView(b)),
  };
});
