// Accepting a decimal text: decimalProblem decides, always. The canonical form is then the text
// itself in the common case, which skips a second parse through decimal.js on every value of a
// 100 MB file.
import { canonical, decimalProblem, type DecimalRules } from '../../../../shared/decimal';

/** Already canonical once decimalProblem accepts it: no trailing fractional zeros, no "+". */
const CANONICAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

export type Outcome = { value: string; problem?: undefined } | { value?: undefined; problem: string };

export function acceptDecimal(text: string, rules: DecimalRules = {}): Outcome {
  const problem = decimalProblem(text, rules);
  if (problem) return { problem };
  return { value: CANONICAL.test(text) ? text : canonical(text) };
}
