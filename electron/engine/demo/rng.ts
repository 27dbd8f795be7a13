// A small seeded PRNG for the demo desk and its simulator: sfc32, seeded through splitmix32.
// The same seed gives the same sequence on every machine. Floats appear only inside the generator
// (probabilities, weights); every price or quantity it hands out is a canonical decimal string
// built from integers with decimal.js, never from a JavaScript float.
import { Dec, toStored } from '../../../shared/decimal';

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

export type RngState = readonly [number, number, number, number];

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds from any safe integer (negative or above 2^32 included) and an optional stream label. */
  constructor(seed: number, stream = '') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`a seed must be a safe integer, got ${String(seed)}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_32) >>> 0;
    let s = splitmix32(lo ^ 0x9e3779b9);
    s = splitmix32(s ^ hi);
    s = splitmix32(s ^ fnv1a(stream));
    this.a = s = splitmix32(s);
    this.b = s = splitmix32(s);
    this.c = s = splitmix32(s);
    this.d = 1;
    // Warm up: the first outputs of sfc32 are weakly mixed.
    for (let i = 0; i < 15; i++) this.u32();
  }

  static fromState(state: RngState): Rng {
    const r = new Rng(0);
    [r.a, r.b, r.c, r.d] = state;
    return r;
  }

  state(): RngState {
    return [this.a, this.b, this.c, this.d];
  }

  /** An independent stream derived from this one's next output and a label. */
  fork(label: string): Rng {
    return new Rng(this.u32() * 2048 + (fnv1a(label) & 0x7ff), label);
  }

  /** A uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.u32() >>> 5; // 27 bits
    const lo = this.u32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_53;
  }

  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`bad integer range [${min}, ${max}]`);
    }
    const span = max - min + 1;
    if (span <= TWO_32) {
      // Rejection sampling: exact uniformity for spans up to 2^32.
      const limit = TWO_32 - (TWO_32 % span);
      let x = this.u32();
      while (x >= limit) x = this.u32();
      return min + (x % span);
    }
    return min + Math.floor(this.float() * span);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** Picks by weight; weights need not sum to anything in particular. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    if (!(total > 0)) throw new RangeError('weights must sum to more than zero');
    let x = this.float() * total;
    for (const [item, w] of items) {
      if (x < w) return item;
      x -= w;
    }
    return items[items.length - 1][0];
  }

  /** n distinct items in random order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = this.int(i, copy.length - 1);
      const t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return copy.slice(0, k);
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  hex(n: number): string {
    return this.chars('0123456789abcdef', n);
  }

  /** An RFC 4122 version-4 shaped UUID. */
  uuid(): string {
    const variant = '89ab'[this.int(0, 3)];
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  /** A uniform decimal on the grid of `scale` places in [min, max], as a canonical string. */
  decimal(min: string, max: string, scale: number): string {
    const unit = new Dec(10).pow(scale);
    const lo = new Dec(min).times(unit).ceil();
    const hi = new Dec(max).times(unit).floor();
    const span = hi.minus(lo);
    if (span.isNegative()) throw new RangeError(`empty decimal range [${min}, ${max}] at scale ${scale}`);
    if (span.gte(TWO_53)) throw new RangeError(`decimal range [${min}, ${max}] at scale ${scale} is too wide`);
    const r = this.int(0, span.toNumber());
    return toStored(lo.plus(r).div(unit), scale);
  }

  /** value × (1 + u) with u uniform in ±maxBps basis points, rounded to `scale` places. */
  jitter(value: Dec | string, maxBps: number, scale: number): string {
    const bps = this.int(-maxBps, maxBps);
    return toStored(new Dec(value).times(10000 + bps).div(10000), scale);
  }

  /**
   * One step of a price random walk: ±maxBps basis points, rounded to the tick (`scale` places),
   * never below one tick and always different from the input when the input is above one tick.
   */
  walk(price: Dec | string, maxBps: number, scale: number): string {
    const p = new Dec(price);
    const tick = new Dec(10).pow(-scale);
    let bps = this.int(-maxBps, maxBps);
    if (bps === 0) bps = this.chance(0.5) ? 1 : -1;
    let next = p.times(10000 + bps).div(10000).toDecimalPlaces(scale, Dec.ROUND_HALF_EVEN);
    if (next.eq(p.toDecimalPlaces(scale, Dec.ROUND_HALF_EVEN))) next = bps > 0 ? next.plus(tick) : next.minus(tick);
    if (next.lt(tick)) next = tick;
    return toStored(next, scale);
  }
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over UTF-16 code units; a stable 32-bit hash of a label or symbol. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator for a seed (the simulator's and the CLI's entry point). */
export function createRng(seed: number, stream = ''): Rng {
  return new Rng(seed, stream);
}
