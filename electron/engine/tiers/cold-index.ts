// Which chunk lives in which cold pack: the cold_chunks table of lifeboat.db (migration 15). Kept
// in the database, not only in the packs, so that moving a chunk between tiers is one SQLite
// transaction (insert here, delete from chunks, or the reverse): at every moment a chunk is in
// exactly one place, and a pack written but never recorded is garbage (collectPacks).
import type { Database, Statement } from 'better-sqlite3';
import type { ChunkCodec, ChunkKind, ChunkListing } from '../chunks/repository';

export interface ColdRow {
  hash: string;
  kind: ChunkKind;
  codec: ChunkCodec;
  rawSize: number;
  storedSize: number;
  pack: string;
  offset: number;
}

const COLUMNS = 'hash, kind, codec, raw_size AS rawSize, stored_size AS storedSize, pack, offset';

export class ColdIndex {
  private readonly selectOne: Statement;
  private readonly insertOne: Statement;
  private readonly removeOne: Statement;
  private readonly byPack: Statement;

  constructor(readonly db: Database) {
    this.selectOne = db.prepare(`SELECT ${COLUMNS} FROM cold_chunks WHERE hash = ?`);
    this.insertOne = db.prepare('INSERT INTO cold_chunks (hash, kind, codec, raw_size, stored_size, pack, offset, demoted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING');
    this.removeOne = db.prepare('DELETE FROM cold_chunks WHERE hash = ? RETURNING stored_size');
    this.byPack = db.prepare(`SELECT ${COLUMNS} FROM cold_chunks WHERE pack = ? ORDER BY offset`);
  }

  get(id: string): ColdRow | undefined {
    return this.selectOne.get(id) as ColdRow | undefined;
  }

  insert(row: ColdRow, at: string): boolean {
    return this.insertOne.run(row.hash, row.kind, row.codec, row.rawSize, row.storedSize, row.pack, row.offset, at).changes > 0;
  }

  /** Returns the stored bytes the row stood for (0 when there was none). */
  remove(id: string): number {
    return (this.removeOne.get(id) as { stored_size: number } | undefined)?.stored_size ?? 0;
  }

  inPack(pack: string): ColdRow[] {
    return this.byPack.all(pack) as ColdRow[];
  }

  *list(): Iterable<ChunkListing> {
    yield* this.db.prepare('SELECT hash AS id, kind, raw_size AS rawSize, stored_size AS storedSize FROM cold_chunks ORDER BY hash').iterate() as IterableIterator<ChunkListing>;
  }

  /** Pack files some row points into. */
  referencedPacks(): Set<string> {
    return new Set(this.db.prepare('SELECT DISTINCT pack FROM cold_chunks').pluck().all() as string[]);
  }

  totals(): { chunks: number; rawBytes: number; storedBytes: number; packs: number } {
    return this.db
      .prepare('SELECT COUNT(*) AS chunks, COALESCE(SUM(raw_size), 0) AS rawBytes, COALESCE(SUM(stored_size), 0) AS storedBytes, COUNT(DISTINCT pack) AS packs FROM cold_chunks')
      .get() as { chunks: number; rawBytes: number; storedBytes: number; packs: number };
  }
}
