// The Storage page's chart rows: one row per minute, a column per tier and figure.
import { describe, expect, it } from 'vitest';
import type { TierSample } from '../../shared/api/tiers';
import { historyRows } from '../../renderer/src/pages/storage/model/series';

const sample = (sampledAt: string, tier: TierSample['tier'], over: Partial<TierSample> = {}): TierSample => ({
  sampledAt, tier, objects: 1, rawBytes: 10, storedBytes: 5, hits: 0, misses: 0, hitRatio: null, latencyMicros: null, promotions: 0, demotions: 0, health: 'up', lastError: null, ...over,
});

describe('storage chart rows', () => {
  it('puts each minute in one row, oldest first, hit ratio in per cent and missing figures as null', () => {
    const rows = historyRows([
      sample('2026-12-04T10:01:00.000Z', 'warm', { storedBytes: 900, hitRatio: 0.9876, latencyMicros: { p50: 10, p95: 20, p99: 30 } }),
      sample('2026-12-04T10:00:00.000Z', 'warm', { storedBytes: 1000 }),
      sample('2026-12-04T10:01:00.000Z', 'cold', { storedBytes: 100 }),
    ]);
    expect(rows).toEqual([
      { at: Date.parse('2026-12-04T10:00:00.000Z'), bytes_warm: 1000, hit_warm: null, p50_warm: null, p99_warm: null },
      { at: Date.parse('2026-12-04T10:01:00.000Z'), bytes_warm: 900, hit_warm: 98.8, p50_warm: 10, p99_warm: 30, bytes_cold: 100, hit_cold: null, p50_cold: null, p99_cold: null },
    ]);
  });
});
