// The fleet: every desk of the firm, from the catalog (PostgreSQL: its checkpoints and bytes) and
// the live status (Redis: heartbeat, health, newest checkpoint), joined by desk id. A tier that is
// down leaves its columns empty and is named in `unavailable`; with both down it is an error.
import { LifeboatError } from '../../../../shared/result';
import type { CatalogDesk } from './postgres-tier';
import type { DeskLiveStatus } from './redis-tier';
import type { SharedTiers } from './shared-tiers';

export interface FleetDesk {
  deskId: string;
  name: string;
  host: string;
  catalog: Omit<CatalogDesk, 'deskId' | 'name' | 'host'> | null;
  live: Pick<DeskLiveStatus, 'heartbeatAt' | 'health' | 'newestCheckpoint' | 'tiers'> | null;
}

export interface Fleet {
  firm: string;
  desks: FleetDesk[];
  unavailable: { tier: 'postgres' | 'redis'; error: string }[];
}

export async function listFleet(tiers: SharedTiers): Promise<Fleet> {
  const unavailable: Fleet['unavailable'] = [];
  const catalog = tiers.postgres ? await tiers.postgres.listDesks().catch((err: LifeboatError) => (unavailable.push({ tier: 'postgres', error: err.message }), null)) : null;
  const live = tiers.redis ? await tiers.redis.liveStatuses().catch((err: LifeboatError) => (unavailable.push({ tier: 'redis', error: err.message }), null)) : null;
  if (catalog === null && live === null) {
    throw new LifeboatError('unavailable', unavailable.length ? `no shared tier answered: ${unavailable.map((u) => u.error).join('; ')}` : 'no shared tier is configured (tiers.postgres.url, tiers.redis.url)');
  }
  const desks = new Map<string, FleetDesk>();
  for (const d of catalog ?? []) {
    const { deskId, name, host, ...rest } = d;
    desks.set(deskId, { deskId, name, host, catalog: rest, live: null });
  }
  for (const s of live ?? []) {
    const entry = desks.get(s.deskId) ?? { deskId: s.deskId, name: s.name, host: s.host, catalog: null, live: null };
    entry.live = { heartbeatAt: s.heartbeatAt, health: s.health, newestCheckpoint: s.newestCheckpoint, tiers: s.tiers };
    desks.set(s.deskId, entry);
  }
  return { firm: tiers.config.firm, desks: [...desks.values()].sort((a, b) => a.name.localeCompare(b.name) || a.deskId.localeCompare(b.deskId)), unavailable };
}
