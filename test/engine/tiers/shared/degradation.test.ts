// The shared tiers going away mid-operation: this file's own Redis and PostgreSQL, really stopped
// by their pids and started again on the same ports. Reads fall through to a tier that holds the
// object; what only the down tier holds fails naming it and its host; nothing is half-published;
// the status shows the tier down, and not down once it is back, without reopening anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../../../electron/engine/demo/simulate';
import { getCheckpoint } from '../../../../electron/engine/checkpoints/catalog';
import type { Engine } from '../../../../electron/engine/engine';
import { sharedTiersConfig } from '../../../../electron/engine/tiers/shared/config';
import { fetchObjects } from '../../../../electron/engine/tiers/shared/fetch';
import { DeskHeartbeat } from '../../../../electron/engine/tiers/shared/heartbeat';
import { publishCheckpoints } from '../../../../electron/engine/tiers/shared/publish';
import { objectsToPublish } from '../../../../electron/engine/tiers/shared/published-objects';
import { openSharedTiers, type SharedTiers } from '../../../../electron/engine/tiers/shared/shared-tiers';
import { sharedTiersStatus } from '../../../../electron/engine/tiers/shared/status';
import { startPostgres, stopPostgres, type PostgresServer } from '../../../services/postgres.mjs';
import { startRedis, stopRedis, type RedisServer } from '../../../services/redis.mjs';
import { demoDesk } from '../../../support/demo-desk';
import { adminQuery, firmEnv, grantRedis, makeFirm, type Firm } from '../../../support/shared-tiers';

// The servers' folders outlive each test (tempDir's are removed after each), and PostgreSQL's is
// owned by the postgres user (as root): both go straight under the system temp folder.
let redisDir: string;
let pgDir: string;
let pg: PostgresServer;
let redis: RedisServer;

beforeAll(async () => {
  redisDir = mkdtempSync(join(tmpdir(), 'lifeboat-redis-'));
  pgDir = mkdtempSync(join(tmpdir(), 'lifeboat-pg-'));
  [pg, redis] = await Promise.all([startPostgres(pgDir), startRedis(redisDir)]);
});

afterAll(async () => {
  await Promise.all([stopPostgres(pgDir), stopRedis(redisDir)]);
  for (const d of [pgDir, redisDir]) rmSync(d, { recursive: true, force: true });
});

const restartPostgres = () => startPostgres(pgDir, { port: pg.port });
const restartRedis = () => startRedis(redisDir, { port: redis.port });
const tiersFor = (engine: Engine, firm: Firm, env: Record<string, string> = {}): SharedTiers => openSharedTiers(sharedTiersConfig(engine.store, firmEnv(firm, env)));
const firmHere = () => makeFirm('down', { postgresUrl: pg.url, redisUrl: redis.url });

let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

function history(seed: number, count: number): { engine: Engine; ids: string[] } {
  const engine = demoDesk(seed);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(engine.checkpoints.create('manual', `c${i}`).checkpointId);
    simulate(engine.store, { ticks: 30, seed: seed + i }, now);
  }
  return { engine, ids };
}

describe('shared tiers down and back', () => {
  it('PostgreSQL stopped mid-publish: the publish fails naming it, no checkpoint is half-visible, and the next publish finishes', async () => {
    const firm = await firmHere();
    const { engine, ids } = history(21, 3);
    const tiers = tiersFor(engine, firm);
    try {
      const tier = tiers.postgres!;
      const put = tier.putObjects.bind(tier);
      const putRow = tier.putCheckpoint.bind(tier);
      let rows = 0;
      let stopped = false;
      tier.putCheckpoint = async (deskId, row) => {
        await putRow(deskId, row);
        rows += 1;
      };
      tier.putObjects = async (deskId, objects) => {
        // The second checkpoint's first batch: the server goes away just before it.
        if (rows === 1 && !stopped) {
          stopped = true;
          await stopPostgres(pgDir);
        }
        return put(deskId, objects);
      };
      const err = await publishCheckpoints(engine, tier).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'unavailable' });
      expect(String((err as Error).message)).toMatch(new RegExp(`shared warm tier \\(PostgreSQL at 127\\.0\\.0\\.1:${pg.port}\\) cannot be reached`));
      expect(String((err as Error).message)).not.toContain(firm.password);
      expect((await sharedTiersStatus(engine, tiers)).tiers.find((t) => t.tier === 'postgres')).toMatchObject({ health: 'down' });

      await restartPostgres();
      tier.putObjects = put;
      tier.putCheckpoint = putRow;
      // Every visible checkpoint is whole: all its objects are there.
      const visible = await adminQuery(`SELECT checkpoint_id, objects FROM lifeboat_${firm.firm}.checkpoints`, pg.url);
      expect(visible.map((r) => r.checkpoint_id)).toEqual([ids[0]]);
      const complete = async (id: string) => {
        const want = objectsToPublish(engine.store.db, engine.checkpoints.chunks, id, getCheckpoint(engine.store.db, id).manifest);
        const rows = await adminQuery(`SELECT count(*) AS n FROM lifeboat_${firm.firm}.objects WHERE object_id IN (${want.map((h) => `'${h}'`).join(',')})`, pg.url);
        return Number(rows[0].n) === want.length;
      };
      expect(await complete(ids[0])).toBe(true);
      // The same tiers object, nothing reopened: the tier is back by itself.
      expect((await sharedTiersStatus(engine, tiers)).tiers.find((t) => t.tier === 'postgres')?.health).not.toBe('down');
      const again = await publishCheckpoints(engine, tier);
      expect(again.checkpoints).toEqual(ids.slice(1));
      for (const id of ids) expect(await complete(id)).toBe(true);
    } finally {
      await tiers.close();
    }
  });

  it('Redis stopped: reads fall through to PostgreSQL, the heartbeat fails naming Redis, and it beats again once Redis is back', async () => {
    const firm = await firmHere();
    const { engine, ids } = history(22, 1);
    const tiers = tiersFor(engine, firm);
    try {
      await publishCheckpoints(engine, tiers.postgres!);
      const heartbeat = new DeskHeartbeat(engine, tiers);
      expect(await heartbeat.beat()).toBe(true);
      const want = objectsToPublish(engine.store.db, engine.checkpoints.chunks, ids[0], getCheckpoint(engine.store.db, ids[0]).manifest);
      const lost = want.slice(-3);
      engine.checkpoints.chunks.repository.delete(lost);

      await stopRedis(redisDir);
      const r = await fetchObjects(engine, tiers, want);
      expect(r).toMatchObject({ fromRedis: 0, fromPostgres: 3 });
      expect(r.skipped[0]).toMatchObject({ tier: 'redis' });
      expect(r.skipped[0].error).toMatch(new RegExp(`Redis at 127\\.0\\.0\\.1:${redis.port}\\) cannot be reached`));
      await expect(heartbeat.beat()).rejects.toMatchObject({ code: 'unavailable' });
      expect((await sharedTiersStatus(engine, tiers)).tiers.find((t) => t.tier === 'redis')).toMatchObject({ health: 'down' });

      await restartRedis();
      await grantRedis(firm.firm, firm.password, redis.url);
      await heartbeat.beat();
      const live = await tiers.redis!.liveStatuses();
      expect(live.map((s) => s.newestCheckpoint?.checkpointId)).toEqual([ids[0]]);
      expect((await sharedTiersStatus(engine, tiers)).tiers.find((t) => t.tier === 'redis')?.health).not.toBe('down');
    } finally {
      await tiers.close();
    }
  });

  it('an object only the stopped PostgreSQL holds fails the read naming PostgreSQL and its host; one Redis holds is read from Redis', async () => {
    const firm = await firmHere();
    const { engine, ids } = history(23, 1);
    const tiers = tiersFor(engine, firm);
    try {
      await publishCheckpoints(engine, tiers.postgres!);
      const want = objectsToPublish(engine.store.db, engine.checkpoints.chunks, ids[0], getCheckpoint(engine.store.db, ids[0]).manifest);
      const [cached, only] = want.slice(-2);
      await tiers.redis!.putObject(cached, engine.checkpoints.chunks.repository.getStored(cached)!);
      engine.checkpoints.chunks.repository.delete([cached, only]);

      await stopPostgres(pgDir);
      try {
        await expect(fetchObjects(engine, tiers, [cached])).resolves.toMatchObject({ fromRedis: 1 });
        const err = await fetchObjects(engine, tiers, [only]).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'unavailable' });
        expect(String((err as Error).message)).toMatch(new RegExp(`in no reachable tier .*PostgreSQL at 127\\.0\\.0\\.1:${pg.port}\\) cannot be reached`));
        expect(engine.checkpoints.chunks.repository.has(only)).toBe(false);
      } finally {
        await restartPostgres();
      }
      await expect(fetchObjects(engine, tiers, [only])).resolves.toMatchObject({ fromPostgres: 1 });
    } finally {
      await tiers.close();
    }
  });

  it('a bad configuration is a clear error naming the host: unreachable port, wrong password', async () => {
    const firm = await firmHere();
    const engine = demoDesk(24);
    const closed = openSharedTiers(sharedTiersConfig(engine.store, firmEnv(firm, { LIFEBOAT_POSTGRES_URL: 'postgres://x:y@127.0.0.1:1/postgres', LIFEBOAT_REDIS_URL: 'redis://127.0.0.1:1' })));
    const wrong = openSharedTiers(
      sharedTiersConfig(engine.store, firmEnv(firm, { LIFEBOAT_POSTGRES_URL: firm.postgresUrl.replace(firm.password, 'wrong'), LIFEBOAT_REDIS_URL: firm.redisUrl.replace(firm.password, 'wrong') })),
    );
    try {
      await expect(closed.postgres!.check()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/PostgreSQL at 127\.0\.0\.1:1\) cannot be reached/) });
      await expect(closed.redis!.check()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/Redis at 127\.0\.0\.1:1\) cannot be reached/) });
      await expect(wrong.postgres!.check()).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/PostgreSQL at 127\.0\.0\.1:\d+\) refused the user name or password/) });
      await expect(wrong.redis!.check()).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/Redis at 127\.0\.0\.1:\d+\) refused the user name or password/) });
      expect(() => sharedTiersConfig(engine.store, { LIFEBOAT_POSTGRES_URL: 'http://example' })).toThrow(/LIFEBOAT_POSTGRES_URL: expected a postgres:\/\//);
    } finally {
      await Promise.all([closed.close(), wrong.close()]);
    }
  });
});
