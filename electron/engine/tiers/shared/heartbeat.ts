// Each desk's live status on the shared hot tier: a heartbeat every few seconds renews it (its TTL
// is three beats, so a desk that stopped disappears by itself), and a beat whose status differs
// from the last one sent (newest checkpoint, health) also tells subscribers. A beat that fails
// (Redis down) is reported and the next one tries again.
import { newestCheckpoint } from '../../checkpoints/catalog';
import type { DeskContext } from '../../runtime/context';
import { tieredRepository } from '../jobs';
import { tiersStatus } from '../status';
import { HEARTBEAT_SECONDS } from './config';
import { deskIdentity } from './desk-identity';
import type { DeskLiveStatus } from './redis-tier';
import type { SharedTiers } from './shared-tiers';

type Health = DeskLiveStatus['health'];
const WORST: Health[] = ['down', 'degraded', 'up'];

export function deskLiveStatus(desk: DeskContext, tiers: SharedTiers, now = new Date()): DeskLiveStatus | null {
  const identity = deskIdentity(desk);
  if (!identity) return null;
  const local = tiersStatus(desk.checkpoints.chunks, tieredRepository(desk), now).tiers;
  const health: Record<string, Health> = Object.fromEntries(local.map((t) => [t.tier, t.health]));
  if (tiers.postgres) health.postgres = tiers.postgres.lastError && now.getTime() - Date.parse(tiers.postgres.lastError.at) < 60_000 ? 'degraded' : 'up';
  const newest = newestCheckpoint(desk.store.db);
  return {
    ...identity,
    firm: tiers.config.firm,
    heartbeatAt: now.toISOString(),
    health: WORST.find((h) => Object.values(health).includes(h)) ?? 'up',
    newestCheckpoint: newest ? { checkpointId: newest.checkpointId, createdAt: newest.createdAt, rootHash: newest.rootHash } : null,
    tiers: health,
  };
}

export class DeskHeartbeat {
  private last: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly desk: DeskContext,
    private readonly tiers: SharedTiers,
  ) {}

  /** Publishes the status now; true when it changed (and subscribers were told). */
  async beat(now = new Date()): Promise<boolean> {
    const redis = this.tiers.redis;
    const status = deskLiveStatus(this.desk, this.tiers, now);
    if (!redis || !status) return false;
    const { heartbeatAt: _, ...content } = status;
    const key = JSON.stringify(content);
    const changed = key !== this.last;
    await redis.publishStatus(status, this.tiers.config.statusTtlSeconds, changed);
    this.last = key;
    return changed;
  }

  start(onError: (err: unknown) => void, everySeconds = HEARTBEAT_SECONDS): void {
    const beat = () => void this.beat().catch(onError);
    beat();
    this.timer = setInterval(beat, everySeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
