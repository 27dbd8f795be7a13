// Tier statistics over time on a real state folder: the console's sampler writes one row per tier
// per minute, tiers.history returns them, a demote shows in the next sample, old rows are thinned.
import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../../shared/api/contract';
import { simulate } from '../../../electron/engine/demo/simulate';
import { startTierSampler, sampleTiers } from '../../../electron/engine/services/tier-sampler';
import { recordSamples } from '../../../electron/engine/tiers/history';
import { tiersStatus } from '../../../electron/engine/tiers/status';
import { tieredRepository } from '../../../electron/engine/tiers/jobs';
import { demoDesk } from '../../support/demo-desk';

let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();
const ALL = { demoteAfterDays: 0, unreadForDays: 0, keepNewest: 1 };
const rows = (engine: ReturnType<typeof demoDesk>) => engine.store.db.prepare('SELECT COUNT(*) FROM tier_samples').pluck().get() as number;

describe('tier statistics over time', () => {
  it('the sampler writes a row per tier when it starts; tiers.history returns them with the status figures', async () => {
    const engine = demoDesk(31);
    engine.checkpoints.create('manual', 'one');
    const sampler = startTierSampler(engine, (err) => { throw err; });
    sampler.stop();
    expect(rows(engine)).toBe(3);
    const history = await engine.call('tiers.history', {});
    const status = await engine.call('tiers.status', {});
    expect(history.samples.map((s) => s.tier)).toEqual(['hot', 'warm', 'cold']);
    const warm = history.samples.find((s) => s.tier === 'warm')!;
    const warmNow = status.tiers.find((t) => t.tier === 'warm')!;
    expect(warm).toMatchObject({ objects: warmNow.objects, storedBytes: warmNow.storedBytes, rawBytes: warmNow.rawBytes, health: 'up' });
    expect(history).toMatchObject({ everySeconds: 60, keptDays: 7 });
  });

  it('a demote shows in the next sample (taken when the job ends), and a minute keeps one row per tier', async () => {
    const engine = demoDesk(32);
    for (let i = 0; i < 3; i++) {
      const id = engine.checkpoints.create('manual', `c${i}`).checkpointId;
      engine.checkpoints.compact(id);
      simulate(engine.store, { ticks: 60, seed: 32 + i }, now);
    }
    engine.checkpoints.create('manual', 'newest');
    const sampler = startTierSampler(engine, (err) => { throw err; });
    try {
      const before = (await engine.call('tiers.history', {})).samples.find((s) => s.tier === 'cold')!;
      expect(before.objects).toBe(0);
      const started = (await engine.call('tiers.demote', { policy: ALL })) as JobInfo;
      const done = await engine.jobs.wait(started.jobId);
      expect(done.state).toBe('succeeded');
      const cold = (await engine.call('tiers.history', {})).samples.filter((s) => s.tier === 'cold');
      const newest = cold[cold.length - 1];
      expect(newest.objects).toBeGreaterThan(0);
      expect(newest.demotions).toBe(newest.objects);
      expect(rows(engine) % 3).toBe(0);
    } finally {
      sampler.stop();
    }
  });

  it('thins old samples in the same transaction as a new one, and history reads only the asked window', async () => {
    const engine = demoDesk(33);
    const repository = tieredRepository(engine);
    const t0 = Date.parse('2026-12-01T00:00:00.000Z');
    // 8 days of a sample every 20 minutes
    for (let m = 0; m < 8 * 24 * 60; m += 20) {
      const at = new Date(t0 + m * 60_000);
      recordSamples(engine.store.db, tiersStatus(engine.checkpoints.chunks, repository, at), at);
    }
    const end = new Date(t0 + 8 * 24 * 60 * 60_000);
    sampleTiers(engine, end);
    const times = engine.store.db.prepare("SELECT sampled_at FROM tier_samples WHERE tier = 'warm' ORDER BY sampled_at").pluck().all() as string[];
    expect(Date.parse(times[0])).toBeGreaterThanOrEqual(end.getTime() - 7 * 86_400_000);
    const day = end.getTime() - 86_400_000;
    const old = times.filter((t) => Date.parse(t) < day);
    expect(new Set(old.map((t) => t.slice(0, 13))).size).toBe(old.length); // one an hour
    expect(times.filter((t) => Date.parse(t) >= day).length).toBe(3 * 24 + 1); // every sample of the last day
    const lastHour = await engine.call('tiers.history', { sinceMinutes: 60 });
    expect(lastHour.samples.every((s) => Date.parse(s.sampledAt) >= Date.now() - 3_600_000)).toBe(true);
  });

  it('rejects a bad window', async () => {
    const engine = demoDesk(34);
    await expect(engine.call('tiers.history', { sinceMinutes: 0 } as never)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('sinceMinutes') });
  });
});
