// Table filters: what a person types in a column's filter box, and the quick filter over all columns.
import { compareDecimalText, formatDecimal } from '../../format/decimal';

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
 * Matches a decimal cell against a filter: ">1000", "<= -5", "=0", "!=0", "10..20" compare exactly;
 * anything else is a substring of the plain or grouped text.
 */
export function matchesDecimalFilter(value: string | null | undefined, filter: string): boolean {
  const f = filter.trim();
  if (!f) return true;
  const range = RANGE.exec(f);
  if (range) {
    const lo = operand(range[1]);
    const hi = operand(range[2]);
    if (lo !== null && hi !== null) {
      if (value == null) return false;
      return compareDecimalText(value, lo) >= 0 && compareDecimalText(value, hi) <= 0;
    }
  }
  const cmp = COMPARISON.exec(f);
  if (cmp) {
    const rhs = operand(cmp[2]);
    if (rhs !== null) {
      if (value == null) return cmp[1] === '!=' || cmp[1] === '<>';
      const c = compareDecimalText(value, rhs);
      switch (cmp[1]) {
        case '>': return c > 0;
        case '>=': return c >= 0;
        case '<': return c < 0;
        case '<=': return c <= 0;
        case '=': return c === 0;
        default: return c !== 0;
      }
    }
  }
  if (value == null) return false;
  const needle = f.toLowerCase();
  return value.includes(needle) || formatDecimal(value).includes(needle);
}

/** Text cells: case-insensitive substring; "=AAPL" means exactly AAPL; "!x" excludes. */
export function matchesTextFilter(value: unknown, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  const text = value == null ? '' : String(value).toLowerCase();
  if (f.startsWith('!') && f.length > 1) return !text.includes(f.slice(1));
  if (f.startsWith('=') && f.length > 1) return text === f.slice(1);
  return text.includes(f);
}

/** Quick filter: every whitespace-separated term must appear somewhere in the row's text. */
export function quickFilterTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesQuickFilter(rowText: string, terms: readonly string[]): boolean {
  for (const t of terms) if (!rowText.includes(t)) return false;
  return true;
}
