// Table filters: what a person types in a column's filter box, and the quick filter over all
// columns. The console filters the rows it holds with these; the engine filters the windowed lists
// (positions.list, orders.list) with the same ones, so both agree on which rows match.
import { compareDecimalText, formatDecimal } from './decimal-text';

/** A filter box's kind: decimals compare exactly, everything else matches as text. */
export type FilterKind = 'decimal' | 'text';

/** A cell's test, made once per filter text so a list of 200,000 rows parses the filter once. */
export type CellMatcher = (value: string | null | undefined) => boolean;

const PLAIN = /^-?(0|[1-9][0-9]*|[0-9]+)(\.[0-9]+)?$/;
const COMPARISON = /^(>=|<=|!=|<>|=|>|<)\s*(.+)$/;
const RANGE = /^(.+?)\s*\.\.\s*(.+)$/;

/** A typed number with grouping commas taken out, or null when it is not a plain decimal. */
function operand(text: string): string | null {
  const t = text.trim().replace(/,/g, '');
  if (!PLAIN.test(t)) return null;
  // "007" and "1.50" compare like "7" and "1.5".
  const [int, frac] = t.replace('-', '').split('.');
  const cleanInt = int.replace(/^0+(?=\d)/, '');
  const cleanFrac = (frac ?? '').replace(/0+$/, '');
  const body = cleanFrac ? `${cleanInt}.${cleanFrac}` : cleanInt;
  return t.startsWith('-') && body !== '0' ? `-${body}` : body;
}

/**
 * A decimal cell's filter: ">1000", "<= -5", "=0", "!=0", "10..20" compare exactly; anything else
 * is a substring of the plain or grouped text.
 */
export function decimalMatcher(filter: string): CellMatcher {
  const f = filter.trim();
  if (!f) return () => true;
  const range = RANGE.exec(f);
  if (range) {
    const lo = operand(range[1]);
    const hi = operand(range[2]);
    if (lo !== null && hi !== null) return (value) => value != null && compareDecimalText(value, lo) >= 0 && compareDecimalText(value, hi) <= 0;
  }
  const cmp = COMPARISON.exec(f);
  const rhs = cmp ? operand(cmp[2]) : null;
  if (cmp && rhs !== null) {
    const op = cmp[1];
    const holds = (c: number): boolean => (op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '=' ? c === 0 : c !== 0);
    const unknown = op === '!=' || op === '<>';
    return (value) => (value == null ? unknown : holds(compareDecimalText(value, rhs)));
  }
  const needle = f.toLowerCase();
  return (value) => value != null && (value.includes(needle) || formatDecimal(value).includes(needle));
}

/** A text cell's filter: case-insensitive substring; "=AAPL" means exactly AAPL; "!x" excludes. */
export function textMatcher(filter: string): (value: unknown) => boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return () => true;
  const lower = (value: unknown) => (value == null ? '' : String(value).toLowerCase());
  if (f.startsWith('!') && f.length > 1) return (value) => !lower(value).includes(f.slice(1));
  if (f.startsWith('=') && f.length > 1) return (value) => lower(value) === f.slice(1);
  return (value) => lower(value).includes(f);
}

export const matcherOf = (kind: FilterKind, filter: string): CellMatcher => (kind === 'decimal' ? decimalMatcher(filter) : textMatcher(filter));

export function matchesDecimalFilter(value: string | null | undefined, filter: string): boolean {
  return decimalMatcher(filter)(value);
}

export function matchesTextFilter(value: unknown, filter: string): boolean {
  return textMatcher(filter)(value);
}

/** Column id → what was typed in its filter box. */
export type ColumnFilters<C extends string = string> = Partial<Record<C, string>>;

/** The filters that narrow anything (a box left empty or blank does not), in column order. */
export function activeFilters<C extends string>(filters: ColumnFilters<C> | undefined): [C, string][] {
  if (!filters) return [];
  return (Object.entries(filters) as [C, string | undefined][])
    .filter((e): e is [C, string] => typeof e[1] === 'string' && e[1].trim() !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether two sets of filters narrow the same way (blank boxes and key order aside). */
export function sameFilters(a: ColumnFilters | undefined, b: ColumnFilters | undefined): boolean {
  const x = activeFilters(a);
  const y = activeFilters(b);
  return x.length === y.length && x.every(([column, text], i) => y[i][0] === column && y[i][1] === text);
}

/**
 * One test for a row against every column filter, each column matched by its kind (`kinds` says
 * which hold decimals). Every filter must hold.
 */
export function rowMatcher<C extends string>(filters: ColumnFilters<C> | undefined, kinds: Readonly<Record<C, FilterKind>>): (row: Readonly<Record<C, string | null>>) => boolean {
  const tests = activeFilters(filters).map(([column, text]) => [column, matcherOf(kinds[column], text)] as const);
  if (tests.length === 0) return () => true;
  return (row) => tests.every(([column, test]) => test(row[column]));
}

/** Quick filter: every whitespace-separated term must appear somewhere in the row's text. */
export function quickFilterTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesQuickFilter(rowText: string, terms: readonly string[]): boolean {
  for (const t of terms) if (!rowText.includes(t)) return false;
  return true;
}
