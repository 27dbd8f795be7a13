import { describe, expect, it } from 'vitest';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { computeLiveAccs, hashesOf, stateRoot } from '../../../electron/engine/checkpoints/state-hash';
import { STATE_SCHEMA_VERSION } from '../../../electron/engine/store/migrations/migrate';
import { tempStore } from '../../support/temp-state';
import { deflateRawSync } from 'node:zlib';
import { Checkpoints } from '../../../electron/engine/checkpoints/checkpoints';
import { MemoryChunkRepository } from '../../../electron/engine/chunks/memory-repository';

const AS_OF = '2026-11-20T21:00:00.000Z';
let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

/** The root recomputed from every live row, not from the hashes the triggers keep. */
function fullRoot(store: ReturnType<typeof tempStore>['store']): string {
  return stateRoot(STATE_SCHEMA_VERSION, hashesOf(computeLiveAccs(store.db)));
}

describe('checkpoint capture', () => {
  it('the state hash the triggers keep equals a full rehash, change after change, and so do layered checkpoints', () => {
    const { store } = tempStore();
    const service = new Checkpoints(store.db);
    generateDesk(store, { size: 'small', seed: 3, asOf: AS_OF });
    const first = service.create('manual');
    expect(first.rootHash).toBe(fullRoot(store));
    for (let round = 0; round < 6; round++) {
      simulate(store, { ticks: 15 + round * 10, seed: round + 1 }, now);
      // Deletions too: drop a whole strategy's positions now and then.
      if (round % 2 === 1) store.db.prepare(`DELETE FROM positions WHERE (strategy_id, symbol) IN (SELECT strategy_id, symbol FROM positions ORDER BY symbol LIMIT 7)`).run();
      const live = service.stateHash().rootHash;
      expect(live).toBe(fullRoot(store));
      const cp = service.create('automatic');
      expect(cp.rootHash).toBe(live);
      expect(cp.changedRows).toBeGreaterThan(0);
      // Stored as a layer; its chunk lists built from the layers carry the same rows.
      expect(service.verify(cp.checkpointId).ok).toBe(true);
      if (round % 3 === 2) {
        expect(service.compact(cp.checkpointId)?.layers).toBeGreaterThan(0);
        expect(new Checkpoints(store.db).verify(cp.checkpointId).ok).toBe(true);
      }
    }
  });

  it('an unchanged state captures to the same root and stores nothing new', () => {
    const { store } = tempStore();
    const service = new Checkpoints(store.db);
    generateDesk(store, { size: 'small', seed: 4, asOf: AS_OF });
    const a = service.create('manual');
    const b = service.create('manual');
    expect(b.rootHash).toBe(a.rootHash);
    expect(b.changedRows).toBe(0);
    expect(b.newBytes).toBe(0);
    expect(a.newBytes).toBeGreaterThan(0);
  });

  it('stores a rewritten chunk whole, so it decodes alone, and a prune drops the version no checkpoint holds', () => {
    const { store } = tempStore();
    const service = new Checkpoints(store.db);
    const chunks = service.chunks;
    generateDesk(store, { size: 'small', seed: 4, asOf: AS_OF });
    service.create('manual');
    const p = store.positions()[17];
    store.putPosition({ ...p, lastPrice: '123.45', updatedAt: '2026-11-21T10:00:00.000Z' });
    const second = service.create('manual');
    expect(second.changedRows).toBe(1);
    service.compact(second.checkpointId);
    // Every row chunk, the compacted checkpoint's rewritten one included, reads back alone.
    expect(store.db.prepare('SELECT COUNT(*) FROM chunks WHERE base_hash IS NOT NULL').pluck().get()).toBe(0);
    const rewritten = [...chunks.repository.list()].filter((c) => c.kind === 'rows').map((c) => c.id);
    expect(rewritten.length).toBeGreaterThan(0);
    for (const id of rewritten) {
      const alone = new MemoryChunkRepository();
      alone.putStored(id, chunks.repository.getStored(id)!);
      expect(alone.get(id).equals(chunks.get(id))).toBe(true);
      // Not a delta: a deflated chunk is as large as the chunk deflated on its own.
      const stored = chunks.repository.getStored(id)!;
      if (stored.codec === 'deflate') expect(stored.bytes.length).toBe(deflateRawSync(chunks.get(id), { level: 4 }).length);
    }

    const pruned = service.prune({ keepLast: 1 }, false);
    expect(pruned.chunksRemoved).toBeGreaterThan(0);
    expect(pruned.bytesFreed).toBeGreaterThan(0);
    const fresh = new Checkpoints(store.db);
    expect(fresh.verify(second.checkpointId).ok).toBe(true);
    expect(fresh.stateHash().rootHash).toBe(second.rootHash);
  });

  it('the same state on two desks has the same root', () => {
    const one = tempStore().store;
    const two = tempStore().store;
    generateDesk(one, { size: 'small', seed: 9, asOf: AS_OF });
    generateDesk(two, { size: 'small', seed: 9, asOf: AS_OF });
    expect(new Checkpoints(one.db).create('manual').rootHash).toBe(new Checkpoints(two.db).create('manual').rootHash);
  });
});
