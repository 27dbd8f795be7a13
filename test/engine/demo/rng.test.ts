import { describe, expect, it } from 'vitest';
import { canonical, Dec, isCanonical } from '../../../shared/decimal';
import { createRng, Rng } from '../../../electron/engine/demo/rng';
import { divRound, fmt, units } from '../../../electron/engine/demo/fixed';

describe('seeded rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 50 }, () => a.u32());
    const seqB = Array.from({ length: 50 }, () => b.u32());
    const seqC = Array.from({ length: 50 }, () => c.u32());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    expect(createRng(42).u32()).toBe(new Rng(42).u32());
  });

  it('separates streams by label and forks deterministically', () => {
    expect(new Rng(1, 'a').u32()).not.toBe(new Rng(1, 'b').u32());
    const f1 = new Rng(9).fork('x');
    const f2 = new Rng(9).fork('x');
    expect([f1.u32(), f1.u32()]).toEqual([f2.u32(), f2.u32()]);
  });

  it('restores from its state', () => {
    const r = new Rng(5);
    r.u32();
    const copy = Rng.fromState(r.state());
    expect(copy.u32()).toBe(r.u32());
  });

  it('keeps integers, picks and floats in range', () => {
    const r = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
      seen.add(n);
      const f = r.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
    expect(seen.size).toBe(7);
    const big = r.int(0, 2 ** 40);
    expect(Number.isSafeInteger(big)).toBe(true);
    expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    expect(() => r.int(3, 1)).toThrow(RangeError);
    expect(() => new Rng(1.5)).toThrow(RangeError);
  });

  it('samples distinct items and picks by weight', () => {
    const r = new Rng(11);
    const s = r.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(s).size).toBe(4);
    expect(r.sample([1, 2], 5)).toHaveLength(2);
    let heavy = 0;
    for (let i = 0; i < 1000; i++) if (r.weighted([['heavy', 9], ['light', 1]] as const) === 'heavy') heavy++;
    expect(heavy).toBeGreaterThan(800);
  });

  it('makes canonical decimal strings on the grid, within range', () => {
    const r = new Rng(3);
    for (let i = 0; i < 500; i++) {
      const d = r.decimal('0.5', '4', 8);
      expect(isCanonical(d)).toBe(true);
      const v = new Dec(d);
      expect(v.gte('0.5') && v.lte(4)).toBe(true);
      expect(v.decimalPlaces()).toBeLessThanOrEqual(8);
      const j = r.jitter('100.25', 50, 2);
      expect(isCanonical(j)).toBe(true);
      expect(new Dec(j).minus('100.25').abs().lte('0.51')).toBe(true);
    }
  });

  it('walks prices on the tick, never to zero, always moving', () => {
    const r = new Rng(8);
    let p = '0.00000003';
    for (let i = 0; i < 300; i++) {
      const next = r.walk(p, 80, 8);
      expect(isCanonical(next)).toBe(true);
      expect(new Dec(next).gte('0.00000001')).toBe(true);
      expect(new Dec(next).decimalPlaces()).toBeLessThanOrEqual(8);
      if (new Dec(p).gt('0.00000001')) expect(next).not.toBe(p);
      p = next;
    }
    let q = '64250.5';
    for (let i = 0; i < 300; i++) {
      const next = r.walk(q, 80, 2);
      expect(next).not.toBe(q);
      q = next;
    }
  });

  it('produces identical uuids for the same seed', () => {
    const u = new Rng(1).uuid();
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Rng(1).uuid()).toBe(u);
  });
});

describe('fixed-point helpers', () => {
  it('print exactly what canonical() prints', () => {
    const r = new Rng(21);
    const cases: [bigint, number][] = [
      [0n, 2],
      [-0n, 8],
      [1n, 18],
      [-1n, 18],
      [100n, 2],
      [123456789n, 0],
      [-5n, 1],
      [10n ** 30n + 7n, 18],
    ];
    for (let i = 0; i < 500; i++) {
      const neg = r.chance(0.3) ? -1n : 1n;
      cases.push([neg * BigInt(r.int(0, 2 ** 50)) * BigInt(r.int(1, 1000)), r.int(0, 18)]);
    }
    for (const [u, scale] of cases) {
      const expected = canonical(new Dec(u.toString()).div(new Dec(10).pow(scale)));
      expect(fmt(u, scale)).toBe(expected);
      expect(units(expected, scale)).toBe(u);
    }
  });

  it('rounds half to even', () => {
    expect(divRound(5n, 2n)).toBe(2n);
    expect(divRound(7n, 2n)).toBe(4n);
    expect(divRound(-5n, 2n)).toBe(-2n);
    expect(divRound(-7n, 2n)).toBe(-4n);
    expect(divRound(10n, 3n)).toBe(3n);
    expect(units('1.235', 2)).toBe(124n);
    expect(units('1.245', 2)).toBe(124n);
  });
});
