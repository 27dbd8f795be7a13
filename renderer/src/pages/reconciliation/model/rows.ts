// The diff table's rows: discrepancies filtered (kind, severity, state, symbol text), sorted
// within their group, and laid out under account and strategy headings that fold.
import type { Discrepancy, DiscrepancyKind, Severity } from '../../../../../shared/api/reconcile';
import { DISCREPANCY_KINDS } from '../../../../../shared/api/reconcile';
import { compareDecimalText } from '../../../../../shared/decimal-text';
import { primaryDelta } from './fields';

export type DiscrepancyState = 'open' | 'tolerance' | 'resolved';
export type StateFilter = DiscrepancyState | 'all';

export interface DiffFilters {
  /** Empty means every severity. */
  severities: readonly Severity[];
  kind: DiscrepancyKind | 'all';
  state: StateFilter;
  /** Words that must all appear in the symbol, order id, item id or strategy. */
  text: string;
}

export const NO_FILTERS: DiffFilters = { severities: [], kind: 'all', state: 'all', text: '' };

export interface SortKey {
  id: string;
  desc: boolean;
}

export interface DiscrepancyRow {
  type: 'discrepancy';
  id: string;
  discrepancy: Discrepancy;
  group: string;
  checked: boolean;
}

export interface GroupRow {
  type: 'group';
  id: string;
  level: 0 | 1;
  accountId: string;
  /** The strategy heading ('' for discrepancies that belong to the account, not one strategy). */
  strategy: string | null;
  label: string;
  total: number;
  open: number;
  critical: number;
  collapsed: boolean;
  /** How many of the group's shown, unresolved items are checked. */
  checked: 'none' | 'some' | 'all';
  /** The shown unresolved items of the group: what its checkbox selects. */
  itemIds: string[];
}

export type DiffRow = DiscrepancyRow | GroupRow;

export function discrepancyState(f: Discrepancy): DiscrepancyState {
  if (f.resolution !== null) return 'resolved';
  return f.withinTolerance ? 'tolerance' : 'open';
}

/** Unresolved: can still take a resolution. */
export const isUnresolved = (f: Discrepancy) => f.resolution === null;

export function searchTextOf(f: Discrepancy): string {
  return [f.itemId, f.symbol ?? '', f.orderRef ?? '', f.strategyIds.join(' '), f.accountId].join(' ').toLowerCase();
}

export function matchesFilters(f: Discrepancy, filters: DiffFilters): boolean {
  if (filters.severities.length && !filters.severities.includes(f.severity)) return false;
  if (filters.kind !== 'all' && f.kind !== filters.kind) return false;
  if (filters.state !== 'all' && discrepancyState(f) !== filters.state) return false;
  const words = filters.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length) {
    const text = searchTextOf(f);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export function filterDiscrepancies(discrepancies: readonly Discrepancy[], filters: DiffFilters): Discrepancy[] {
  return discrepancies.filter((f) => matchesFilters(f, filters));
}

/** Counts for the filter chips: each count ignores its own filter, so the chips say what choosing them would show. */
export function filterCounts(discrepancies: readonly Discrepancy[], filters: DiffFilters) {
  const severity: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  const kind: Partial<Record<DiscrepancyKind, number>> = {};
  const state: Record<StateFilter, number> = { all: 0, open: 0, tolerance: 0, resolved: 0 };
  for (const f of discrepancies) {
    if (matchesFilters(f, { ...filters, severities: [] })) severity[f.severity]++;
    if (matchesFilters(f, { ...filters, kind: 'all' })) kind[f.kind] = (kind[f.kind] ?? 0) + 1;
    if (matchesFilters(f, { ...filters, state: 'all' })) {
      state.all++;
      state[discrepancyState(f)]++;
    }
  }
  return { severity, kind, state };
}

export const strategyKey = (f: Discrepancy): string => [...f.strategyIds].sort().join(' + ');
export const accountGroupId = (accountId: string) => `g:${accountId}`;
export const strategyGroupId = (accountId: string, strategy: string) => `g:${accountId}/${strategy}`;

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const KIND_RANK = new Map(DISCREPANCY_KINDS.map((k, i) => [k, i]));
const STATE_RANK: Record<DiscrepancyState, number> = { open: 0, tolerance: 1, resolved: 2 };

const text = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

const COMPARE: Record<string, (a: Discrepancy, b: Discrepancy) => number> = {
  item: (a, b) => text(a.itemId, b.itemId),
  severity: (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  kind: (a, b) => KIND_RANK.get(a.kind)! - KIND_RANK.get(b.kind)!,
  subject: (a, b) => text(a.symbol ?? a.orderRef, b.symbol ?? b.orderRef),
  delta: (a, b) => compareDecimalText(primaryDelta(a), primaryDelta(b)),
  state: (a, b) => STATE_RANK[discrepancyState(a)] - STATE_RANK[discrepancyState(b)],
};

/** Severity first (critical on top), then kind, then item id, unless the person sorts by a column. */
export function sortDiscrepancies(discrepancies: readonly Discrepancy[], sorting: readonly SortKey[]): Discrepancy[] {
  const keys = sorting.filter((s) => COMPARE[s.id]);
  const order = keys.length ? keys : [{ id: 'severity', desc: false }, { id: 'kind', desc: false }];
  return [...discrepancies].sort((a, b) => {
    for (const k of order) {
      const c = COMPARE[k.id](a, b);
      if (c !== 0) return k.desc ? -c : c;
    }
    return text(a.itemId, b.itemId);
  });
}

export const SORTABLE_COLUMNS = Object.keys(COMPARE);

function checkState(ids: readonly string[], checked: ReadonlySet<string>): GroupRow['checked'] {
  if (!ids.length) return 'none';
  const n = ids.filter((id) => checked.has(id)).length;
  return n === 0 ? 'none' : n === ids.length ? 'all' : 'some';
}

function counts(list: readonly Discrepancy[]) {
  return {
    total: list.length,
    open: list.filter((f) => discrepancyState(f) === 'open').length,
    critical: list.filter((f) => f.severity === 'critical' && f.resolution === null).length,
  };
}

export interface LayoutOptions {
  sorting: readonly SortKey[];
  collapsed: ReadonlySet<string>;
  checked: ReadonlySet<string>;
  /** Account display names. */
  accountNames?: ReadonlyMap<string, string>;
}

/**
 * Headings and items in display order: accounts alphabetically, inside each the account-level
 * discrepancies (cash, external orders, positions no strategy holds) first, then one heading per
 * strategy. A folded heading hides what is under it.
 */
export function layoutRows(discrepancies: readonly Discrepancy[], options: LayoutOptions): DiffRow[] {
  const byAccount = new Map<string, Map<string, Discrepancy[]>>();
  for (const f of discrepancies) {
    const strategies = byAccount.get(f.accountId) ?? byAccount.set(f.accountId, new Map()).get(f.accountId)!;
    const key = strategyKey(f);
    (strategies.get(key) ?? strategies.set(key, []).get(key)!).push(f);
  }
  const rows: DiffRow[] = [];
  for (const accountId of [...byAccount.keys()].sort()) {
    const strategies = byAccount.get(accountId)!;
    const all = [...strategies.values()].flat();
    const unresolved = all.filter(isUnresolved).map((f) => f.itemId);
    const groupId = accountGroupId(accountId);
    const accountCollapsed = options.collapsed.has(groupId);
    const name = options.accountNames?.get(accountId);
    rows.push({
      type: 'group',
      id: groupId,
      level: 0,
      accountId,
      strategy: null,
      label: name && name !== accountId ? `${accountId} · ${name}` : accountId,
      ...counts(all),
      collapsed: accountCollapsed,
      checked: checkState(unresolved, options.checked),
      itemIds: unresolved,
    });
    if (accountCollapsed) continue;
    const keys = [...strategies.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
    for (const key of keys) {
      const list = sortDiscrepancies(strategies.get(key)!, options.sorting);
      const gid = strategyGroupId(accountId, key);
      const collapsed = options.collapsed.has(gid);
      const ids = list.filter(isUnresolved).map((f) => f.itemId);
      rows.push({
        type: 'group',
        id: gid,
        level: 1,
        accountId,
        strategy: key,
        label: key === '' ? 'Account level (no strategy)' : key,
        ...counts(list),
        collapsed,
        checked: checkState(ids, options.checked),
        itemIds: ids,
      });
      if (collapsed) continue;
      for (const f of list) rows.push({ type: 'discrepancy', id: f.itemId, discrepancy: f, group: gid, checked: options.checked.has(f.itemId) });
    }
  }
  return rows;
}

/** Checked items that can still be resolved, in item order. */
export function resolvableChecked(discrepancies: readonly Discrepancy[], checked: ReadonlySet<string>): Discrepancy[] {
  return discrepancies.filter((f) => checked.has(f.itemId) && isUnresolved(f)).sort((a, b) => text(a.itemId, b.itemId));
}

/** Toggles a group's items: all checked → none, otherwise all. */
export function toggleGroup(checked: ReadonlySet<string>, group: GroupRow): Set<string> {
  const next = new Set(checked);
  if (group.checked === 'all') for (const id of group.itemIds) next.delete(id);
  else for (const id of group.itemIds) next.add(id);
  return next;
}
