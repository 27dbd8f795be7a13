// Verify as the job runs it (verify-threads.ts: the chunks rehashed in shards, then every
// checkpoint checked with what they found) gives the verdicts verifying in one pass gives: the
// same chunk counts when all is well, and the same table, chunk and words for a flipped byte in
// a row chunk, a layer chunk or an index page. Run inline here (no bundled worker); the threads
// are covered by test/engine/workers/bundled-worker.test.ts.
import { MessageChannel } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { Checkpoints } from '../../../electron/engine/checkpoints/checkpoints';
import { getCheckpoint } from '../../../electron/engine/checkpoints/catalog';
import { verifyOnPool } from '../../../electron/engine/checkpoints/verify-threads';
import { checkChunks, checkedByHash, newClaim } from '../../../electron/engine/checkpoints/verify-chunks';
import { verifyCheckpoint } from '../../../electron/engine/checkpoints/verify';
import { ChunkCache } from '../../../electron/engine/checkpoints/chunk-cache';
import { SqliteChunkRepository } from '../../../electron/engine/chunks/sqlite-repository';
import { WorkerPool } from '../../../electron/engine/workers/pool';
import { tempStore } from '../../support/temp-state';

const AS_OF = '2026-11-20T21:00:00.000Z';
let clock = Date.parse('2026-11-21T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

function desk() {
  const { store, paths } = tempStore();
  generateDesk(store, { size: 'tiny', seed: 2, asOf: AS_OF });
  const checkpoints = new Checkpoints(store.db);
  checkpoints.create('manual', 'full');
  for (let i = 0; i < 3; i++) {
    simulate(store, { ticks: 15, seed: 10 + i }, now);
    checkpoints.create('manual', `layer ${i + 1}`);
  }
  checkpoints.compact(checkpoints.list().at(-1)!.checkpointId);
  simulate(store, { ticks: 15, seed: 20 }, now);
  checkpoints.create('manual', 'on the compacted one');
  return { store, paths, checkpoints, ids: checkpoints.list().map((c) => c.checkpointId) };
}

async function sharded(dbPath: string, ids: string[]) {
  const { port1, port2 } = new MessageChannel();
  try {
    return (await verifyOnPool(new WorkerPool(), dbPath, ids, port2)).reports;
  } finally {
    port1.close();
  }
}

function flip(dbPath: string, hash: string): void {
  const raw = new Database(dbPath);
  const data = raw.prepare('SELECT data FROM chunks WHERE hash = ?').pluck().get(hash) as Buffer;
  data[Math.floor(data.length / 2)] ^= 0x20;
  raw.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(data, hash);
  raw.close();
}

describe('verify in shards', () => {
  it('gives the verdicts and chunk counts of verifying in one pass', async () => {
    const { paths, checkpoints, ids } = desk();
    const reports = await sharded(paths.db, ids);
    expect(reports).toEqual(new Checkpoints(checkpoints.db).verifyAll());
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(reports).toHaveLength(5);
  });

  it('lets shards claim each chunk once, and the check then rereads none of them', () => {
    const { store, ids } = desk();
    const db = store.db;
    let reads = 0;
    const counting = new SqliteChunkRepository(db);
    const get = counting.get.bind(counting);
    counting.get = (id, where) => (reads++, get(id, where));
    // Run one after the other, the first claims every chunk and the second finds none left.
    const claim = newClaim();
    const parts = [0, 1].map(() => checkChunks(db, new ChunkCache(new SqliteChunkRepository(db)), ids, claim));
    const hashes = parts.flatMap((p) => p.checks.map((c) => c.hash));
    expect(parts.map((p) => p.checks.length > 0)).toEqual([true, false]);
    expect(new Set(hashes).size).toBe(hashes.length);
    const verifyAll = (checked?: ReturnType<typeof checkedByHash>) => {
      reads = 0;
      const shared = { verified: new Map(), tableAccs: new Map(), checked };
      const reports = ids.map((id) => verifyCheckpoint(db, new ChunkCache(counting), id, shared));
      return { reports, reads };
    };
    const alone = verifyAll();
    const withShards = verifyAll(checkedByHash(parts));
    expect(withShards.reports).toEqual(alone.reports);
    expect(alone.reads - withShards.reads).toBe(hashes.length);
  });

  const damaged = {
    'a row chunk': (db: Database.Database) => db.prepare(`SELECT hash FROM chunks WHERE kind = 'rows' AND codec = 'deflate' ORDER BY raw_size DESC LIMIT 1`).pluck().get() as string,
    'a layer chunk': (db: Database.Database, ids: string[]) => Object.values(getCheckpoint(db, ids[2]).manifest.layer!.tables).flat()[0],
    'an index page': (db: Database.Database) => db.prepare(`SELECT hash FROM chunks WHERE kind = 'index' ORDER BY raw_size DESC LIMIT 1`).pluck().get() as string,
  };
  for (const [what, pick] of Object.entries(damaged)) {
    it(`finds a flipped byte in ${what} and names it as verifying in one pass does`, async () => {
      const { paths, checkpoints, ids } = desk();
      const hash = pick(checkpoints.db, ids);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      flip(paths.db, hash);
      const reports = await sharded(paths.db, ids);
      expect(reports).toEqual(new Checkpoints(checkpoints.db).verifyAll());
      const bad = reports.filter((r) => !r.ok);
      expect(bad.length).toBeGreaterThan(0);
      for (const r of bad) expect(r.problem).toMatchObject({ chunk: hash, reason: expect.stringMatching(/damaged/) });
    });
  }
});
