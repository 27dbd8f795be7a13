// Tier statistics over time, the decisions (pure: no clock, no disk): a minute's sample from what
// tiers.status says now and the previous sample, and which old samples go (thinning).
import type { TierSample, TiersStatus } from '../../../shared/api/tiers';

export const SAMPLE_EVERY_SECONDS = 60;
/** Every minute is kept this long; after that the first sample of each hour; after KEEP_DAYS none. */
export const MINUTELY_HOURS = 24;
export const KEEP_DAYS = 7;

const HOUR_MS = 3_600_000;

/** The minute a time falls in, as the samples name it. */
export function sampleMinute(now: Date): string {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
}

/**
 * One sample per tier for the minute `now` falls in. The hit ratio is the reads' since the previous
 * sample of that tier; without one (the first sample), or when a counter went back (counts a
 * process lost on a crash), it is the ratio since the desk began.
 */
export function samplesFrom(status: TiersStatus, previous: ReadonlyMap<string, TierSample>, now: Date): TierSample[] {
  const sampledAt = sampleMinute(now);
  return status.tiers.map((t) => {
    const before = previous.get(t.tier);
    const counted = before && t.hits >= before.hits && t.misses >= before.misses;
    const hits = counted ? t.hits - before.hits : t.hits;
    const misses = counted ? t.misses - before.misses : t.misses;
    return {
      sampledAt,
      tier: t.tier,
      objects: t.objects,
      rawBytes: t.rawBytes,
      storedBytes: t.storedBytes,
      hits: t.hits,
      misses: t.misses,
      hitRatio: hits + misses > 0 ? Math.round((hits / (hits + misses)) * 10_000) / 10_000 : null,
      latencyMicros: t.latencyMicros ? { p50: t.latencyMicros.p50, p95: t.latencyMicros.p95, p99: t.latencyMicros.p99 } : null,
      promotions: t.promotions,
      demotions: t.demotions,
      health: t.health,
      lastError: t.lastError,
    };
  });
}

export interface SampleKey {
  tier: string;
  sampledAt: string;
}

/**
 * The samples to delete at `now`: older than KEEP_DAYS all of them; between MINUTELY_HOURS and
 * KEEP_DAYS all but the oldest of each tier's hour. Newer ones are all kept.
 */
export function samplesToDrop(samples: readonly SampleKey[], now: Date, keepDays = KEEP_DAYS, minutelyHours = MINUTELY_HOURS): SampleKey[] {
  const dropBefore = now.getTime() - keepDays * 24 * HOUR_MS;
  const thinBefore = now.getTime() - minutelyHours * HOUR_MS;
  const drop: SampleKey[] = [];
  const kept = new Map<string, string>();
  for (const s of [...samples].sort((a, b) => (a.sampledAt < b.sampledAt ? -1 : a.sampledAt > b.sampledAt ? 1 : 0))) {
    const at = Date.parse(s.sampledAt);
    if (at < dropBefore) drop.push(s);
    else if (at < thinBefore) {
      const hour = `${s.tier} ${s.sampledAt.slice(0, 13)}`;
      if (kept.has(hour)) drop.push(s);
      else kept.set(hour, s.sampledAt);
    }
  }
  return drop;
}
