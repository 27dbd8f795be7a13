// tiers.status: per tier what it holds (objects, bytes raw and stored), how it serves (hit ratio,
// read latency percentiles) and what moved (promotions, demotions), with its health: the cold
// folder or bucket unreachable is down, a recent error degraded.
import { statSync } from 'node:fs';
import type { TiersStatus, TierStatus } from '../../../shared/api/tiers';
import type { ChunkCache } from '../checkpoints/chunk-cache';
import type { TieredChunkRepository } from './tiered-repository';

/** An error newer than this makes a tier degraded (older ones are shown, not held against it). */
const DEGRADED_FOR_MS = 60 * 60 * 1000;

interface CounterRow {
  tier: 'hot' | 'warm' | 'cold';
  hits: number;
  misses: number;
  promotions: number;
  promoted_bytes: number;
  demotions: number;
  demoted_bytes: number;
  latency_json: string;
  last_error: string | null;
  last_error_at: string | null;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function tiersStatus(hot: ChunkCache, repository: TieredChunkRepository, now = new Date()): TiersStatus {
  const db = repository.db;
  const rows = new Map((db.prepare('SELECT * FROM tier_counters').all() as CounterRow[]).map((r) => [r.tier, r]));
  const warm = repository.warm.stats();
  const cold = repository.index.totals();
  const { down: coldDown, packs, location } = coldHealth(repository);
  const tier = (name: 'hot' | 'warm' | 'cold', held: { objects: number; rawBytes: number; storedBytes: number }, location: string, down: string | null): TierStatus => {
    const r = rows.get(name);
    const c = repository.counters.counts[name];
    const hits = (r?.hits ?? 0) + c.hits;
    const misses = (r?.misses ?? 0) + c.misses;
    const samples = [...(JSON.parse(r?.latency_json ?? '[]') as number[]), ...c.latencies].sort((a, b) => a - b);
    const lastError = down ?? c.lastError ?? r?.last_error ?? null;
    const lastErrorAt = down ? now.toISOString() : (c.lastErrorAt ?? r?.last_error_at ?? null);
    const recent = lastErrorAt !== null && now.getTime() - Date.parse(lastErrorAt) < DEGRADED_FOR_MS;
    return {
      tier: name,
      location,
      ...held,
      compressionRatio: held.storedBytes > 0 ? Math.round((held.rawBytes / held.storedBytes) * 100) / 100 : null,
      hits,
      misses,
      hitRatio: hits + misses > 0 ? Math.round((hits / (hits + misses)) * 10_000) / 10_000 : null,
      latencyMicros: samples.length ? { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), samples: samples.length } : null,
      promotions: r?.promotions ?? 0,
      promotedBytes: r?.promoted_bytes ?? 0,
      demotions: r?.demotions ?? 0,
      demotedBytes: r?.demoted_bytes ?? 0,
      health: down ? 'down' : recent && lastError ? 'degraded' : 'up',
      lastError,
      lastErrorAt,
    };
  };
  const mode = db.pragma('auto_vacuum', { simple: true }) as number;
  return {
    tiers: [
      { ...tier('hot', { objects: hot.entries, rawBytes: hot.bytes, storedBytes: hot.bytes }, 'memory (this process)', null), maxBytes: hot.maxBytes },
      tier('warm', { objects: warm.chunks, rawBytes: warm.rawBytes, storedBytes: warm.storedBytes }, db.name, null),
      { ...tier('cold', { objects: cold.chunks, rawBytes: cold.rawBytes, storedBytes: cold.storedBytes }, location, coldDown), packs },
    ],
    databaseBytes: fileSize(db.name),
    autoVacuum: mode === 2 ? 'incremental' : mode === 1 ? 'full' : 'none',
  };
}

/**
 * Whether the cold tier can serve what the index says it holds: each store (the folder, the bucket)
 * readable, and the packs the index points into there. An unmounted folder is often an empty
 * mount point, and a bucket may be another's: the packs must be there, not only the place.
 */
function coldHealth(repository: TieredChunkRepository): { down: string | null; packs: number; location: string } {
  let packs = 0;
  let location = repository.folder.dir;
  try {
    const stores = repository.stores();
    location = stores[stores.length - 1].location;
    const referenced = [...repository.index.referencedPacks()];
    const unplaced = referenced.filter((p) => !stores.some((s) => s.holds(p)));
    if (unplaced.length > 0) return { down: `${unplaced.length} cold packs are in an S3 bucket, and none is configured now (tiers.cold.s3.endpoint, tiers.cold.s3.bucket)`, packs, location };
    for (const store of stores) {
      const mine = referenced.filter((p) => store.holds(p));
      store.probe(mine.length > 0);
      const present = new Set(store.packs());
      packs += present.size;
      const missing = mine.filter((p) => !present.has(p));
      if (missing.length > 0) {
        const where = store === repository.folder ? 'the cold tier' : `the S3 cold tier (${store.location})`;
        return { down: `${where} is missing ${missing.length} of its packs (${missing[0]}${missing.length > 1 ? ', …' : ''}): unmounted, moved or deleted?`, packs, location };
      }
    }
    return { down: null, packs, location };
  } catch (err) {
    return { down: err instanceof Error ? err.message : String(err), packs, location };
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
