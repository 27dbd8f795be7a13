import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { Checkpoints } from '../../../electron/engine/checkpoints/checkpoints';
import { withoutTracking } from '../../../electron/engine/checkpoints/change-tracking';
import { changeLogLayer } from '../../../electron/engine/checkpoints/layers';
import { TableReader } from '../../../electron/engine/checkpoints/records';
import { computeLiveAccs, hashesOf, liveTableHashes } from '../../../electron/engine/checkpoints/state-hash';
import { tableSpec } from '../../../electron/engine/checkpoints/tables';
import { recordWrites } from '../../../electron/engine/checkpoints/untracked-writes';
import { tempStore } from '../../support/temp-state';

const AS_OF = '2026-11-20T21:00:00.000Z';
let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

function desk(withBase: boolean) {
  const { store } = tempStore();
  generateDesk(store, { size: 'tiny', seed: 3, asOf: AS_OF });
  const checkpoints = new Checkpoints(store.db);
  // Either way the change log starts empty: a checkpoint clears it; without one, so does this.
  if (withBase) checkpoints.create('manual', 'base');
  else store.db.prepare('DELETE FROM change_log').run();
  return { db: store.db, store, checkpoints };
}

/** An update, an insert (of a copy under a new id), and a delete, in each of two tables. */
function writesOn(db: Database): { table: string; key: string; run: () => void }[] {
  const [p1, p2] = db.prepare('SELECT strategy_id, symbol FROM positions ORDER BY strategy_id, symbol LIMIT 2').all() as { strategy_id: string; symbol: string }[];
  const [o1, o2] = db.prepare('SELECT order_id FROM orders ORDER BY order_id LIMIT 2').pluck().all() as string[];
  const sep = '\u001f';
  return [
    { table: 'positions', key: `${p1.strategy_id}${sep}${p1.symbol}`, run: () => db.prepare("UPDATE positions SET last_price = '123.25' WHERE strategy_id = ? AND symbol = ?").run(p1.strategy_id, p1.symbol) },
    { table: 'positions', key: `${p2.strategy_id}${sep}${p2.symbol}`, run: () => db.prepare('DELETE FROM positions WHERE strategy_id = ? AND symbol = ?').run(p2.strategy_id, p2.symbol) },
    { table: 'positions', key: `${p1.strategy_id}${sep}ZZZ/USD`, run: () => db.prepare("INSERT INTO positions SELECT strategy_id, 'ZZZ/USD', account_id, quantity, avg_price, last_price, currency, updated_at FROM positions WHERE strategy_id = ? AND symbol = ?").run(p1.strategy_id, p1.symbol) },
    { table: 'orders', key: o1, run: () => db.prepare("UPDATE orders SET status = 'cancelled', is_open = 0 WHERE order_id = ?").run(o1) },
    { table: 'orders', key: o2, run: () => db.prepare('DELETE FROM orders WHERE order_id = ?').run(o2) },
  ];
}

const changeLog = (db: Database) => db.prepare('SELECT * FROM change_log ORDER BY table_name, row_key').all();
const stateHash = (db: Database) => db.prepare('SELECT * FROM state_hash ORDER BY table_name').all();
const triggers = (db: Database) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();

describe('writes with the tracking triggers off', () => {
  for (const withBase of [false, true]) {
    it(`record the same change log and state hash as the triggers (${withBase ? 'on a base checkpoint' : 'before any checkpoint'})`, () => {
      const tracked = desk(withBase);
      tracked.db.transaction(() => writesOn(tracked.db).forEach((w) => w.run()))();

      const bulk = desk(withBase);
      bulk.db.transaction(() => {
        const writes = writesOn(bulk.db);
        const text = (w: { table: string; key: string }) => new TableReader(bulk.db, tableSpec(w.table)).get(w.key)?.text ?? null;
        const before = writes.map(text);
        withoutTracking(bulk.db, [tableSpec('positions'), tableSpec('orders')], () => writes.forEach((w) => w.run()));
        for (const table of ['positions', 'orders']) {
          recordWrites(bulk.db, tableSpec(table), writes.flatMap((w, i) => (w.table === table ? [{ key: w.key, before: before[i], after: text(w) }] : [])));
        }
      })();

      expect(changeLog(bulk.db)).toEqual(changeLog(tracked.db));
      expect(changeLog(bulk.db)).toHaveLength(5);
      expect(stateHash(bulk.db)).toEqual(stateHash(tracked.db));
      expect(hashesOf(computeLiveAccs(bulk.db))).toEqual(liveTableHashes(bulk.db));
      expect(triggers(bulk.db)).toEqual(triggers(tracked.db));
    });
  }

  it('are tracked again once the write is done, and a failed write leaves the triggers as they were', () => {
    const { db } = desk(true);
    const installed = triggers(db);
    expect(() =>
      db.transaction(() =>
        withoutTracking(db, [tableSpec('orders')], () => {
          db.prepare('DELETE FROM orders').run();
          throw new Error('write failed');
        }),
      )(),
    ).toThrow('write failed');
    expect(triggers(db)).toEqual(installed);
    db.prepare("UPDATE orders SET status = 'cancelled' WHERE order_id = (SELECT MIN(order_id) FROM orders)").run();
    expect(changeLog(db)).toHaveLength(1);
    expect(hashesOf(computeLiveAccs(db))).toEqual(liveTableHashes(db));
  });

  it('outside a transaction are refused', () => {
    const { db } = desk(false);
    expect(() => withoutTracking(db, [tableSpec('orders')], () => 0)).toThrow(/transaction/);
  });

  it('a rollback leaves a state hash that recounts from the rows and a change log that is the diff from its pre_rollback checkpoint', () => {
    const { db, store, checkpoints } = desk(true);
    const first = checkpoints.list()[0];
    simulate(store, { ticks: 40, seed: 2 }, now);
    const result = checkpoints.rollback(first.checkpointId, {});
    expect(checkpoints.stateHash().rootHash).toBe(first.rootHash);
    expect(hashesOf(computeLiveAccs(db))).toEqual(liveTableHashes(db));
    const logged = [...changeLogLayer(db).tables].flatMap(([table, list]) => list.map((r) => `${table} ${r.key}`)).sort();
    const diffed = checkpoints.diff(result.preRollbackId, first.checkpointId).rows.map((r) => `${r.table} ${r.key}`).sort();
    expect(logged).toEqual(diffed);
    expect(logged.length).toBeGreaterThan(0);
    // The next checkpoint is a layer on the pre_rollback one, and verifies.
    const next = checkpoints.create('manual', 'after rollback');
    expect(next.rootHash).toBe(first.rootHash);
    expect(checkpoints.verify(next.checkpointId).ok).toBe(true);
  });

  for (const withBase of [false, true]) {
    it(`a demo desk loaded in bulk hashes as its rows recount and logs every row as inserted (${withBase ? 'on a checkpoint of the empty desk' : 'no checkpoint yet'})`, () => {
      const { store } = tempStore();
      const checkpoints = new Checkpoints(store.db);
      if (withBase) checkpoints.create('manual', 'empty desk');
      generateDesk(store, { size: 'tiny', seed: 3, asOf: AS_OF });
      expect(hashesOf(computeLiveAccs(store.db))).toEqual(liveTableHashes(store.db));
      const rows = (table: string) => store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
      const logged = (table: string) => store.db.prepare(`SELECT COUNT(*) FROM change_log WHERE table_name = ? AND before_text IS NULL AND (after_text IS NOT NULL) = ?`).pluck().get(table, withBase ? 1 : 0) as number;
      for (const table of ['positions', 'orders']) {
        expect(rows(table)).toBeGreaterThan(0);
        expect(logged(table)).toBe(rows(table));
      }
      const taken = checkpoints.create('manual', 'desk');
      expect(taken.changedRows).toBeGreaterThanOrEqual(rows('orders') + rows('positions'));
      expect(checkpoints.verify(taken.checkpointId).ok).toBe(true);
      expect(triggers(store.db)).toHaveLength(24);
    });
  }
});
