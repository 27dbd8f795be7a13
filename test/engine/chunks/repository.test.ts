// The chunk repository's contract, held by both implementations: SQLite (lifeboat.db) and memory.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkId } from '../../../electron/engine/chunks/id';
import { MemoryChunkRepository } from '../../../electron/engine/chunks/memory-repository';
import type { ChunkRepository } from '../../../electron/engine/chunks/repository';
import { SqliteChunkRepository } from '../../../electron/engine/chunks/sqlite-repository';
import { openDatabase } from '../../../electron/engine/store/database';
import { tempDir } from '../../support/temp-state';

function sqlite(): { repo: SqliteChunkRepository; db: Database.Database } {
  const db = openDatabase(join(tempDir(), 'lifeboat.db'));
  return { repo: new SqliteChunkRepository(db), db };
}

const implementations: [string, () => ChunkRepository][] = [
  ['sqlite', () => sqlite().repo],
  ['memory', () => new MemoryChunkRepository()],
];

const text = (s: string) => Buffer.from(s.repeat(50));

describe.each(implementations)('%s chunk repository', (_name, make) => {
  it('stores a chunk under the hash of its plain bytes, once', () => {
    const repo = make();
    const data = text('{"k":"a"}\n');
    const id = chunkId(data);
    expect(repo.has(id)).toBe(false);
    const stored = repo.put(id, 'rows', data);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(data.length); // compressed
    expect(repo.put(id, 'rows', data)).toBe(0);
    expect(repo.has(id)).toBe(true);
    expect(repo.get(id).equals(data)).toBe(true);
  });

  it('hands out a stored form another repository takes as it is, and reads back whole', () => {
    const from = make();
    const to = new MemoryChunkRepository();
    const data = text('row text ');
    const id = chunkId(data);
    from.put(id, 'index', data);
    const stored = from.getStored(id)!;
    expect(stored).toMatchObject({ kind: 'index', codec: 'deflate', rawSize: data.length });
    expect(to.putStored(id, stored)).toBe(stored.bytes.length);
    expect(to.get(id).equals(data)).toBe(true);
    expect(from.getStored(chunkId('absent'))).toBeNull();
  });

  it('names a missing chunk and a chunk whose bytes do not match its id', () => {
    const repo = make();
    const missing = chunkId('never stored');
    expect(() => repo.get(missing, 'positions page 3')).toThrow(expect.objectContaining({ code: 'verification_failed', where: 'positions page 3', message: expect.stringMatching(/is missing/) }));
    // Another chunk's stored bytes under this id: what a flipped byte on disk amounts to.
    const scratch = new MemoryChunkRepository();
    const other = text('b');
    scratch.put(chunkId(other), 'rows', other);
    const forged = chunkId(text('a'));
    repo.putStored(forged, scratch.getStored(chunkId(other))!);
    expect(() => repo.get(forged)).toThrow(/does not match its hash/);
    const garbage = chunkId('garbage');
    repo.putStored(garbage, { kind: 'rows', codec: 'brotli', rawSize: 3, bytes: Buffer.from('not brotli at all') });
    expect(() => repo.get(garbage)).toThrow(/does not decompress/);
  });

  it('lists, counts and deletes what it holds', () => {
    const repo = make();
    const ids = ['x', 'y', 'z'].map((s) => {
      const d = text(s);
      const id = chunkId(d);
      repo.put(id, s === 'z' ? 'index' : 'rows', d);
      return id;
    });
    expect([...repo.list()].map((c) => c.id)).toEqual([...ids].sort());
    const stats = repo.stats();
    expect(stats.chunks).toBe(3);
    expect(stats.byKind.map((k) => [k.kind, k.chunks])).toEqual([
      ['index', 1],
      ['rows', 2],
    ]);
    expect(stats.rawBytes).toBe(3 * text('x').length);
    const freed = repo.delete([ids[0], ids[1]]);
    expect(freed).toBe(stats.storedBytes - repo.stats().storedBytes);
    expect(repo.has(ids[0])).toBe(false);
    expect(repo.stats().chunks).toBe(1);
  });
});

describe('the sqlite chunk repository', () => {
  it('writes inside the caller’s transaction: a rolled-back checkpoint leaves no chunk', () => {
    const { repo, db } = sqlite();
    const data = text('rolled back');
    const id = chunkId(data);
    expect(() =>
      db.transaction(() => {
        repo.put(id, 'rows', data);
        throw new Error('the checkpoint failed');
      })(),
    ).toThrow('the checkpoint failed');
    expect(repo.has(id)).toBe(false);
  });
});
