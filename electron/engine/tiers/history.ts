// Tier statistics over time, the I/O: writing a minute's samples (and thinning old ones, in the
// same transaction) to tier_samples, and reading them back for tiers.history.
import type { Database } from 'better-sqlite3';
import type { TierHealth, TierHistory, TierName, TierSample, TiersStatus } from '../../../shared/api/tiers';
import { KEEP_DAYS, MINUTELY_HOURS, SAMPLE_EVERY_SECONDS, sampleMinute, samplesFrom, samplesToDrop } from './sample';

interface SampleRow {
  sampled_at: string;
  tier: TierName;
  objects: number;
  raw_bytes: number;
  stored_bytes: number;
  hits: number;
  misses: number;
  hit_ratio: number | null;
  p50_micros: number | null;
  p95_micros: number | null;
  p99_micros: number | null;
  promotions: number;
  demotions: number;
  health: TierHealth;
  last_error: string | null;
}

const toSample = (r: SampleRow): TierSample => ({
  sampledAt: r.sampled_at,
  tier: r.tier,
  objects: r.objects,
  rawBytes: r.raw_bytes,
  storedBytes: r.stored_bytes,
  hits: r.hits,
  misses: r.misses,
  hitRatio: r.hit_ratio,
  latencyMicros: r.p50_micros === null ? null : { p50: r.p50_micros, p95: r.p95_micros ?? r.p50_micros, p99: r.p99_micros ?? r.p50_micros },
  promotions: r.promotions,
  demotions: r.demotions,
  health: r.health,
  lastError: r.last_error,
});

/**
 * Records `status` as the samples of the minute `now` is in (a second sample in the same minute
 * replaces the first: one row per tier per minute), and thins what has aged, in one transaction.
 */
export function recordSamples(db: Database, status: TiersStatus, now = new Date()): TierSample[] {
  const minute = sampleMinute(now);
  const before = db.prepare(
    'SELECT s.* FROM tier_samples s WHERE s.sampled_at = (SELECT MAX(sampled_at) FROM tier_samples p WHERE p.tier = s.tier AND p.sampled_at < ?)',
  );
  const upsert = db.prepare(`INSERT INTO tier_samples (sampled_at, tier, objects, raw_bytes, stored_bytes, hits, misses, hit_ratio, p50_micros, p95_micros, p99_micros, promotions, demotions, health, last_error)
    VALUES (@sampledAt, @tier, @objects, @rawBytes, @storedBytes, @hits, @misses, @hitRatio, @p50, @p95, @p99, @promotions, @demotions, @health, @lastError)
    ON CONFLICT (tier, sampled_at) DO UPDATE SET objects = excluded.objects, raw_bytes = excluded.raw_bytes, stored_bytes = excluded.stored_bytes,
      hits = excluded.hits, misses = excluded.misses, hit_ratio = excluded.hit_ratio, p50_micros = excluded.p50_micros, p95_micros = excluded.p95_micros,
      p99_micros = excluded.p99_micros, promotions = excluded.promotions, demotions = excluded.demotions, health = excluded.health, last_error = excluded.last_error`);
  // Only what is older than a day can go: at most a week of hourly rows plus the minutes that aged.
  const aged = db.prepare('SELECT tier, sampled_at AS sampledAt FROM tier_samples WHERE sampled_at < ?');
  const remove = db.prepare('DELETE FROM tier_samples WHERE tier = ? AND sampled_at = ?');
  return db.transaction(() => {
    const previous = new Map((before.all(minute) as SampleRow[]).map((r) => [r.tier, toSample(r)]));
    const samples = samplesFrom(status, previous, now);
    for (const s of samples) upsert.run({ ...s, p50: s.latencyMicros?.p50 ?? null, p95: s.latencyMicros?.p95 ?? null, p99: s.latencyMicros?.p99 ?? null });
    const thinBefore = new Date(now.getTime() - MINUTELY_HOURS * 3_600_000).toISOString();
    for (const s of samplesToDrop(aged.all(thinBefore) as { tier: string; sampledAt: string }[], now)) remove.run(s.tier, s.sampledAt);
    return samples;
  })();
}

/** The samples of the last `sinceMinutes`, oldest first. */
export function readHistory(db: Database, sinceMinutes: number, now = new Date()): TierHistory {
  const since = new Date(now.getTime() - sinceMinutes * 60_000).toISOString();
  const rows = db.prepare("SELECT * FROM tier_samples WHERE sampled_at >= ? ORDER BY sampled_at, CASE tier WHEN 'hot' THEN 0 WHEN 'warm' THEN 1 ELSE 2 END").all(since) as SampleRow[];
  return { samples: rows.map(toSample), everySeconds: SAMPLE_EVERY_SECONDS, keptDays: KEEP_DAYS };
}
