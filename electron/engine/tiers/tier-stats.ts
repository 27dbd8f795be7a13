// What the tiers count, cheaply: per tier hits, misses and a few hundred read latencies, and per
// chunk its last read time — all in memory, written to lifeboat.db in one batch (`flush`) by a
// writer, so a read never writes.
import type { Database } from 'better-sqlite3';

export type CountedTier = 'hot' | 'warm' | 'cold';
const TIERS: CountedTier[] = ['hot', 'warm', 'cold'];
/** Latency samples kept per tier (the newest). */
export const LATENCY_SAMPLES = 512;

interface Counts {
  hits: number;
  misses: number;
  /** Microseconds: up to LATENCY_SAMPLES of the reads since the last flush. */
  latencies: number[];
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface TierStatsSnapshot {
  counts: Record<CountedTier, Counts>;
  reads: [string, string][];
}

export class TierStats {
  readonly counts: Record<CountedTier, Counts> = Object.fromEntries(TIERS.map((t) => [t, { hits: 0, misses: 0, latencies: [], lastError: null, lastErrorAt: null }])) as unknown as Record<CountedTier, Counts>;
  /** Last read time per chunk id, since the last flush. */
  readonly reads = new Map<string, string>();

  hit(tier: CountedTier, micros?: number): void {
    const c = this.counts[tier];
    c.hits++;
    if (micros !== undefined) {
      // Past the bound, a sample replaces a random one (a reservoir): no shifting on the read path.
      if (c.latencies.length < LATENCY_SAMPLES) c.latencies.push(micros);
      else c.latencies[Math.floor(Math.random() * LATENCY_SAMPLES)] = micros;
    }
  }

  miss(tier: CountedTier): void {
    this.counts[tier].misses++;
  }

  error(tier: CountedTier, message: string, at = new Date().toISOString()): void {
    this.counts[tier].lastError = message;
    this.counts[tier].lastErrorAt = at;
  }

  read(id: string, at: string): void {
    this.reads.set(id, at);
  }

  /** What was counted, as plain data (for a worker to send its writer). */
  snapshot(): TierStatsSnapshot {
    return { counts: structuredClone(this.counts), reads: [...this.reads] };
  }

  /** Adds another connection's counts (a worker's reader) to these. */
  merge(other: TierStatsSnapshot): void {
    for (const t of TIERS) {
      const from = other.counts[t];
      const c = this.counts[t];
      if (!from) continue;
      c.hits += from.hits;
      c.misses += from.misses;
      for (const l of from.latencies) {
        if (c.latencies.length < LATENCY_SAMPLES) c.latencies.push(l);
        else c.latencies[Math.floor(Math.random() * LATENCY_SAMPLES)] = l;
      }
      if (from.lastError && (!c.lastErrorAt || (from.lastErrorAt ?? '') > c.lastErrorAt)) Object.assign(c, { lastError: from.lastError, lastErrorAt: from.lastErrorAt });
    }
    for (const [id, at] of other.reads) if ((this.reads.get(id) ?? '') < at) this.reads.set(id, at);
  }

  /** Adds what was counted since the last flush to the database's counters, and starts again. */
  flush(db: Database): void {
    const pending = TIERS.some((t) => this.counts[t].hits || this.counts[t].misses || this.counts[t].lastError) || this.reads.size > 0;
    if (!pending) return;
    const upsertRead = db.prepare('INSERT INTO chunk_reads (hash, last_read_at) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET last_read_at = MAX(last_read_at, excluded.last_read_at)');
    const select = db.prepare('SELECT latency_json FROM tier_counters WHERE tier = ?').pluck();
    const update = db.prepare(
      'UPDATE tier_counters SET hits = hits + ?, misses = misses + ?, latency_json = ?, last_error = COALESCE(?, last_error), last_error_at = COALESCE(?, last_error_at) WHERE tier = ?',
    );
    db.transaction(() => {
      for (const [id, at] of this.reads) upsertRead.run(id, at);
      for (const t of TIERS) {
        const c = this.counts[t];
        const kept = JSON.parse((select.get(t) as string | undefined) ?? '[]') as number[];
        const latencies = [...kept, ...c.latencies].slice(-LATENCY_SAMPLES);
        update.run(c.hits, c.misses, JSON.stringify(latencies), c.lastError, c.lastErrorAt, t);
      }
    })();
    this.reads.clear();
    for (const t of TIERS) Object.assign(this.counts[t], { hits: 0, misses: 0, latencies: [], lastError: null, lastErrorAt: null });
  }
}
