// Publishing checkpoints to the shared warm tier (real PostgreSQL) and reading objects back from
// it and from the shared hot tier (real Redis): data first, the catalog row last, resumable,
// audited without the password; two desks of a firm share a row only for the same content; another
// firm's credentials reach nothing of it.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../../electron/engine/demo/simulate';
import { listAudit } from '../../../../electron/engine/audit/audit-log';
import { getCheckpoint } from '../../../../electron/engine/checkpoints/catalog';
import type { Engine } from '../../../../electron/engine/engine';
import { sharedTiersConfig } from '../../../../electron/engine/tiers/shared/config';
import { fetchObjects } from '../../../../electron/engine/tiers/shared/fetch';
import { publishCheckpoints } from '../../../../electron/engine/tiers/shared/publish';
import { objectsToPublish } from '../../../../electron/engine/tiers/shared/published-objects';
import { openSharedTiers, type SharedTiers } from '../../../../electron/engine/tiers/shared/shared-tiers';
import { demoDesk } from '../../../support/demo-desk';
import { adminQuery, firmEnv, makeFirm, type Firm } from '../../../support/shared-tiers';

const tiersFor = (engine: Engine, firm: Firm, overrides: Record<string, string> = {}): SharedTiers => openSharedTiers(sharedTiersConfig(engine.store, firmEnv(firm, overrides)));

async function withTiers<T>(tiers: SharedTiers, work: (t: SharedTiers) => Promise<T>): Promise<T> {
  try {
    return await work(tiers);
  } finally {
    await tiers.close();
  }
}

const count = async (firm: Firm, table: string, where = 'true') => Number((await adminQuery(`SELECT count(*) AS n FROM lifeboat_${firm.firm}.${table} WHERE ${where}`))[0].n);

describe('shared warm tier (PostgreSQL)', () => {
  it('publishes each checkpoint once, objects before its catalog row, and audits it without the password', async () => {
    const firm = await makeFirm('pub');
    const engine = demoDesk(3);
    const first = engine.checkpoints.create('manual', 'one').checkpointId;
    await withTiers(tiersFor(engine, firm), async (tiers) => {
      const r1 = await publishCheckpoints(engine, tiers.postgres!);
      expect(r1.checkpoints).toEqual([first]);
      expect(r1.objects).toBeGreaterThan(0);
      const ids = objectsToPublish(engine.store.db, engine.checkpoints.chunks, first, getCheckpoint(engine.store.db, first).manifest);
      expect(await count(firm, 'objects')).toBe(ids.length);
      const [row] = await tiers.postgres!.listCheckpoints(r1.deskId);
      expect(row).toMatchObject({ checkpointId: first, rootHash: getCheckpoint(engine.store.db, first).rootHash, objects: ids.length });

      // A second checkpoint uploads only what is new; publishing again does nothing.
      simulate(engine.store, { ticks: 30, seed: 3 }, () => new Date(Date.parse('2026-11-21T09:00:00.000Z') + 1000).toISOString());
      const second = engine.checkpoints.create('manual', 'two').checkpointId;
      const r2 = await publishCheckpoints(engine, tiers.postgres!);
      expect(r2.checkpoints).toEqual([second]);
      expect(r2.objects).toBeLessThan(r1.objects);
      expect((await publishCheckpoints(engine, tiers.postgres!)).checkpoints).toEqual([]);
      expect(await count(firm, 'checkpoints')).toBe(2);

      const audit = listAudit(engine.store.db, { limit: 100, action: 'tiers.published' }).entries.reverse();
      expect(audit.map((e) => (e.details as { checkpointId: string }).checkpointId)).toEqual([first, second]);
      const text = JSON.stringify(audit);
      expect(text).not.toContain(firm.password);
      expect(text).toContain('…@127.0.0.1');
    });
  });

  it('resumes a publish cut off after its objects: the checkpoint was invisible until its row, then it is complete', async () => {
    const firm = await makeFirm('resume');
    const engine = demoDesk(4);
    const id = engine.checkpoints.create('manual', 'one').checkpointId;
    await withTiers(tiersFor(engine, firm), async (tiers) => {
      const pg = tiers.postgres!;
      // Cut it off where a kill would hurt most: every object up, the catalog row not yet.
      const putCheckpoint = pg.putCheckpoint.bind(pg);
      pg.putCheckpoint = async () => {
        throw new Error('cut off before the catalog row');
      };
      await expect(publishCheckpoints(engine, pg)).rejects.toThrow('cut off');
      expect(await count(firm, 'checkpoints')).toBe(0);
      const uploaded = await count(firm, 'objects');
      expect(uploaded).toBeGreaterThan(0);
      pg.putCheckpoint = putCheckpoint;
      const r = await publishCheckpoints(engine, pg);
      expect(r.checkpoints).toEqual([id]);
      expect(r.objects).toBe(0); // all claimed already: nothing uploaded twice
      expect(await count(firm, 'objects')).toBe(uploaded);
    });
  });

  it('reads objects the desk lost locally from PostgreSQL, then from Redis, checked against their ids', async () => {
    const firm = await makeFirm('fetch');
    const engine = demoDesk(5);
    const id = engine.checkpoints.create('manual', 'one').checkpointId;
    await withTiers(tiersFor(engine, firm), async (tiers) => {
      await publishCheckpoints(engine, tiers.postgres!);
      const ids = objectsToPublish(engine.store.db, engine.checkpoints.chunks, id, getCheckpoint(engine.store.db, id).manifest);
      const lost = ids.slice(-5);
      engine.checkpoints.chunks.repository.delete(lost);
      engine.checkpoints.chunks.forget();
      expect(engine.checkpoints.verify(id).ok).toBe(false);

      const fromPg = await fetchObjects(engine, tiers, ids);
      expect(fromPg).toMatchObject({ local: ids.length - 5, fromRedis: 0, fromPostgres: 5 });
      engine.checkpoints.chunks.forget();
      expect(engine.checkpoints.verify(id).ok).toBe(true);

      // What PostgreSQL gave is now cached in Redis: losing it again, Redis answers.
      engine.checkpoints.chunks.repository.delete(lost);
      const fromRedis = await fetchObjects(engine, tiers, ids);
      expect(fromRedis).toMatchObject({ fromRedis: 5, fromPostgres: 0 });
    });
  });

  it('two desks with the same content share object rows, each keeps its own catalog rows, and neither overwrites the other', async () => {
    const firm = await makeFirm('two');
    const a = demoDesk(7);
    const b = demoDesk(7); // the same demo desk: the same content
    const idA = a.checkpoints.create('manual', 'a').checkpointId;
    const idB = b.checkpoints.create('manual', 'b').checkpointId;
    await withTiers(tiersFor(a, firm), async (ta) =>
      withTiers(tiersFor(b, firm), async (tb) => {
        const ra = await publishCheckpoints(a, ta.postgres!);
        const objects = await count(firm, 'objects');
        const rb = await publishCheckpoints(b, tb.postgres!);
        expect(ra.deskId).not.toBe(rb.deskId);
        expect(rb.bytes).toBe(0); // every object was there: shared, not stored twice
        expect(await count(firm, 'objects')).toBe(objects);
        expect(await count(firm, 'desk_objects', `desk_id = '${ra.deskId}'`)).toBe(objects);
        expect(await count(firm, 'desk_objects', `desk_id = '${rb.deskId}'`)).toBe(objects);
        expect((await ta.postgres!.listCheckpoints(ra.deskId)).map((c) => c.checkpointId)).toEqual([idA]);
        expect((await ta.postgres!.listCheckpoints(rb.deskId)).map((c) => c.checkpointId)).toEqual([idB]);
        // Each object row names the desk that first published it, and nothing of it changed since.
        expect(await count(firm, 'objects', `first_desk_id = '${ra.deskId}'`)).toBe(objects);
      }),
    );
  });

  it("a firm's credentials reach nothing of another firm: PostgreSQL refuses its schema, Redis its keys", async () => {
    const mine = await makeFirm('mine');
    const theirs = await makeFirm('theirs');
    const engine = demoDesk(8);
    engine.checkpoints.create('manual', 'one');
    await withTiers(tiersFor(engine, theirs), (t) => publishCheckpoints(engine, t.postgres!));
    // My credentials, their firm's name.
    await withTiers(tiersFor(engine, mine, { LIFEBOAT_FIRM: theirs.firm }), async (t) => {
      await expect(t.postgres!.listCheckpoints()).rejects.toThrow(/PostgreSQL at 127\.0\.0\.1:\d+\) does not let this user in \(no permission/);
      await expect(t.redis!.check()).rejects.toThrow(/Redis at 127\.0\.0\.1:\d+\) does not let this user use the firm’s keys/);
    });
  });
});
