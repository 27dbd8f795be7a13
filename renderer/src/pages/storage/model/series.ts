// The chart rows of tiers.history: one row per minute, a column per tier per figure.
import type { TierName, TierSample } from '../../../../../shared/api/tiers';

export interface SeriesRow {
  at: number;
  [key: string]: number | null;
}

/** Rows oldest first; `bytes_<tier>` stored bytes, `hit_<tier>` hit ratio in %, `p50_<tier>`/`p99_<tier>` latency in µs. */
export function historyRows(samples: readonly TierSample[]): SeriesRow[] {
  const rows = new Map<string, SeriesRow>();
  for (const s of samples) {
    let row = rows.get(s.sampledAt);
    if (!row) rows.set(s.sampledAt, (row = { at: Date.parse(s.sampledAt) }));
    const t: TierName = s.tier;
    row[`bytes_${t}`] = s.storedBytes;
    row[`hit_${t}`] = s.hitRatio === null ? null : Math.round(s.hitRatio * 1000) / 10;
    row[`p50_${t}`] = s.latencyMicros?.p50 ?? null;
    row[`p99_${t}`] = s.latencyMicros?.p99 ?? null;
  }
  return [...rows.values()].sort((a, b) => a.at - b.at);
}
