// Sign and size rules shared by every format. Inputs and outputs are canonical decimal strings.
import { canonical, Dec, decimalProblem } from '../../../../shared/decimal';
import type { Outcome } from './decimals';


/**
 * A position's signed quantity from a quantity and an optional side. Brokers write shorts as a
 * negative quantity, as side "short", or both; the sign is applied once.
 */
export function signedQuantity(quantity: string, side: 'long' | 'short' | null): Outcome {
  const negative = quantity.startsWith('-');
  if (side === 'long' && negative) return { problem: `the quantity ${quantity} is negative but the side is "long"` };
  if (side === 'short' && !negative && quantity !== '0') return { value: canonical(new Dec(quantity).neg()) };
  return { value: quantity };
}

/** contracts × contractSize, exactly, within the decimal limits. */
export function contractsTimesSize(contracts: string, contractSize: string): Outcome {
  if (contractSize === '1') return { value: contracts };
  const product = canonical(new Dec(contracts).times(contractSize));
  const problem = decimalProblem(product);
  return problem ? { problem: `contracts × contractSize = ${product}: ${problem}` } : { value: product };
}

/** Why a filled quantity does not fit its order, or null. */
export function fillProblem(quantity: string, filled: string): string | null {
  return new Dec(filled).gt(quantity) ? `the filled quantity ${filled} is more than the order quantity ${quantity}` : null;
}

/** quantity − remaining, for formats that give what is left rather than what is done. */
export function filledFromRemaining(quantity: string, remaining: string): Outcome {
  const filled = new Dec(quantity).minus(remaining);
  if (filled.lt(0)) return { problem: `the remaining quantity ${remaining} is more than the order quantity ${quantity}` };
  return { value: canonical(filled) };
}
