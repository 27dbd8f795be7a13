// Positions as lists show them: the derived figures (market value, unrealized P&L, worked out
// exactly), the filter and the order of a positions window. The engine sorts and slices with these
// and the console patches its window with the same ones, so both agree on where a row belongs.
import { compareDecimal, Dec, toStored } from './decimal';
import type { Position } from './domain';
import { columnIds, isDecimalColumn, POSITION_COLUMNS, type PositionColumn } from './list-columns';
import { rowMatcher, type ColumnFilters } from './table-filters';

export interface PositionView extends Position {
  /** quantity × last price; null without a last price. */
  marketValue: string | null;
  /** (last − avg) × quantity; null unless both prices are known. */
  unrealizedPnl: string | null;
}

export function positionView(p: Position): PositionView {
  const qty = new Dec(p.quantity);
  const marketValue = p.lastPrice === null ? null : toStored(qty.times(p.lastPrice));
  const unrealizedPnl =
    p.lastPrice === null || p.avgPrice === null ? null : toStored(new Dec(p.lastPrice).minus(p.avgPrice).times(qty));
  return { ...p, marketValue, unrealizedPnl };
}

/** The key checkpoints and state.changed give a position: strategy and symbol, joined by U+001F. */
export const positionRowKey = (p: Pick<Position, 'strategyId' | 'symbol'>): string => `${p.strategyId}\u001f${p.symbol}`;

/** The columns a positions window sorts and filters on (list-columns.ts). Without a sort it is in key order (account, strategy, symbol). */
export const POSITION_SORTS = columnIds(POSITION_COLUMNS);
export type PositionSort = PositionColumn;

export const isDecimalSort = (sort: PositionSort): boolean => isDecimalColumn(POSITION_COLUMNS, sort);

export interface PositionFilter {
  accountId?: string;
  strategyId?: string;
  /** Every whitespace-separated term, case-insensitive, in the symbol, account, strategy or currency. */
  search?: string;
  /** What was typed in each column's filter box (table-filters.ts), market value and P&L included. */
  filters?: ColumnFilters<PositionColumn>;
}

export const searchTerms = (search: string | undefined): string[] => (search ?? '').toLowerCase().split(/\s+/).filter(Boolean);

/** One test for positions against a filter: scope, search terms and column filters. */
export function positionMatcher(f: PositionFilter): (p: PositionView) => boolean {
  const terms = searchTerms(f.search);
  const columns = rowMatcher(f.filters, POSITION_COLUMNS);
  return (p) => (!f.accountId || p.accountId === f.accountId) && (!f.strategyId || p.strategyId === f.strategyId) && matchesSearch(p, terms) && columns(p);
}

export function matchesSearch(p: Position, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const text = `${p.symbol}\u0001${p.accountId}\u0001${p.strategyId}\u0001${p.currency}`.toLowerCase();
  return terms.every((t) => text.includes(t));
}

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Key order: account, strategy, symbol (what positions.list returns unsorted). */
export function compareKeys(a: Position, b: Position): number {
  return text(a.accountId, b.accountId) || text(a.strategyId, b.strategyId) || text(a.symbol, b.symbol);
}

/**
 * The order of a window: the sort column (decimals compared exactly, unknown values first), then
 * key order; all of it reversed for `desc`.
 */
export function comparePositions(sort: PositionSort | undefined, direction: 'asc' | 'desc' = 'asc'): (a: PositionView, b: PositionView) => number {
  const sign = direction === 'desc' ? -1 : 1;
  if (!sort) return (a, b) => sign * compareKeys(a, b);
  if (isDecimalSort(sort)) return (a, b) => sign * (compareDecimal(a[sort], b[sort]) || compareKeys(a, b));
  const field = sort as Exclude<PositionSort, 'quantity' | 'avgPrice' | 'lastPrice' | 'costBasis' | 'marketValue' | 'unrealizedPnl'>;
  return (a, b) => sign * (text(a[field], b[field]) || compareKeys(a, b));
}

/**
 * Sorts many positions the way comparePositions orders them, parsing each decimal once (10,000
 * positions sort in milliseconds rather than re-parsing two decimals per comparison).
 */
export function sortPositions(views: PositionView[], sort: PositionSort | undefined, direction: 'asc' | 'desc' = 'asc'): PositionView[] {
  if (!sort || !isDecimalSort(sort)) return views.sort(comparePositions(sort, direction));
  const sign = direction === 'desc' ? -1 : 1;
  const keyed = views.map((v) => ({ v, d: v[sort] === null ? null : new Dec(v[sort] as string) }));
  keyed.sort((x, y) => {
    const c = x.d === null ? (y.d === null ? 0 : -1) : y.d === null ? 1 : x.d.comparedTo(y.d);
    return sign * (c || compareKeys(x.v, y.v));
  });
  return keyed.map((k) => k.v);
}
