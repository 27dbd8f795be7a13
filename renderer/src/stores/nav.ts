// Where the person is in the console, kept in the address hash (#/state/orders) so a reload
// returns to the same place.
import { create } from 'zustand';

export const PAGES = [
  { id: 'dashboard', label: 'Dashboard', key: 'd' },
  { id: 'state', label: 'State', key: 's' },
  { id: 'checkpoints', label: 'Checkpoints', key: 'c' },
  { id: 'reconciliation', label: 'Reconciliation', key: 'r' },
  { id: 'storage', label: 'Storage', key: 't' },
  { id: 'backups', label: 'Backups', key: 'b' },
  { id: 'recovery', label: 'Recovery', key: 'v' },
  { id: 'audit', label: 'Audit', key: 'a' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

export const STATE_TABS = [
  { id: 'positions', label: 'Positions' },
  { id: 'orders', label: 'Orders' },
  { id: 'strategies', label: 'Strategies' },
  { id: 'balances', label: 'Balances' },
  { id: 'risk', label: 'Risk' },
] as const;
export type StateTab = (typeof STATE_TABS)[number]['id'];

export interface Route {
  page: PageId;
  tab: StateTab;
}

export function parseRoute(hash: string): Route {
  const [page, tab] = hash.replace(/^#\/?/, '').split(/[/&?]/);
  const p = PAGES.find((x) => x.id === page)?.id ?? 'dashboard';
  const t = STATE_TABS.find((x) => x.id === tab)?.id ?? 'positions';
  return { page: p, tab: t };
}

export function routeHash(route: Route): string {
  return route.page === 'state' ? `#/state/${route.tab}` : `#/${route.page}`;
}

export interface NavState extends Route {
  go(page: PageId): void;
  openTab(tab: StateTab): void;
}

export const useNav = create<NavState>()((set, get) => ({
  ...parseRoute(typeof location === 'undefined' ? '' : location.hash),
  go(page) {
    set({ page });
    writeHash(get());
  },
  openTab(tab) {
    set({ page: 'state', tab });
    writeHash(get());
  },
}));

function writeHash(route: Route): void {
  const hash = routeHash(route);
  if (location.hash !== hash) history.pushState(null, '', hash);
}

/** Back/forward and hand-edited addresses. */
export function followAddress(): () => void {
  const onHash = () => useNav.setState(parseRoute(location.hash));
  window.addEventListener('hashchange', onHash);
  window.addEventListener('popstate', onHash);
  return () => {
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener('popstate', onHash);
  };
}
