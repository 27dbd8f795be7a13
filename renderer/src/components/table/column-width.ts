// How wide a column must be to show its values whole: decimals are never cut, so the width comes
// from the longest value (integer digits with separators, the point, the aligned fraction).
import { decimalParts } from '../../../../shared/decimal-text';
import { columnScale } from '../../format/decimal';

export type MeasureKind = 'text' | 'id' | 'decimal' | 'time' | 'count' | 'enum' | 'bool' | 'json';

/**
 * Points line up on at most this many fraction digits: equities beside 18-digit crypto amounts
 * would otherwise carry a wide invisible tail. Longer fractions still show whole, a little left.
 */
export const MAX_ALIGN_SCALE = 8;

/** Characters a decimal takes when its fraction is padded to `scale`. */
export function decimalChars(text: string | null | undefined, scale: number): number {
  if (text === null || text === undefined || text === '') return 1;
  const p = decimalParts(text);
  if (!p) return text.length;
  const fraction = Math.max(scale, p.fraction.length);
  return (p.negative ? 1 : 0) + p.integer.length + (fraction > 0 ? 1 + fraction : 0);
}

export interface ColumnMeasure {
  /** Fraction digits to align on (decimal columns). */
  scale: number;
  /** Characters of the widest value. */
  chars: number;
}

/** Measures one column's values; text is capped so one long note does not take the screen. */
export function measureColumn(values: readonly unknown[], kind: MeasureKind, maxTextChars = 48): ColumnMeasure {
  if (kind === 'decimal') {
    const texts = values as readonly (string | null)[];
    const scale = Math.min(MAX_ALIGN_SCALE, columnScale(texts));
    let chars = 1;
    for (const v of texts) chars = Math.max(chars, decimalChars(v, scale));
    return { scale, chars };
  }
  if (kind === 'time') return { scale: 0, chars: 19 };
  if (kind === 'count') {
    let chars = 1;
    for (const v of values) chars = Math.max(chars, typeof v === 'number' ? v.toLocaleString('en-US').length : 1);
    return { scale: 0, chars };
  }
  let chars = 1;
  for (const v of values) {
    const len = v === null || v === undefined ? 1 : typeof v === 'object' ? maxTextChars : String(v).length;
    if (len > chars) chars = Math.min(maxTextChars, len);
    if (chars === maxTextChars) break;
  }
  return { scale: 0, chars };
}
