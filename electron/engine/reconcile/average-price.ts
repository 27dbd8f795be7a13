// The average entry price of one symbol held by several strategies: quantity-weighted, and only
// defined when every leg has a price and all legs point the same way (a long netted against a
// short has no meaningful average).
import { Dec, toStored, ZERO } from '../../../shared/decimal';

export function netAveragePrice(legs: { quantity: string; avgPrice: string | null }[]): string | null {
  if (!legs.length || legs.some((p) => p.avgPrice === null)) return null;
  if (legs.length === 1) return legs[0].avgPrice;
  const signs = new Set(legs.map((p) => new Dec(p.quantity).isNegative()));
  if (signs.size > 1) return null;
  const qty = legs.reduce((n, p) => n.plus(p.quantity), ZERO);
  if (qty.isZero()) return null;
  const cost = legs.reduce((n, p) => n.plus(new Dec(p.quantity).times(p.avgPrice!)), ZERO);
  return toStored(cost.div(qty));
}
