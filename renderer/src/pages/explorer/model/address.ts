// The explorer's scope and filters in its address, so a reload or a shared link opens the same
// view: #/state/<tab>?account=…&strategy=…&search=…&f.<column>=… (orders also which=, status=;
// sort= and dir= for the tab's sort). Pure: encode and decode; the store applies them.
import { ORDER_STATUSES, type OrderStatus } from '../../../../../shared/domain';
import { ORDER_COLUMNS, POSITION_COLUMNS } from '../../../../../shared/list-columns';
import { activeFilters, type ColumnFilters } from '../../../../../shared/table-filters';
import { parseStateTab, stateTabHash, type StateTab } from './tabs';

export const ORDER_WHICH = ['open', 'completed', 'all'] as const;
export const ORDER_SORTS = ['updatedAt', 'createdAt', 'symbol', 'status'] as const;

/** What the address holds besides the tab; absent fields are the defaults. */
export interface StateQuery {
  account?: string;
  strategy?: string;
  search?: string;
  /** Orders: open, completed or all. */
  which?: (typeof ORDER_WHICH)[number];
  status?: OrderStatus;
  sort?: string;
  dir?: 'asc' | 'desc';
  filters?: ColumnFilters;
}

export interface StateView {
  tab: StateTab;
  query: StateQuery;
}

const FILTER = 'f.';

/** "?account=…&…" in a fixed order (so one view has one address), or '' when the query is empty. */
export function encodeStateQuery(q: StateQuery): string {
  const p = new URLSearchParams();
  if (q.account) p.set('account', q.account);
  if (q.strategy) p.set('strategy', q.strategy);
  if (q.search?.trim()) p.set('search', q.search.trim());
  if (q.which) p.set('which', q.which);
  if (q.status) p.set('status', q.status);
  if (q.sort) p.set('sort', q.sort);
  if (q.sort && q.dir) p.set('dir', q.dir);
  for (const [column, text] of activeFilters(q.filters)) p.set(FILTER + column, text);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The columns each tab filters and sorts by; anything else in an address is left out. */
function columnsOf(tab: StateTab): readonly string[] {
  if (tab === 'positions') return Object.keys(POSITION_COLUMNS);
  if (tab === 'orders') return Object.keys(ORDER_COLUMNS);
  return [];
}

/** The query an address holds for `tab`; a value it does not know (a typo, an edited link) is left out. */
export function decodeStateQuery(hash: string, tab: StateTab): StateQuery {
  const at = hash.indexOf('?');
  if (at < 0) return {};
  const p = new URLSearchParams(hash.slice(at + 1));
  const q: StateQuery = {};
  const account = p.get('account');
  if (account) q.account = account;
  const strategy = p.get('strategy');
  if (strategy) q.strategy = strategy;
  const search = p.get('search')?.trim();
  if (search && (tab === 'positions' || tab === 'orders')) q.search = search;
  const columns = columnsOf(tab);
  if (tab === 'orders') {
    const which = p.get('which');
    if ((ORDER_WHICH as readonly (string | null)[]).includes(which)) q.which = which as StateQuery['which'];
    const status = p.get('status');
    if ((ORDER_STATUSES as readonly (string | null)[]).includes(status)) q.status = status as OrderStatus;
  }
  const sort = p.get('sort');
  const sorts = tab === 'orders' ? ORDER_SORTS : columns;
  if (sort && sorts.includes(sort)) {
    q.sort = sort;
    const dir = p.get('dir');
    if (dir === 'asc' || dir === 'desc') q.dir = dir;
  }
  const filters: ColumnFilters = {};
  for (const [key, text] of p) {
    const column = key.startsWith(FILTER) ? key.slice(FILTER.length) : '';
    if (columns.includes(column) && text.trim()) filters[column] = text;
  }
  if (Object.keys(filters).length) q.filters = filters;
  return q;
}

export const stateViewHash = (v: StateView): string => stateTabHash(v.tab) + encodeStateQuery(v.query);

/** The view an address names, or null off the explorer. */
export function parseStateView(hash: string): StateView | null {
  const tab = parseStateTab(hash);
  return tab === null ? null : { tab, query: decodeStateQuery(hash, tab) };
}
