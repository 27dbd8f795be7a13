// Accepting a decimal text: decimalProblem decides, always. The canonical form is then the text
// itself in the common case, which skips a second parse through decimal.js on every value of a
// 100 MB file.
import { canonical, Dec, decimalProblem, type DecimalRules } from '../../../../shared/decimal';

/** Already canonical once decimalProblem accepts it: no trailing fractional zeros, no "+". */
const CANONICAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

export type Outcome = { value: string; problem?: undefined } | { value?: undefined; problem: string };

export function acceptDecimal(text: string, rules: DecimalRules = {}): Outcome {
  const problem = decimalProblem(text, rules);
  if (problem) return { problem };
  return { value: CANONICAL.test(text) ? text : canonical(text) };
}

const EXPONENT = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?[eE]([-+]?[0-9]+)$/;
/** Beyond this an exponent is a typo or an overflow: 18 decimal places and 30 integer digits are the limits anyway. */
const MAX_EXPONENT = 60;

/**
 * A decimal that may be written with an exponent ("1.2e-7", as CCXT writes tiny amounts), turned
 * into its plain digits exactly (decimal.js from the text, never a float), then checked like any
 * other. Without an exponent it is acceptDecimal.
 */
export function acceptDecimalOrExponent(text: string, rules: DecimalRules = {}): Outcome {
  // Most values have no exponent: skip the pattern for them (a 100 MB file brings millions).
  const m = text.includes('e') || text.includes('E') ? EXPONENT.exec(text) : null;
  if (!m) return acceptDecimal(text, rules);
  if (Math.abs(Number(m[3])) > MAX_EXPONENT) return { problem: `"${text}" has an exponent out of range` };
  const plain = canonical(new Dec(text));
  const d = acceptDecimal(plain, rules);
  return d.problem === undefined ? d : { problem: `${d.problem} (written ${text})` };
}
