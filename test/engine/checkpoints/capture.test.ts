import { describe, expect, it } from 'vitest';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { captureLive } from '../../../electron/engine/checkpoints/capture';
import { ChunkStore } from '../../../electron/engine/checkpoints/chunk-store';
import { createCheckpoint, snapshotLive } from '../../../electron/engine/checkpoints/create';
import { makeManifest } from '../../../electron/engine/checkpoints/manifest';
import { CODE_SCHEMA_VERSION } from '../../../electron/engine/store/migrations';
import { tempStore } from '../../support/temp-state';
import { deflateRawSync } from 'node:zlib';
import { Checkpoints } from '../../../electron/engine/checkpoints/checkpoints';

const checkpoints = (store: ReturnType<typeof tempStore>['store'], chunks: ChunkStore, type: 'manual') => createCheckpoint(store.db, chunks, { type });

const AS_OF = '2026-11-20T21:00:00.000Z';
let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

function fullRoot(store: ReturnType<typeof tempStore>['store'], chunks: ChunkStore): string {
  return makeManifest(CODE_SCHEMA_VERSION, captureLive(store.db, chunks, null).entries).manifest.root;
}

describe('checkpoint capture', () => {
  it('an incremental capture gives exactly the root a full scan gives, change after change', () => {
    const { store } = tempStore();
    const chunks = new ChunkStore(store.db);
    generateDesk(store, { size: 'small', seed: 3, asOf: AS_OF });
    const first = createCheckpoint(store.db, chunks, { type: 'manual' });
    expect(first.rootHash).toBe(fullRoot(store, chunks));
    for (let round = 0; round < 6; round++) {
      simulate(store, { ticks: 15 + round * 10, seed: round + 1 }, now);
      // Deletions too: drop a whole strategy's positions now and then.
      if (round % 2 === 1) store.db.prepare(`DELETE FROM positions WHERE (strategy_id, symbol) IN (SELECT strategy_id, symbol FROM positions ORDER BY symbol LIMIT 7)`).run();
      const live = snapshotLive(store.db, chunks);
      expect(live.manifest.root).toBe(fullRoot(store, chunks));
      const cp = createCheckpoint(store.db, chunks, { type: 'automatic' });
      expect(cp.rootHash).toBe(live.manifest.root);
      expect(cp.changedRows).toBeGreaterThan(0);
    }
  });

  it('an unchanged state captures to the same root and stores nothing new', () => {
    const { store } = tempStore();
    const chunks = new ChunkStore(store.db);
    generateDesk(store, { size: 'small', seed: 4, asOf: AS_OF });
    const a = createCheckpoint(store.db, chunks, { type: 'manual' });
    const b = createCheckpoint(store.db, chunks, { type: 'manual' });
    expect(b.rootHash).toBe(a.rootHash);
    expect(b.changedRows).toBe(0);
    expect(b.newBytes).toBe(0);
    expect(a.newBytes).toBeGreaterThan(0);
  });

  it('stores a rewritten chunk against its previous version, and a prune rewrites it whole before dropping that version', () => {
    const { store } = tempStore();
    const chunks = new ChunkStore(store.db);
    generateDesk(store, { size: 'small', seed: 4, asOf: AS_OF });
    checkpoints(store, chunks, 'manual');
    const p = store.positions()[17];
    store.putPosition({ ...p, lastPrice: '123.45', updatedAt: '2026-11-21T10:00:00.000Z' });
    const second = checkpoints(store, chunks, 'manual');
    const delta = store.db.prepare(`SELECT hash, stored_size FROM chunks WHERE kind = 'rows' AND base_hash IS NOT NULL`).all() as { hash: string; stored_size: number }[];
    expect(delta).toHaveLength(1);
    const whole = deflateRawSync(chunks.get(delta[0].hash), { level: 4 }).length;
    expect(delta[0].stored_size * 4).toBeLessThan(whole);

    const service = new Checkpoints(store.db);
    expect(service.prune({ keepLast: 1 }, false).chunksRemoved).toBeGreaterThan(0);
    expect(store.db.prepare('SELECT base_hash FROM chunks WHERE hash = ?').pluck().get(delta[0].hash)).toBeNull();
    const fresh = new Checkpoints(store.db);
    expect(fresh.verify(second.checkpointId).ok).toBe(true);
    expect(fresh.stateHash().rootHash).toBe(second.rootHash);
  });

  it('the same state on two desks has the same root', () => {
    const one = tempStore().store;
    const two = tempStore().store;
    generateDesk(one, { size: 'small', seed: 9, asOf: AS_OF });
    generateDesk(two, { size: 'small', seed: 9, asOf: AS_OF });
    expect(createCheckpoint(one.db, new ChunkStore(one.db), { type: 'manual' }).rootHash).toBe(
      createCheckpoint(two.db, new ChunkStore(two.db), { type: 'manual' }).rootHash,
    );
  });
});
