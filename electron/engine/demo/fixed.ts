// Exact fixed-point arithmetic on BigInt for the generator's hot loops (200,000 orders): a price
// is a whole number of ticks at a scale, a quantity a whole number of lots. No floats anywhere;
// `fmt` prints the same canonical text as shared/decimal.ts `canonical` (tested against it), and
// `units` reads a canonical decimal string back. At the end, a few helpers on decimal text and Dec
// that the generator and the simulator share.
import { canonical, Dec } from '../../../shared/decimal';

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 40; i++, p *= 10n) POW10.push(p);

export function pow10(n: number): bigint {
  const p = POW10[n];
  if (p === undefined) throw new RangeError(`10^${n} is out of range`);
  return p;
}

/** Canonical decimal text of units × 10^-scale (no exponent, no trailing zeros, never "-0"). */
export function fmt(units: bigint, scale: number): string {
  if (units === 0n) return '0';
  const neg = units < 0n;
  let digits = (neg ? -units : units).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    let int = digits.slice(0, digits.length - scale);
    let frac = digits.slice(digits.length - scale);
    let end = frac.length;
    while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
    int = int === '' ? '0' : int;
    digits = frac ? `${int}.${frac}` : int;
  } else if (scale < 0) {
    digits += '0'.repeat(-scale);
  }
  return neg ? `-${digits}` : digits;
}

/** The whole number of 10^-scale units in a decimal string, rounded half-even if it has more places. */
export function units(text: string, scale: number): bigint {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1);
  if (!/^[0-9]+$/.test(int) || (frac !== '' && !/^[0-9]+$/.test(frac))) {
    throw new RangeError(`"${text}" is not a plain decimal`);
  }
  let u: bigint;
  if (frac.length <= scale) {
    u = BigInt(int + frac.padEnd(scale, '0'));
  } else {
    u = divRound(BigInt(int + frac), pow10(frac.length - scale));
  }
  return neg ? -u : u;
}

/** n / d rounded half to even (d > 0). */
export function divRound(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  let q = n / d;
  let r = n % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  const twice = r * 2n;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q += 1n;
  return q;
}

/** floor(n / d) (d > 0). */
export function divFloor(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d < 0n ? q - 1n : q;
}

/** x × (1 + bps / 10000), rounded half-even to whole units. */
export function mulBps(x: bigint, bps: number): bigint {
  return divRound(x * BigInt(10000 + bps), 10000n);
}

/** A Dec of units × 10^-scale, for the few places that leave the hot loop. */
export function toDec(u: bigint, scale: number): Dec {
  return new Dec(canonical(fmt(u, scale)));
}

/** How many decimal places a plain decimal text has ("1.250" → 3, "40" → 0). */
export function places(text: string): number {
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

/** x × (1 + bps / 10000) as a Dec, not yet rounded to any scale (the caller does that). */
export function timesBps(x: Dec | string, bps: number): Dec {
  return new Dec(x).times(10000 + bps).div(10000);
}

/** x rounded down to a multiple of `lot`, the number of lots kept to `qScale` places. */
export function floorLots(x: Dec, lot: Dec, qScale: number): Dec {
  return x.div(lot).toDecimalPlaces(qScale, Dec.ROUND_DOWN).times(lot);
}
