// The pure side of tier statistics over time: a minute's sample from the counters, and thinning.
import { describe, expect, it } from 'vitest';
import type { TierSample, TierStatus, TiersStatus } from '../../../shared/api/tiers';
import { sampleMinute, samplesFrom, samplesToDrop } from '../../../electron/engine/tiers/sample';

const tier = (name: TierStatus['tier'], over: Partial<TierStatus> = {}): TierStatus => ({
  tier: name, location: 'x', objects: 10, rawBytes: 3000, storedBytes: 1000, compressionRatio: 3, hits: 0, misses: 0, hitRatio: null,
  latencyMicros: null, promotions: 0, promotedBytes: 0, demotions: 0, demotedBytes: 0, health: 'up', lastError: null, lastErrorAt: null, ...over,
});
const status = (...tiers: TierStatus[]): TiersStatus => ({ tiers, databaseBytes: 0, autoVacuum: 'none' });
const NOW = new Date('2026-12-04T10:17:42.123Z');

describe('a tier sample', () => {
  it('is named by its minute and carries the tier figures', () => {
    const [s] = samplesFrom(status(tier('cold', { demotions: 4, promotions: 1, health: 'down', lastError: 'gone', latencyMicros: { p50: 5, p95: 9, p99: 12, samples: 40 } })), new Map(), NOW);
    expect(sampleMinute(NOW)).toBe('2026-12-04T10:17:00.000Z');
    expect(s).toMatchObject({ sampledAt: '2026-12-04T10:17:00.000Z', tier: 'cold', objects: 10, rawBytes: 3000, storedBytes: 1000, demotions: 4, promotions: 1, health: 'down', lastError: 'gone', latencyMicros: { p50: 5, p95: 9, p99: 12 } });
  });

  it("has the hit ratio of the reads since the previous sample, or since the desk began without one", () => {
    const previous = new Map<string, TierSample>([['warm', { ...samplesFrom(status(tier('warm', { hits: 90, misses: 10 })), new Map(), NOW)[0] }]]);
    const now = status(tier('warm', { hits: 91, misses: 13 }), tier('hot', { hits: 3, misses: 1 }), tier('cold'));
    const [warm, hot, cold] = samplesFrom(now, previous, NOW);
    expect(warm.hitRatio).toBe(0.25); // 1 hit, 3 misses in the minute
    expect(warm.hits).toBe(91); // the counters themselves are kept for the next difference
    expect(hot.hitRatio).toBe(0.75);
    expect(cold.hitRatio).toBeNull();
  });

  it('falls back to the counters since the desk began when they went back', () => {
    const previous = new Map<string, TierSample>([['warm', samplesFrom(status(tier('warm', { hits: 90, misses: 10 })), new Map(), NOW)[0]]]);
    expect(samplesFrom(status(tier('warm', { hits: 4, misses: 4 })), previous, NOW)[0].hitRatio).toBe(0.5);
  });
});

describe('thinning', () => {
  const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
  it('keeps every minute of the last day, one per tier per hour up to a week, nothing older', () => {
    const samples = [
      ...[1, 2, 3, 60 * 23].map((m) => ({ tier: 'warm', sampledAt: at(m) })),
      // 25 hours ago: three samples in one hour, for two tiers
      ...['2026-12-03T09:05:00.000Z', '2026-12-03T09:06:00.000Z', '2026-12-03T09:59:00.000Z'].flatMap((s) => [{ tier: 'warm', sampledAt: s }, { tier: 'cold', sampledAt: s }]),
      { tier: 'warm', sampledAt: at(60 * 24 * 7 + 1) },
    ];
    const drop = samplesToDrop(samples, NOW);
    expect(drop.map((d) => `${d.tier} ${d.sampledAt}`).sort()).toEqual(
      [
        'cold 2026-12-03T09:06:00.000Z', 'cold 2026-12-03T09:59:00.000Z',
        'warm 2026-12-03T09:06:00.000Z', 'warm 2026-12-03T09:59:00.000Z',
        `warm ${at(60 * 24 * 7 + 1)}`,
      ].sort(),
    );
  });

  it('keeps the hour it kept before (thinning twice drops nothing more)', () => {
    const samples = [{ tier: 'hot', sampledAt: '2026-12-01T09:05:00.000Z' }, { tier: 'hot', sampledAt: '2026-12-01T10:05:00.000Z' }];
    expect(samplesToDrop(samples, NOW)).toEqual([]);
  });
});
