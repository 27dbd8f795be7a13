// Money and quantities: decimal strings on disk and on the wire, decimal.js in code.
// Canonical form: no exponent, no trailing zeros, no leading "+", "-0" is "0".
import Decimal from 'decimal.js';

export const Dec = Decimal.clone({
  precision: 80,
  rounding: Decimal.ROUND_HALF_EVEN,
  // Never switch to exponent notation when printing.
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Dec = Decimal;

/** The most fractional digits we accept: crypto needs 18. */
export const MAX_SCALE = 18;
/** The most integer digits we accept; larger is a typo or an overflow, not a position. */
export const MAX_INTEGER_DIGITS = 30;

const PLAIN = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export interface DecimalRules {
  /** Refuse values below zero (quantities of a cash account, prices). */
  nonNegative?: boolean;
  /** Refuse zero (prices, order quantities). */
  positive?: boolean;
}

/** Why a text is not a canonical-able decimal, or null when it is fine. */
export function decimalProblem(text: unknown, rules: DecimalRules = {}): string | null {
  if (typeof text !== 'string') return `expected a decimal string, got ${describe(text)}`;
  if (text.trim() !== text || text === '') return `"${text}" is not a decimal (empty or padded with spaces)`;
  if (/^[-+]?(nan|inf|infinity)$/i.test(text)) return `"${text}" is not a number`;
  if (/[eE]/.test(text)) return `"${text}" uses an exponent; write the plain digits`;
  if (text.includes(',')) return `"${text}" contains a comma; use "." as the decimal point and no thousands separator`;
  if (!PLAIN.test(text)) return `"${text}" is not a plain decimal like "12.5"`;
  const [intPart, frac = ''] = text.replace('-', '').split('.');
  if (intPart.length > MAX_INTEGER_DIGITS) return `"${text}" has more than ${MAX_INTEGER_DIGITS} integer digits`;
  if (frac.replace(/0+$/, '').length > MAX_SCALE) return `"${text}" has more than ${MAX_SCALE} decimal places`;
  // Signs are read off the text (it matched PLAIN): no decimal.js value is needed, which matters
  // when a 100 MB broker file brings millions of cells.
  const negative = text.startsWith('-');
  const zero = !/[1-9]/.test(text);
  if (negative && zero) return `"${text}" is a negative zero; write "0"`;
  if (rules.positive && (negative || zero)) return `"${text}" must be greater than zero`;
  if (rules.nonNegative && negative) return `"${text}" must not be negative`;
  return null;
}

/** Parses a decimal string strictly (see decimalProblem); throws with the reason. */
export function parseDecimal(text: unknown, rules: DecimalRules = {}): Dec {
  const problem = decimalProblem(text, rules);
  if (problem) throw new RangeError(problem);
  return new Dec(text as string);
}

/** The one canonical text of a decimal value. */
export function canonical(value: Dec | string): string {
  const d = typeof value === 'string' ? parseDecimal(value) : value;
  if (!d.isFinite()) throw new RangeError(`${d.toString()} is not a finite decimal`);
  if (d.isZero()) return '0';
  return d.toString();
}

/** Canonical text of a value computed in code, rounded to the storage scale. */
export function toStored(value: Dec, scale = MAX_SCALE): string {
  return canonical(value.toDecimalPlaces(scale, Dec.ROUND_HALF_EVEN));
}

export function isCanonical(text: string): boolean {
  return decimalProblem(text) === null && canonical(text) === text;
}

export const ZERO = new Dec(0);

export function sum(values: Iterable<string>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** Compare two decimal strings, for sorting. */
export function compareDecimal(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return new Dec(a).comparedTo(b);
}

function describe(v: unknown): string {
  if (typeof v === 'number') return `the JSON number ${String(v)} (write it as a string to keep it exact)`;
  if (v === null) return 'null';
  return typeof v;
}

/**
 * When a decimal carries binary-float noise — digits a float added to a short decimal, as in
 * 0.30000000000000004 (0.1 + 0.2) or 0.7999999999999999 — the short decimal the writer meant;
 * null otherwise. Noise: 15 or more significant digits whose fraction ends in a run of five or
 * more 0s or 9s and one or two digits, and the text is the one a float prints for itself. The
 * value is stored as written; this only says it looks like a float wrote it.
 */
export function floatNoise(text: string): string | null {
  const m = /^-?(\d+)\.(\d+)$/.exec(text);
  if (!m) return null;
  const significant = (m[1].replace(/^0+/, '') + m[2]).replace(/^0+/, '').length;
  if (significant < 15) return null;
  const run = /(0{5,}|9{5,})\d{1,2}$/.exec(m[2]);
  if (!run) return null;
  // And it must be exactly what a float prints: 0.010000000000000001 (0.01 and one wei) is no
  // float's shortest text, so it is an exact 18-decimal amount, not noise. The float answers only
  // this question; the value kept is the text.
  if (String(Number(text)) !== text) return null;
  return canonical(new Dec(text).toDecimalPlaces(run.index, Dec.ROUND_HALF_EVEN));
}
