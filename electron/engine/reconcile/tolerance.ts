// Tolerances, exact in decimal: a difference is tolerated when it is no larger than the absolute
// allowance or than the relative allowance times the broker's value.
import type { Tolerance, Tolerances } from '../../../shared/api/reconcile';
import { Dec } from '../../../shared/decimal';

export type ToleranceField = 'quantity' | 'price' | 'cash';

/** Quantities must match exactly; prices within 1 bp (brokers round averages); cash within a cent. */
export const DEFAULT_TOLERANCES: Required<Pick<Tolerances, ToleranceField>> = {
  quantity: { abs: '0' },
  price: { rel: '0.0001' },
  cash: { abs: '0.01' },
};

export function toleranceFor(tolerances: Tolerances, accountId: string, field: ToleranceField): Tolerance {
  return tolerances.accounts?.[accountId]?.[field] ?? tolerances[field] ?? DEFAULT_TOLERANCES[field];
}

export function withinTolerance(local: string, broker: string, tolerance: Tolerance): boolean {
  const diff = new Dec(broker).minus(local).abs();
  if (diff.isZero()) return true;
  if (tolerance.abs !== undefined && diff.lte(tolerance.abs)) return true;
  if (tolerance.rel !== undefined && diff.lte(new Dec(broker).abs().times(tolerance.rel))) return true;
  return false;
}
