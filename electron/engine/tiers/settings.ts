// Tier settings, read from the desk's settings with defaults:
//   tiers.hotMaxBytes       bound of the cache of decoded chunks (the hot tier)
//   tiers.demoteAfterDays   a checkpoint younger than this keeps its objects warm
//   tiers.unreadForDays     an object read within this many days stays warm
//   tiers.keepNewest        the newest N checkpoints keep their objects warm
import { CACHE_BYTES } from '../checkpoints/chunk-cache';
import { DEFAULT_PLACEMENT_POLICY, type PlacementPolicy } from './placement';

interface Settings {
  settings(): Record<string, unknown>;
}

const nonNegative = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback);

export function hotMaxBytes(store: Settings): number {
  const v = store.settings()['tiers.hotMaxBytes'];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : CACHE_BYTES;
}

export function placementPolicy(store: Settings): PlacementPolicy {
  const s = store.settings();
  return {
    demoteAfterDays: nonNegative(s['tiers.demoteAfterDays'], DEFAULT_PLACEMENT_POLICY.demoteAfterDays),
    unreadForDays: nonNegative(s['tiers.unreadForDays'], DEFAULT_PLACEMENT_POLICY.unreadForDays),
    keepNewest: Math.floor(nonNegative(s['tiers.keepNewest'], DEFAULT_PLACEMENT_POLICY.keepNewest)),
  };
}
