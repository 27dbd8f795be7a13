// Decimal strings read as text: grouped for reading and compared exactly, never turned into a JS
// number. The console shows decimals with these; table filters (table-filters.ts) compare with
// them on the server and in the console alike.
import { compareDecimal } from './decimal';

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
