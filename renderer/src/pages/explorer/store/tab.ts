// Which table of the book the explorer shows, with its scope and filters; the router keeps them in
// the address (#/state/<tab>?account=…&search=…, model/address.ts). A changed scope or filter
// rewrites the address in place (no history entry per keystroke); a changed tab is a new entry.
import { create } from 'zustand';
import { sameFilters, type ColumnFilters } from '../../../../../shared/table-filters';
import type { OrderColumn, PositionColumn } from '../../../../../shared/list-columns';
import type { PositionSort } from '../../../../../shared/positions';
import { writeAddress } from '../../../routing/address';
import { useNav } from '../../../routing/nav';
import { goToView, type ViewAddress } from '../../../routing/views';
import { useScope } from '../../../stores/scope';
import { parseStateView, stateViewHash, type StateQuery, type StateView } from '../model/address';
import type { StateTab } from '../model/tabs';
import { DEFAULT_ORDER_QUERY, useOrderQuery, type OrderSort } from './orders';
import { usePositionQuery } from './positions';

export const useStateTab = create<{ tab: StateTab }>()(() => ({ tab: 'positions' }));

/** The query the stores hold for `tab`, defaults left out. */
export function currentQuery(tab: StateTab): StateQuery {
  const scope = useScope.getState();
  const q: StateQuery = { account: scope.accountId ?? undefined, strategy: scope.strategyId ?? undefined };
  if (tab === 'positions') {
    const p = usePositionQuery.getState();
    return { ...q, search: p.search, filters: p.filters, sort: p.sort, dir: p.sort ? p.direction : undefined };
  }
  if (tab === 'orders') {
    const o = useOrderQuery.getState().query;
    const sorted = o.sort !== DEFAULT_ORDER_QUERY.sort || o.direction !== DEFAULT_ORDER_QUERY.direction;
    return { ...q, search: o.search, which: o.scope === 'all' ? undefined : o.scope, status: o.status, filters: o.filters, sort: sorted ? o.sort : undefined, dir: sorted ? o.direction : undefined };
  }
  return q;
}

/** Puts an address's query into the stores; a store already holding it is left alone (no refetch). */
function applyQuery(tab: StateTab, q: StateQuery): void {
  const scope = useScope.getState();
  if (scope.accountId !== (q.account ?? null) || scope.strategyId !== (q.strategy ?? null)) useScope.setState({ accountId: q.account ?? null, strategyId: q.strategy ?? null });
  if (tab === 'positions') {
    const p = usePositionQuery.getState();
    const next = { search: q.search ?? '', filters: (q.filters ?? {}) as ColumnFilters<PositionColumn>, sort: q.sort as PositionSort | undefined, direction: q.dir ?? 'asc' };
    if (p.search !== next.search || !sameFilters(p.filters, next.filters) || p.sort !== next.sort || p.direction !== next.direction) p.set(next);
  } else if (tab === 'orders') {
    const o = useOrderQuery.getState();
    const next = {
      search: q.search,
      scope: q.which ?? 'all',
      status: q.status,
      filters: (q.filters ?? {}) as ColumnFilters<OrderColumn>,
      sort: (q.sort as OrderSort | undefined) ?? DEFAULT_ORDER_QUERY.sort,
      direction: q.sort ? (q.dir ?? 'desc') : DEFAULT_ORDER_QUERY.direction,
    };
    const cur = o.query;
    if ((cur.search ?? '') !== (next.search ?? '') || cur.scope !== next.scope || cur.status !== next.status || !sameFilters(cur.filters, next.filters) || cur.sort !== next.sort || cur.direction !== next.direction) o.setQuery(next);
  }
}

export const stateTabViews: ViewAddress<StateView> = {
  page: 'state',
  parse: parseStateView,
  format: stateViewHash,
  current: () => {
    const tab = useStateTab.getState().tab;
    return { tab, query: currentQuery(tab) };
  },
  set: (view) => {
    useStateTab.setState({ tab: view.tab });
    applyQuery(view.tab, view.query);
  },
};

/** Opens a tab of the explorer, from the explorer or from another page, keeping the scope and filters. */
export const openTab = (tab: StateTab): void => goToView(stateTabViews, { tab, query: currentQuery(tab) });

// A changed scope or filter is recorded in the address in place while the explorer shows.
const record = () => {
  if (useNav.getState().page === 'state') writeAddress(stateViewHash(stateTabViews.current()), true);
};
useScope.subscribe(record);
usePositionQuery.subscribe(record);
useOrderQuery.subscribe(record);
