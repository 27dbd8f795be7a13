// Checkpoints stored as layers: a diff read from the layers must be exactly the diff read from the
// chunk lists, in both directions, against the live state, and within a scope.
import { describe, expect, it } from 'vitest';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { Checkpoints } from '../../../electron/engine/checkpoints/checkpoints';
import { diffStates, type DiffSide } from '../../../electron/engine/checkpoints/diff';
import { snapshotLive } from '../../../electron/engine/checkpoints/create';
import { readBase } from '../../../electron/engine/checkpoints/catalog';
import type { CheckpointDiff } from '../../../shared/api/checkpoints';
import { tempStore } from '../../support/temp-state';
import { closePools, threadedPool } from '../../support/worker-pool';
import { beforePatch, parseLayer, resolve } from '../../../electron/engine/checkpoints/layers';
import { compareKeys } from '../../../electron/engine/checkpoints/tables';
import { encodeRow, type Row } from '../../../electron/engine/checkpoints/records';

const AS_OF = '2026-11-20T21:00:00.000Z';
let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

/** The same diff from chunk lists only (the path taken when no chain of layers links two states). */
function viaChunks(cp: Checkpoints, from: string, to: string, scope = {}): CheckpointDiff {
  const side = (ref: string): DiffSide => {
    if (ref === 'live') {
      const snap = snapshotLive(cp.db, cp.chunks, cp.materialized(readBase(cp.db)!.checkpointId));
      return { ref, rootHash: snap.manifest.root, entries: snap.capture.entries, extra: snap.capture.built };
    }
    const m = cp.materialized(ref);
    return { ref, rootHash: cp.get(ref).rootHash, entries: m.entries, extra: m.extra };
  };
  return diffStates(cp.chunks, side(from), side(to), { scope });
}

const rowsOf = (d: CheckpointDiff) => ({ tables: d.tables, rows: d.rows, from: d.from, to: d.to });

describe('a row before, stored as a patch on the row after', () => {
  it('resolves to exactly the canonical text it replaced', () => {
    const columns = ['a', 'b', 'c', 'd', 'e'];
    const cases: [Row, Row][] = [
      [{ a: '1.5', b: 'x', c: null, d: 7, e: 'same' }, { a: '2.25', b: 'x', c: 'now set', d: 7, e: 'same' }],
      [{ a: 'was set', b: null, c: 0, d: -1, e: '"quoted" \\ back\u001fslash' }, { a: null, b: 'é ü 中', c: 1, d: -1, e: 'plain' }],
      [{ a: '{"json":"in a string"}', b: '', c: 3, d: null, e: 'tab\there' }, { a: '{"json":"changed"}', b: '', c: 3, d: null, e: 'tab\there' }],
    ];
    for (const [before, after] of cases) {
      const beforeText = encodeRow(columns, before);
      const afterText = encodeRow(columns, after);
      const patch = beforePatch(beforeText, columns.flatMap((c) => [c, after[c]]));
      expect(patch.length).toBeLessThan(beforeText.length);
      expect(resolve({ key: 'k', before: `=${patch}`, after: afterText })).toEqual({ key: 'k', before: beforeText, after: afterText });
    }
  });
});

describe('layered checkpoints', () => {
  it('diff along the chain of layers exactly as from chunk lists, decoding only layer chunks', () => {
    const { store } = tempStore();
    const cp = new Checkpoints(store.db);
    generateDesk(store, { size: 'small', seed: 12, asOf: AS_OF });
    const ids = [cp.create('manual').checkpointId];
    for (let i = 0; i < 7; i++) {
      simulate(store, { ticks: 12, seed: 40 + i }, now);
      if (i === 2) store.db.prepare(`DELETE FROM positions WHERE (strategy_id, symbol) IN (SELECT strategy_id, symbol FROM positions ORDER BY symbol LIMIT 5)`).run();
      const id = cp.create('automatic').checkpointId;
      if (i === 4) cp.compact(id); // a materialized checkpoint mid-chain keeps its layer
      ids.push(id);
    }
    simulate(store, { ticks: 9, seed: 99 }, now); // and changes not yet checkpointed
    const strategy = store.db.prepare('SELECT strategy_id FROM strategies ORDER BY strategy_id LIMIT 1').pluck().get() as string;

    const pairs: [string, string][] = [
      [ids[0], ids[1]],
      [ids[1], ids[0]],
      [ids[0], ids[7]],
      [ids[7], ids[2]],
      [ids[3], ids[6]],
      [ids[2], 'live'],
      ['live', ids[0]],
      [ids[7], 'live'],
    ];
    for (const [from, to] of pairs) {
      const layered = cp.diff(from, to);
      expect(rowsOf(layered), `${from} → ${to}`).toEqual(rowsOf(viaChunks(cp, from, to)));
      expect(layered.rows.length).toBeGreaterThan(0);
      const scoped = cp.diff(from, to, { scope: { strategyId: strategy } });
      expect(rowsOf(scoped), `${from} → ${to}, strategy ${strategy}`).toEqual(rowsOf(viaChunks(cp, from, to, { strategyId: strategy })));
    }
    // One step is one layer's chunks, not the desk's.
    const step = cp.diff(ids[5], ids[6]);
    const layerChunks = Object.values(JSON.parse(store.db.prepare('SELECT manifest_json FROM checkpoints WHERE checkpoint_id = ?').pluck().get(ids[6]) as string).layer.tables).flat().length;
    expect(step.chunksDecoded).toBe(layerChunks);
  });

  it('settle compacts the newest checkpoint once enough layers pile up, and reads stay the same', () => {
    const { store } = tempStore();
    const cp = new Checkpoints(store.db);
    generateDesk(store, { size: 'small', seed: 13, asOf: AS_OF });
    cp.create('manual');
    let compacted = null;
    let taken = 0;
    while (!compacted) {
      simulate(store, { ticks: 2, seed: 60 + taken }, now);
      const id = cp.create('automatic').checkpointId;
      taken++;
      const before = new Checkpoints(store.db).materialized(id);
      compacted = cp.settle();
      if (compacted) {
        expect(compacted.checkpointId).toBe(id);
        const after = new Checkpoints(store.db).materialized(id);
        expect(after.layers).toBe(0);
        expect(after.entries).toEqual(before.entries);
      }
    }
    expect(taken).toBe(16);
    expect(cp.verifyAll().every((r) => r.ok)).toBe(true);
  });

  it('stores a layer as brotli chunks of at most 512 rows, each in key order, that verify', () => {
    const { store } = tempStore();
    const cp = new Checkpoints(store.db);
    generateDesk(store, { size: 'small', seed: 14, asOf: AS_OF });
    cp.create('manual');
    // Change more orders than one chunk holds, in the reverse of key order, so the change log's
    // own order is not the keys' order; and delete some rows, so a layer holds every kind of line.
    const orders = store.db.prepare('SELECT order_id FROM orders ORDER BY order_id DESC LIMIT 1200').pluck().all() as string[];
    expect(orders.length).toBe(1200);
    const touch = store.db.prepare(`UPDATE orders SET updated_at = ? WHERE order_id = ?`);
    store.db.transaction(() => orders.forEach((id, i) => touch.run(`2026-11-21T10:00:${String(i % 60).padStart(2, '0')}.000Z`, id)))();
    store.db.prepare(`DELETE FROM positions WHERE (strategy_id, symbol) IN (SELECT strategy_id, symbol FROM positions ORDER BY symbol LIMIT 3)`).run();
    const taken = cp.create('automatic');

    const manifest = JSON.parse(store.db.prepare('SELECT manifest_json FROM checkpoints WHERE checkpoint_id = ?').pluck().get(taken.checkpointId) as string);
    const orderChunks = manifest.layer.tables.orders as string[];
    expect(orderChunks.length).toBe(3); // 512 + 512 + 176
    let previous = '';
    let rows = 0;
    for (const hash of orderChunks) {
      expect(store.db.prepare('SELECT codec FROM chunks WHERE hash = ?').pluck().get(hash)).toBe('brotli');
      const records = parseLayer(cp.chunks.readStored(hash));
      expect(records.length).toBeLessThanOrEqual(512);
      for (const r of records) {
        expect(compareKeys(previous, r.key)).toBeLessThan(0);
        previous = r.key;
      }
      rows += records.length;
    }
    expect(rows).toBe(1200);
    expect(manifest.layer.rows).toBe(taken.changedRows);
    expect(cp.verify(taken.checkpointId).ok).toBe(true);
  });

  it('stores the same layer whether the console packs it on a second thread or this thread packs it', async () => {
    const desk = async (thread: boolean) => {
      const { store } = tempStore();
      const cp = new Checkpoints(store.db);
      // The console's packing thread: the worker pool's, on the bundled worker, once it serves.
      if (thread) expect(await cp.startPackingThread(threadedPool())).toBe(true);
      generateDesk(store, { size: 'small', seed: 15, asOf: AS_OF });
      cp.create('manual', 'first');
      let t = Date.parse('2026-11-21T12:00:00.000Z');
      simulate(store, { ticks: 40, seed: 3 }, () => new Date((t += 1000)).toISOString());
      const taken = cp.create('automatic', 'layer');
      const manifest = store.db.prepare('SELECT manifest_json FROM checkpoints WHERE checkpoint_id = ?').pluck().get(taken.checkpointId) as string;
      const stored = store.db.prepare(`SELECT hash, codec, stored_size, hex(data) AS data FROM chunks ORDER BY hash`).all();
      cp.close();
      return { root: taken.rootHash, layer: JSON.parse(manifest).layer.tables, newBytes: taken.newBytes, stored };
    };
    const there = await desk(true);
    await closePools();
    const here = await desk(false);
    expect(Object.values(there.layer).flat().length).toBeGreaterThan(0);
    expect(there).toEqual(here);
  });
});
