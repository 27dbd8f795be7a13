// The shared tiers in `tiers.status`: for each configured one its masked location, health (down
// when it cannot be reached now, degraded after an error in the last hour, else up), last error and
// figures. Each probe is bounded by the clients' own timeouts (3 s).
import type { SharedTierStatus, SharedTiersStatus } from '../../../../shared/api/tiers';
import type { DeskContext } from '../../runtime/context';
import { sharedTiersOf } from './shared-tiers';
import type { SharedTiers } from './shared-tiers';

const DEGRADED_FOR_MS = 60 * 60 * 1000;

function health(lastError: { at: string } | null, failed: boolean, now: Date): SharedTierStatus['health'] {
  if (failed) return 'down';
  return lastError && now.getTime() - Date.parse(lastError.at) < DEGRADED_FOR_MS ? 'degraded' : 'up';
}

export async function sharedTiersStatus(desk: Pick<DeskContext, 'store'>, tiers: SharedTiers, now = new Date()): Promise<SharedTiersStatus> {
  const out: SharedTierStatus[] = [];
  if (tiers.postgres) {
    const pg = tiers.postgres;
    const figures = await pg.figures().catch(() => null);
    out.push({
      tier: 'postgres',
      role: 'shared warm tier and catalog',
      location: pg.config.location,
      endpoint: pg.config.endpoint,
      health: health(pg.lastError, figures === null, now),
      lastError: pg.lastError?.message ?? null,
      lastErrorAt: pg.lastError?.at ?? null,
      objects: figures?.objects ?? null,
      storedBytes: figures?.storedBytes ?? null,
      desks: figures?.desks ?? null,
      checkpoints: figures?.checkpoints ?? null,
    });
  }
  if (tiers.redis) {
    const redis = tiers.redis;
    const figures = await redis.figures().catch(() => null);
    out.push({
      tier: 'redis',
      role: 'shared hot tier and live status',
      location: redis.config.location,
      endpoint: redis.config.endpoint,
      health: health(redis.lastError, figures === null, now),
      lastError: redis.lastError?.message ?? null,
      lastErrorAt: redis.lastError?.at ?? null,
      objects: figures?.objects ?? null,
      storedBytes: figures?.storedBytes ?? null,
      desks: figures?.liveDesks ?? null,
      maxBytes: tiers.config.redisMaxBytes,
    });
  }
  return { firm: tiers.config.firm, deskId: desk.store.meta('tiers.deskId'), tiers: out };
}

/** The shared tiers' status for `tiers.status`: null when none is configured; clients opened for it and closed. */
export async function sharedStatusOf(desk: Pick<DeskContext, 'store'>): Promise<SharedTiersStatus | null> {
  const tiers = sharedTiersOf(desk);
  if (!tiers) return null;
  try {
    return await sharedTiersStatus(desk, tiers);
  } finally {
    await tiers.close();
  }
}
