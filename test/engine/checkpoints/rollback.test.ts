import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { Checkpoints } from '../../../electron/engine/checkpoints/checkpoints';
import { exportState } from '../../../electron/engine/live/state-export';
import { canonicalJson } from '../../../shared/canonical-json';
import { tempStore } from '../../support/temp-state';
import { verifyAudit } from '../../../electron/engine/audit/audit-log';
import { getCheckpoint } from '../../../electron/engine/checkpoints/catalog';
import { collectGarbage } from '../../../electron/engine/checkpoints/prune';

const AS_OF = '2026-11-20T21:00:00.000Z';
let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

function desk() {
  const { store, paths } = tempStore();
  generateDesk(store, { size: 'small', seed: 5, asOf: AS_OF });
  return { store, paths, checkpoints: new Checkpoints(store.db) };
}
const dump = (store: ReturnType<typeof desk>['store']) => canonicalJson(exportState(store));

describe('rollback', () => {
  it('restores the whole desk exactly, and rolling back the rollback restores the later state', () => {
    const { store, checkpoints } = desk();
    const first = checkpoints.create('manual', 'before');
    const before = dump(store);
    simulate(store, { ticks: 60, seed: 2 }, now);
    const second = checkpoints.create('manual', 'after');
    const after = dump(store);
    expect(after).not.toBe(before);

    const result = checkpoints.rollback(first.checkpointId, {});
    expect(result.rootHash).toBe(first.rootHash);
    expect(checkpoints.stateHash().rootHash).toBe(first.rootHash);
    expect(dump(store)).toBe(before);
    expect(checkpoints.get(result.preRollbackId)).toMatchObject({ type: 'pre_rollback', rootHash: second.rootHash });

    checkpoints.rollback(result.preRollbackId, {});
    expect(checkpoints.stateHash().rootHash).toBe(second.rootHash);
    expect(dump(store)).toBe(after);
    expect(verifyAudit(store.db).ok).toBe(true);
  });

  it('a preview changes nothing and lists exactly the rows that differ', () => {
    const { store, checkpoints } = desk();
    const first = checkpoints.create('manual');
    simulate(store, { ticks: 40, seed: 3 }, now);
    const changedKeys = store.db.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number;
    const hash = checkpoints.stateHash().rootHash;
    const count = checkpoints.list().length;
    const preview = checkpoints.previewRollback(first.checkpointId, {});
    expect(checkpoints.stateHash().rootHash).toBe(hash);
    expect(checkpoints.list()).toHaveLength(count);
    // Every logged key either differs now or came back to its old value within the ticks.
    expect(preview.rows.length).toBeLessThanOrEqual(changedKeys);
    expect(preview.rows.length).toBeGreaterThan(0);
    const changedCash = preview.rows.find((r) => r.table === 'cash_balances' && r.kind === 'changed');
    expect(changedCash?.fields.find((f) => f.field === 'amount')?.delta).toMatch(/^-?\d/);
  });

  it('rolls back one strategy and leaves every other strategy as it is now', () => {
    const { store, checkpoints } = desk();
    const first = checkpoints.create('manual');
    simulate(store, { ticks: 80, seed: 4 }, now);
    const strategy = store.strategies()[0].strategyId;
    const others = () => canonicalJson(exportState(store).positions.filter((p) => p.strategyId !== strategy));
    const othersBefore = others();
    checkpoints.rollback(first.checkpointId, { strategyId: strategy });
    expect(others()).toBe(othersBefore);
    const remaining = checkpoints.diff(first.checkpointId, 'live', { scope: { strategyId: strategy } });
    expect(remaining.rows).toEqual([]);
  });

  it('rolling back to an unknown checkpoint fails cleanly and takes no checkpoint', () => {
    const { checkpoints } = desk();
    expect(() => checkpoints.rollback('MAN_20261122_000000_dead', {})).toThrow(/no checkpoint/);
    expect(checkpoints.list()).toHaveLength(0);
  });
});

describe('a damaged checkpoint', () => {
  it('is found by verify, named by table and chunk, marked, and refused as a rollback target', () => {
    const { store, paths, checkpoints } = desk();
    const first = checkpoints.create('manual');
    simulate(store, { ticks: 20, seed: 6 }, now);
    checkpoints.create('manual');
    // Flip one byte inside a stored chunk of the first checkpoint, as a failing disk would.
    const raw = new Database(paths.db);
    const chunk = raw.prepare(`SELECT hash, data FROM chunks WHERE kind = 'rows' ORDER BY hash LIMIT 1`).get() as { hash: string; data: Buffer };
    chunk.data[Math.floor(chunk.data.length / 2)] ^= 0xff;
    raw.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(chunk.data, chunk.hash);
    raw.close();

    const fresh = new Checkpoints(store.db); // no cached chunks
    const reports = fresh.verifyAll({ record: true });
    const bad = reports.find((r) => !r.ok)!;
    expect(bad.problem!.chunk).toBe(chunk.hash);
    expect(bad.problem!.table).toMatch(/^[a-z_]+$/);
    expect(fresh.get(bad.checkpointId)).toMatchObject({ status: 'corrupt', statusDetail: expect.stringContaining(chunk.hash.slice(0, 12)) });
    const hash = fresh.stateHash().rootHash;
    expect(() => fresh.rollback(bad.checkpointId, {})).toThrow(/failed verification|damaged/);
    expect(fresh.stateHash().rootHash).toBe(hash);
    expect(first.checkpointId).toBeTruthy();
  });
});

describe('a damaged chunk nobody has verified yet', () => {
  it('refuses the rollback that reads it, changes nothing, and marks the checkpoint that holds it', () => {
    const { store, paths, checkpoints } = desk();
    const first = checkpoints.create('manual');
    simulate(store, { ticks: 30, seed: 7 }, now);
    const second = checkpoints.create('manual');
    // The second checkpoint is stored as a layer on the first; a rollback to the first reads it.
    const layerChunk = Object.values(getCheckpoint(store.db, second.checkpointId).manifest.layer!.tables).flat()[0];
    expect(layerChunk).toBeTruthy();
    const raw = new Database(paths.db);
    const data = raw.prepare('SELECT data FROM chunks WHERE hash = ?').pluck().get(layerChunk) as Buffer;
    data[data.length - 2] ^= 0x40;
    raw.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(data, layerChunk);
    raw.close();

    const fresh = new Checkpoints(store.db);
    const pre = fresh.list().length;
    expect(() => fresh.rollback(first.checkpointId, {})).toThrow(new RegExp(`${second.checkpointId}.*is damaged.*rollback refused`));
    expect(fresh.stateHash().rootHash).toBe(second.rootHash);
    expect(fresh.get(second.checkpointId)).toMatchObject({ status: 'corrupt', statusDetail: expect.stringContaining(layerChunk.slice(0, 12)) });
    expect(() => fresh.rollback(second.checkpointId, {})).toThrow(/failed verification/);
    // Verify names it too.
    const report = fresh.verify(second.checkpointId);
    expect(report).toMatchObject({ ok: false, problem: { chunk: layerChunk } });
    expect(fresh.list().length).toBe(pre + 1); // only the pre_rollback checkpoint was added
  });
});

describe('prune', () => {
  it('removes what retention does not keep and collects chunks no checkpoint references', () => {
    const { store, checkpoints } = desk();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      simulate(store, { ticks: 10, seed: 10 + i }, now);
      ids.push(checkpoints.create('automatic').checkpointId);
    }
    checkpoints.pin(ids[0], true);
    const dry = checkpoints.prune({ keepLast: 2 }, true);
    expect(dry.remove.sort()).toEqual([ids[1], ids[2]].sort());
    expect(checkpoints.list()).toHaveLength(5);
    const done = checkpoints.prune({ keepLast: 2 }, false);
    expect(done.remove.sort()).toEqual([ids[1], ids[2]].sort());
    expect(checkpoints.list().map((c) => c.checkpointId).sort()).toEqual([ids[0], ids[3], ids[4]].sort());
    expect(done.chunksRemoved).toBeGreaterThan(0);
    // ids[3] was a layer on ids[2]: it was given its own chunk lists before ids[2] went.
    expect(done.compacted).toEqual([ids[3]]);
    // Nothing unreferenced is left behind.
    expect(store.db.transaction(() => collectGarbage(store.db, checkpoints.chunks))().chunksRemoved).toBe(0);
    // What is left still verifies and can still be rolled back to.
    expect(checkpoints.verifyAll().every((r) => r.ok)).toBe(true);
    checkpoints.rollback(ids[0], {});
    expect(checkpoints.stateHash().rootHash).toBe(checkpoints.get(ids[0]).rootHash);
  });

  it('always keeps the checkpoint the live state is recorded against, and layers on it keep working', () => {
    const { store, checkpoints } = desk();
    const manual = checkpoints.create('manual').checkpointId;
    simulate(store, { ticks: 10, seed: 31 }, now);
    const newest = checkpoints.create('automatic').checkpointId;
    simulate(store, { ticks: 10, seed: 32 }, now);
    const done = checkpoints.prune({ minPerType: { manual: 1 } }, false);
    expect(done.remove).toEqual([]);
    expect(done.keep.find((k) => k.checkpointId === newest)?.reasons).toEqual(['the live state is recorded against it']);
    const next = checkpoints.create('automatic');
    expect(checkpoints.verify(next.checkpointId).ok).toBe(true);
    expect(checkpoints.diff(manual, next.checkpointId).rows.length).toBeGreaterThan(0);
  });

  it('refuses to prune without a keep rule', () => {
    const { checkpoints } = desk();
    expect(() => checkpoints.prune({}, false)).toThrow(/no keep rules/);
  });
});
