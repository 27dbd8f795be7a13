// The chunk repository in lifeboat.db's `chunks` table. Writes join the caller's transaction, so a
// checkpoint's chunks and its catalog row commit together. The only code that touches the table.
import type { Database, Statement } from 'better-sqlite3';
import { decodeChunk, compressChunk, missingChunk, type ChunkCodec } from './codec';
import type { ChunkKind, ChunkListing, ChunkRepository, ChunkStats, StoredChunk } from './repository';

interface Row {
  kind: ChunkKind;
  codec: ChunkCodec;
  raw_size: number;
  data: Buffer;
}

export class SqliteChunkRepository implements ChunkRepository {
  private readonly insert: Statement;
  private readonly select: Statement;
  private readonly exists: Statement;
  private readonly remove: Statement;

  constructor(private readonly db: Database) {
    // base_hash and depth are left from when chunks were stored as deltas (migration 9 made every
    // chunk whole): always NULL and 0 now.
    this.insert = db.prepare(
      'INSERT INTO chunks (hash, kind, codec, raw_size, stored_size, base_hash, depth, data) VALUES (?, ?, ?, ?, ?, NULL, 0, ?) ON CONFLICT (hash) DO NOTHING',
    );
    this.select = db.prepare('SELECT kind, codec, raw_size, data FROM chunks WHERE hash = ?');
    this.exists = db.prepare('SELECT 1 FROM chunks WHERE hash = ?');
    this.remove = db.prepare('DELETE FROM chunks WHERE hash = ? RETURNING stored_size');
  }

  has(id: string): boolean {
    return this.exists.get(id) !== undefined;
  }

  get(id: string, where = 'chunk'): Buffer {
    const row = this.select.get(id) as Row | undefined;
    if (!row) throw missingChunk(id, where);
    return decodeChunk(id, { codec: row.codec, bytes: row.data }, where);
  }

  getStored(id: string): StoredChunk | null {
    const row = this.select.get(id) as Row | undefined;
    return row ? { kind: row.kind, codec: row.codec, rawSize: row.raw_size, bytes: row.data } : null;
  }

  put(id: string, kind: ChunkKind, data: Buffer): number {
    if (this.has(id)) return 0;
    return this.putStored(id, { kind, codec: 'deflate', rawSize: data.length, bytes: compressChunk('deflate', data) });
  }

  putStored(id: string, chunk: StoredChunk): number {
    const r = this.insert.run(id, chunk.kind, chunk.codec, chunk.rawSize, chunk.bytes.length, chunk.bytes);
    return r.changes ? chunk.bytes.length : 0;
  }

  delete(ids: Iterable<string>): number {
    let freed = 0;
    for (const id of ids) freed += ((this.remove.get(id) as { stored_size: number } | undefined)?.stored_size ?? 0);
    return freed;
  }

  *list(): Iterable<ChunkListing> {
    const rows = this.db.prepare('SELECT hash AS id, kind, raw_size AS rawSize, stored_size AS storedSize FROM chunks ORDER BY hash').iterate() as IterableIterator<ChunkListing>;
    yield* rows;
  }

  stats(): ChunkStats {
    const byKind = this.db
      .prepare('SELECT kind, COUNT(*) AS chunks, COALESCE(SUM(raw_size), 0) AS rawBytes, COALESCE(SUM(stored_size), 0) AS storedBytes FROM chunks GROUP BY kind ORDER BY kind')
      .all() as ChunkStats['byKind'];
    return {
      chunks: byKind.reduce((n, k) => n + k.chunks, 0),
      rawBytes: byKind.reduce((n, k) => n + k.rawBytes, 0),
      storedBytes: byKind.reduce((n, k) => n + k.storedBytes, 0),
      byKind,
    };
  }
}
