// Overview figures (exposure, P&L) are sums with up to 18 decimals; the dashboard shows them at the
// currency's usual precision, rounded in decimal arithmetic (never floats), with the exact value
// one hover away. Stored values (cash, quantities, prices) are always shown exactly.
import { Dec } from '../../../shared/decimal';

const CENTS = new Set(['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'HKD', 'SGD', 'USDT', 'USDC', 'BUSD', 'DAI', 'FDUSD', 'TUSD']);
const WHOLE = new Set(['JPY', 'KRW']);

/** Decimal places an amount in this currency is usually read at. */
export function displayPlaces(currency: string): number {
  const c = currency.toUpperCase();
  if (WHOLE.has(c)) return 0;
  return CENTS.has(c) ? 2 : 8;
}

/** The value rounded half-even to `places`, or the text itself when it already fits. */
export function roundForDisplay(text: string, places: number): { text: string; rounded: boolean } {
  const dot = text.indexOf('.');
  if (dot < 0 || text.length - dot - 1 <= places) return { text, rounded: false };
  let value: InstanceType<typeof Dec>;
  try {
    value = new Dec(text);
  } catch {
    return { text, rounded: false };
  }
  const fixed = value.toDecimalPlaces(places, Dec.ROUND_HALF_EVEN).toFixed(places);
  return { text: /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed, rounded: true };
}
