// Decimal strings are shown exactly as stored: grouped for reading, never turned into a JS number.
import { compareDecimal } from '../../../shared/decimal';

const PLAIN = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

export interface DecimalParts {
  negative: boolean;
  /** Integer digits with thousands separators, without the sign. */
  integer: string;
  /** Fraction digits exactly as given, without the point; '' when there is none. */
  fraction: string;
}

/** Splits a plain decimal string for display; null when the text is not a plain decimal. */
export function decimalParts(text: string, separator = ','): DecimalParts | null {
  const m = PLAIN.exec(text);
  if (!m) return null;
  return { negative: m[1] === '-', integer: groupThousands(m[2], separator), fraction: m[3] ?? '' };
}

export function groupThousands(digits: string, separator = ','): string {
  if (digits.length <= 3) return digits;
  const head = digits.length % 3;
  const groups: string[] = head ? [digits.slice(0, head)] : [];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.join(separator);
}

/** "1234567.5" → "1,234,567.5"; text that is not a plain decimal comes back unchanged. */
export function formatDecimal(text: string | null | undefined, separator = ','): string {
  if (text === null || text === undefined) return '';
  const p = decimalParts(text, separator);
  if (!p) return text;
  return `${p.negative ? '-' : ''}${p.integer}${p.fraction ? `.${p.fraction}` : ''}`;
}

/** How many fraction digits the text shows; 0 for integers and for non-decimals. */
export function fractionDigits(text: string | null | undefined): number {
  if (!text) return 0;
  const m = PLAIN.exec(text);
  return m?.[3]?.length ?? 0;
}

/** The widest fraction in a column, so every value's point can line up. */
export function columnScale(values: Iterable<string | null | undefined>): number {
  let scale = 0;
  for (const v of values) {
    const d = fractionDigits(v);
    if (d > scale) scale = d;
  }
  return scale;
}

/** -1, 0 or 1 from the text alone (for colouring P&L). */
export function decimalSign(text: string | null | undefined): -1 | 0 | 1 {
  if (!text) return 0;
  const m = PLAIN.exec(text);
  if (!m) return 0;
  if (m[2] === '0' && !/[1-9]/.test(m[3] ?? '')) return 0;
  return m[1] === '-' ? -1 : 1;
}

/**
 * Orders two decimal strings like compareDecimal, without building a Decimal per comparison:
 * plain texts compare digit by digit (sorting 10,000 rows stays fast); anything else goes to
 * compareDecimal. Nulls sort first, as there.
 */
export function compareDecimalText(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  const ma = PLAIN.exec(x);
  const mb = PLAIN.exec(y);
  if (!ma || !mb) return compareDecimal(x, y);
  const fa = (ma[3] ?? '').replace(/0+$/, '');
  const fb = (mb[3] ?? '').replace(/0+$/, '');
  const za = ma[2] === '0' && fa === '';
  const zb = mb[2] === '0' && fb === '';
  const sa = za ? 0 : ma[1] === '-' ? -1 : 1;
  const sb = zb ? 0 : mb[1] === '-' ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const magnitude = compareMagnitude(ma[2], fa, mb[2], fb);
  return sa < 0 ? -magnitude : magnitude;
}

function compareMagnitude(ia: string, fa: string, ib: string, fb: string): number {
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  if (ia !== ib) return ia < ib ? -1 : 1;
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}
