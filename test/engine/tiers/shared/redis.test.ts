// The shared hot tier on the run's real Redis: objects cached by content id within a byte bound
// (the least recently used go first), and each desk's live status with its TTL and a change event.
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { chunkId } from '../../../../electron/engine/chunks/id';
import type { StoredChunk } from '../../../../electron/engine/chunks/repository';
import { sharedTiersConfig } from '../../../../electron/engine/tiers/shared/config';
import { DeskHeartbeat } from '../../../../electron/engine/tiers/shared/heartbeat';
import { RedisTier, type DeskLiveStatus } from '../../../../electron/engine/tiers/shared/redis-tier';
import { openSharedTiers } from '../../../../electron/engine/tiers/shared/shared-tiers';
import { demoDesk } from '../../../support/demo-desk';
import { firmEnv, makeFirm, servers } from '../../../support/shared-tiers';

const object = (n: number, size: number): { id: string; stored: StoredChunk } => {
  const bytes = Buffer.alloc(size, n);
  return { id: chunkId(`object ${n}`), stored: { kind: 'rows', codec: 'deflate', rawSize: size, bytes } };
};

describe('shared hot tier (Redis)', () => {
  it('keeps objects within its byte bound, evicting the least recently used', async () => {
    const firm = await makeFirm('bound');
    const tier = new RedisTier({ url: firm.redisUrl, endpoint: 'test', location: 'test' }, firm.firm, 10_000);
    try {
      const objects = [0, 1, 2, 3].map((n) => object(n, 3_000));
      for (const o of objects.slice(0, 3)) expect(await tier.putObject(o.id, o.stored)).toBeGreaterThan(3_000);
      // Touch the oldest: the second is now the least recently used.
      expect((await tier.getObject(objects[0].id))?.bytes.equals(objects[0].stored.bytes)).toBe(true);
      await tier.putObject(objects[3].id, objects[3].stored);
      expect(await tier.getObject(objects[1].id)).toBeNull();
      for (const i of [0, 2, 3]) expect(await tier.getObject(objects[i].id)).not.toBeNull();
      const figures = await tier.figures();
      expect(figures.objects).toBe(3);
      expect(figures.storedBytes).toBeLessThanOrEqual(10_000);
      // An object larger than the whole bound is not cached at all.
      const big = object(9, 20_000);
      expect(await tier.putObject(big.id, big.stored)).toBe(0);
      expect(await tier.getObject(big.id)).toBeNull();
    } finally {
      await tier.close();
    }
  });

  it("publishes the desk's live status under its key with a TTL, and tells subscribers when it changes", async () => {
    const firm = await makeFirm('live');
    const engine = demoDesk(41);
    const tiers = openSharedTiers(sharedTiersConfig(engine.store, firmEnv(firm)));
    const heard: DeskLiveStatus[] = [];
    let told: () => void = () => {};
    const stop = await tiers.redis!.onStatusChange((s) => {
      heard.push(s);
      told();
    });
    try {
      const heartbeat = new DeskHeartbeat(engine, tiers);
      const first = new Promise<void>((resolve) => (told = resolve));
      expect(await heartbeat.beat()).toBe(true);
      await first;
      expect(heard[0]).toMatchObject({ firm: firm.firm, newestCheckpoint: null, health: 'up' });
      expect(await heartbeat.beat()).toBe(false); // the same status: renewed, nobody told

      const id = engine.checkpoints.create('manual', 'one').checkpointId;
      const second = new Promise<void>((resolve) => (told = resolve));
      expect(await heartbeat.beat()).toBe(true);
      await second;
      expect(heard.map((s) => s.newestCheckpoint?.checkpointId ?? null)).toEqual([null, id]);

      const admin = new Redis(servers().redis.url);
      try {
        const ttl = await admin.ttl(`lb:${firm.firm}:desk:${heard[1].deskId}:status`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(tiers.config.statusTtlSeconds);
      } finally {
        admin.disconnect();
      }
      expect((await tiers.redis!.liveStatuses()).map((s) => s.deskId)).toEqual([heard[1].deskId]);
    } finally {
      await stop();
      await tiers.close();
    }
  });
});
