// The shared tiers while a console holds the folder (real Redis and PostgreSQL): what an earlier
// run left unpublished goes up at start, each new checkpoint is published in the background and
// the live status names it; a desk with no shared tier configured starts nothing.
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/engine/audit/audit-log';
import type { Engine } from '../../../../electron/engine/engine';
import { startSharedTiers } from '../../../../electron/engine/tiers/shared/service';
import { openSharedTiers } from '../../../../electron/engine/tiers/shared/shared-tiers';
import { sharedTiersConfig } from '../../../../electron/engine/tiers/shared/config';
import { demoDesk } from '../../../support/demo-desk';
import { makeFirm, type Firm } from '../../../support/shared-tiers';

/** Points the desk's settings at `firm`, through the settings channel (audited, URLs masked). */
async function configure(engine: Engine, firm: Firm): Promise<void> {
  await engine.call('settings.set', { key: 'tiers.postgres.url', value: firm.postgresUrl });
  await engine.call('settings.set', { key: 'tiers.redis.url', value: firm.redisUrl });
  await engine.call('settings.set', { key: 'tiers.firm', value: firm.firm });
}

describe('shared tiers while a console runs', () => {
  it('publishes what is unpublished at start and each new checkpoint after, and the live status names the newest', async () => {
    const firm = await makeFirm('svc');
    const engine = demoDesk(51);
    await configure(engine, firm);
    const before = engine.checkpoints.create('manual', 'before the console').checkpointId;
    const errors: unknown[] = [];
    const service = startSharedTiers(engine, (err) => errors.push(err));
    const reader = openSharedTiers(sharedTiersConfig(engine.store, {}));
    let unsubscribe = async () => {};
    try {
      await service.idle();
      const deskId = engine.store.meta('tiers.deskId')!;
      expect((await reader.postgres!.listCheckpoints(deskId)).map((c) => c.checkpointId)).toEqual([before]);

      let told: (id: string | undefined) => void = () => {};
      const heard = new Promise<string | undefined>((resolve) => (told = resolve));
      unsubscribe = await reader.redis!.onStatusChange((s) => {
        if (s.newestCheckpoint?.checkpointId !== before) told(s.newestCheckpoint?.checkpointId);
      });
      const after = await engine.call('checkpoints.create', { label: 'in the console' });
      await service.idle();
      expect((await reader.postgres!.listCheckpoints(deskId)).map((c) => c.checkpointId)).toEqual([after.checkpointId, before]);
      expect(await heard).toBe(after.checkpointId);
      expect(errors).toEqual([]);
      // The settings' audit entries show the URLs masked, never the password.
      const audit = JSON.stringify(listAudit(engine.store.db, { limit: 100 }).entries);
      expect(audit).toContain('tiers.postgres.url');
      expect(audit).not.toContain(firm.password);
    } finally {
      await unsubscribe();
      await service.stop();
      await reader.close();
    }
  });

  it('starts nothing on a desk with no shared tier configured', async () => {
    const engine = demoDesk(52);
    const errors: unknown[] = [];
    const service = startSharedTiers(engine, (err) => errors.push(err));
    await service.idle();
    await service.stop();
    expect(engine.store.meta('tiers.deskId')).toBeNull();
    expect(errors).toEqual([]);
  });
});
