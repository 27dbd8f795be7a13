// Storage tiers on a real state folder, in this process: demote old history to cold packs, read it
// back through verify, diff and rollback, and see what was read promoted.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../../shared/api/contract';
import { simulate } from '../../../electron/engine/demo/simulate';
import { Engine } from '../../../electron/engine/engine';
import { demoDesk } from '../../support/demo-desk';
import { objectNeeds } from '../../../electron/engine/tiers/plan';

let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();
const ALL = { demoteAfterDays: 0, unreadForDays: 0, keepNewest: 1 };

async function job<K extends JobInfo['kind']>(engine: Engine, started: JobInfo): Promise<JobInfo<K>> {
  const done = await engine.jobs.wait(started.jobId);
  if (done.state !== 'succeeded') throw new Error(`${done.kind} ${done.state}: ${done.error}`);
  return done as JobInfo<K>;
}

/**
 * A desk with some history: checkpoints with trading between them, each compacted (given its own
 * chunk lists, as the console does every 16 layers), so an old one's chunks are its own.
 */
function history(seed: number, count: number): { engine: Engine; ids: string[] } {
  const engine = demoDesk(seed);
  const ids: string[] = [];
  const take = (label: string) => {
    const id = engine.checkpoints.create('manual', label).checkpointId;
    engine.checkpoints.compact(id);
    ids.push(id);
  };
  for (let i = 0; i < count; i++) {
    take(`c${i}`);
    simulate(engine.store, { ticks: 60, seed: seed + i }, now);
  }
  take('newest');
  return { engine, ids };
}

const coldCount = (engine: Engine) => engine.store.db.prepare('SELECT COUNT(*) FROM cold_chunks').pluck().get() as number;
const isWarm = (engine: Engine, id: string) => engine.store.db.prepare('SELECT 1 FROM chunks WHERE hash = ?').get(id) !== undefined;
/** The row and layer chunks a checkpoint reads (index pages always stay warm). */
const readIds = (engine: Engine, id: string) =>
  [...objectNeeds(engine.store.db, engine.checkpoints.chunks, id).keys()].filter((h) => engine.store.db.prepare("SELECT 1 FROM chunks WHERE hash = ? AND kind = 'index'").get(h) === undefined);
const packs = (engine: Engine) => readdirSync(join(engine.paths.dir, 'cold')).filter((n) => n.endsWith('.pack'));

describe('storage tiers', () => {
  it('demotes old history into checked packs, shrinks the database, and every checkpoint still verifies', async () => {
    const { engine, ids } = history(11, 4);
    const plan = await engine.call('tiers.plan', { policy: ALL });
    expect(plan.demote.chunks).toBeGreaterThan(0);
    const before = statSync(engine.paths.db).size;
    const demoted = await job<'tiers-demote'>(engine, await engine.call('tiers.demote', { policy: ALL }));
    expect(demoted.result!.chunks).toBe(plan.demote.chunks);
    expect(coldCount(engine)).toBe(plan.demote.chunks);
    expect(packs(engine).sort()).toEqual([...demoted.result!.packs].sort());
    expect(statSync(engine.paths.db).size).toBeLessThan(before);
    // Nothing is in both places.
    const both = engine.store.db.prepare('SELECT COUNT(*) FROM cold_chunks c JOIN chunks w ON w.hash = c.hash').pluck().get();
    expect(both).toBe(0);

    const status = await engine.call('tiers.status', {});
    const cold = status.tiers.find((t) => t.tier === 'cold')!;
    expect(cold).toMatchObject({ objects: plan.demote.chunks, health: 'up', demotions: plan.demote.chunks });
    expect(status.autoVacuum).toBe('incremental');

    engine.checkpoints.chunks.forget();
    const verify = await job<'verify'>(engine, await engine.call('checkpoints.verify', { all: true }));
    expect(verify.result!.reports.map((r) => [r.checkpointId, r.ok])).toEqual(ids.map((id) => [id, true]));
    // What verify read from cold (all of it) is warm again.
    expect(coldCount(engine)).toBe(0);
    const audit = engine.store.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'tiers.%'").pluck().all();
    expect(audit).toContain('tiers.demote');
    expect(audit).toContain('tiers.promote');
  });

  it('a diff and a rollback to a demoted checkpoint work, and promote what they read', async () => {
    const { engine, ids } = history(12, 3);
    const warmDiff = engine.checkpoints.diff(ids[0], ids[2]);
    await job(engine, await engine.call('tiers.demote', { policy: ALL }));
    const cold = coldCount(engine);
    expect(cold).toBeGreaterThan(0);
    // Nothing cached: the diff reads its chunks from whichever tier holds them.
    engine.checkpoints.chunks.forget();
    expect(engine.checkpoints.diff(ids[0], ids[2])).toEqual(warmDiff);
    expect(coldCount(engine)).toBeLessThan(cold);
    expect(readIds(engine, ids[0]).every((id) => isWarm(engine, id))).toBe(true);

    await job(engine, await engine.call('tiers.demote', { policy: ALL }));
    expect(coldCount(engine)).toBeGreaterThan(0);
    engine.checkpoints.chunks.forget();
    const target = engine.checkpoints.get(ids[0]);
    const rolled = await job<'rollback'>(engine, await engine.call('rollback.apply', { checkpointId: ids[0], scope: {}, confirm: ids[0] }));
    expect(rolled.result!.rootHash).toBe(target.rootHash);
    expect(engine.checkpoints.stateHash().rootHash).toBe(target.rootHash);
  });

  it('tiers promote CHECKPOINT brings back exactly what it needs', async () => {
    const { engine, ids } = history(13, 3);
    await job(engine, await engine.call('tiers.demote', { policy: ALL }));
    const promoted = await job<'tiers-promote'>(engine, await engine.call('tiers.promote', { checkpointId: ids[0] }));
    expect(promoted.result!.chunks).toBeGreaterThan(0);
    expect(readIds(engine, ids[0]).every((id) => isWarm(engine, id))).toBe(true);
    // ids[1]'s own chunks (those ids[0] does not share) stayed cold.
    const own = readIds(engine, ids[1]).filter((id) => !readIds(engine, ids[0]).includes(id));
    expect(own.length).toBeGreaterThan(0);
    expect(own.some((id) => !isWarm(engine, id))).toBe(true);
  });
});

describe('placement after a pin', () => {
  it('a checkpoint pinned after its objects went cold gets them back at the next placement run', async () => {
    const { engine, ids } = history(16, 3);
    await job(engine, await engine.call('tiers.demote', { policy: ALL }));
    expect(readIds(engine, ids[0]).some((id) => !isWarm(engine, id))).toBe(true);
    await engine.call('checkpoints.pin', { checkpointId: ids[0], pinned: true });
    const plan = await engine.call('tiers.plan', { policy: ALL, limit: 100_000 });
    expect(plan.promote.chunks).toBeGreaterThan(0);
    expect(plan.moves.filter((m) => m.to === 'warm').every((m) => m.reason === `pinned checkpoint ${ids[0]} needs it`)).toBe(true);
    const ran = await job<'tiers-demote'>(engine, await engine.call('tiers.demote', { policy: ALL }));
    expect(ran.result!.promoted.chunks).toBe(plan.promote.chunks);
    expect(readIds(engine, ids[0]).every((id) => isWarm(engine, id))).toBe(true);
    expect((await engine.call('tiers.plan', { policy: ALL })).promote.chunks).toBe(0);
  });
});

describe('checkpoint prune with a cold tier', () => {
  it('deletes pruned checkpoints’ objects from cold too, and the packs they leave empty', async () => {
    const { engine, ids } = history(15, 3);
    await job(engine, await engine.call('tiers.demote', { policy: ALL }));
    expect(coldCount(engine)).toBeGreaterThan(0);
    const pruned = await engine.call('checkpoints.prune', { policy: { keepLast: 1 }, dryRun: false });
    expect(pruned.remove.sort()).toEqual(ids.slice(0, -1).sort());
    // Only the newest is left, and it was all warm: nothing cold is needed, so nothing cold is left.
    expect(coldCount(engine)).toBe(0);
    expect(packs(engine)).toEqual([]);
    expect(pruned.chunksRemoved).toBeGreaterThan(0);
    const verify = await job<'verify'>(engine, await engine.call('checkpoints.verify', { all: true }));
    expect(verify.result!.ok).toBe(true);
  });
});

describe('tiers channels', () => {
  it('validate their payloads, and the moves need the writer', async () => {
    const engine = demoDesk(14);
    engine.checkpoints.create('manual');
    await expect(engine.call('tiers.plan', { limit: -1 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('tiers.plan', { policy: { demoteAfterDays: 'soon' } })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('tiers.demote', { policy: {}, extra: 1 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('tiers.promote', { checkpointId: '../etc' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('tiers.promote', { checkpointId: 'MAN_20200101_000000_abcd' })).rejects.toMatchObject({ code: 'not_found' });
    const dir = engine.paths.dir;
    await engine.close();
    const reader = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test' });
    try {
      expect((await reader.call('tiers.status', {})).tiers.map((t) => t.tier)).toEqual(['hot', 'warm', 'cold']);
      await expect(reader.call('tiers.demote', {})).rejects.toMatchObject({ code: 'locked' });
    } finally {
      await reader.close();
    }
  });
});
