// Chunks in lifeboat.db: compressed on write (see chunk-codec.ts), decompressed and rehashed on
// every read, with a bounded in-memory cache of checked chunks.
import type { Database, Statement } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { compressChunk, decompressChunk, type ChunkCodec } from './chunk-codec';
import { parsePage, sha256, type ChunkEntry } from './chunker';

export type ChunkKind = 'rows' | 'index';

const CACHE_BYTES = 64 * 1024 * 1024;
/** A delta chain never grows past this: reading a chunk inflates at most this many ancestors. */
export const MAX_DEPTH = 8;

interface StoredRow {
  kind: ChunkKind;
  codec: ChunkCodec;
  data: Buffer;
  base_hash: string | null;
  depth: number;
}

export class ChunkStore {
  private readonly insert: Statement;
  private readonly select: Statement;
  private readonly exists: Statement;
  private readonly depthOf: Statement;
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;
  /** Parsed index pages: pages are immutable (content-addressed), so their entries can be shared. */
  private readonly pages = new Map<string, ChunkEntry[]>();

  constructor(readonly db: Database) {
    this.insert = db.prepare(
      'INSERT INTO chunks (hash, kind, codec, raw_size, stored_size, base_hash, depth, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING',
    );
    this.select = db.prepare('SELECT kind, codec, data, base_hash, depth FROM chunks WHERE hash = ?');
    this.depthOf = db.prepare('SELECT depth FROM chunks WHERE hash = ?').pluck();
    this.exists = db.prepare('SELECT 1 FROM chunks WHERE hash = ?');
  }

  has(hash: string): boolean {
    return this.exists.get(hash) !== undefined;
  }

  /**
   * Stores a chunk unless it is there already; returns the bytes newly stored (0 if shared).
   * Deflate, against `previous` (the chunk this one replaces) when there is one; layers, which
   * brotli compresses, come through `putCompressed`.
   */
  put(kind: ChunkKind, hash: string, data: Buffer, previous?: string): number {
    // Ask the database, not the cache: a chunk cached by a rolled-back transaction is not stored.
    if (this.has(hash)) return 0;
    const baseDepth = previous ? (this.depthOf.get(previous) as number | undefined) : undefined;
    const base = previous && baseDepth !== undefined && baseDepth < MAX_DEPTH ? previous : null;
    const stored = compressChunk('deflate', data, base ? this.get(base) : undefined);
    this.insert.run(hash, kind, 'deflate', data.length, stored.length, base, base ? baseDepth! + 1 : 0, stored);
    this.remember(hash, data);
    return stored.length;
  }

  /** Stores a chunk already compressed with `codec` (and no base) unless it is there already. */
  putCompressed(kind: ChunkKind, hash: string, data: Buffer, stored: Buffer, codec: ChunkCodec): number {
    if (this.has(hash)) return 0;
    this.insert.run(hash, kind, codec, data.length, stored.length, null, 0, stored);
    this.remember(hash, data);
    return stored.length;
  }

  /** Stores a chunk again without its base (when the base is being pruned). */
  rewriteWhole(hash: string, data: Buffer): void {
    const stored = compressChunk('deflate', data);
    this.db
      .prepare(`UPDATE chunks SET codec = 'deflate', data = ?, stored_size = ?, base_hash = NULL, depth = 0 WHERE hash = ?`)
      .run(stored, stored.length, hash);
  }

  /** Reads a chunk and checks it against its hash; a damaged chunk is an error naming it. */
  get(hash: string, where = 'chunk'): Buffer {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const row = this.select.get(hash) as StoredRow | undefined;
    if (!row) throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is missing`, where, { hash });
    const data = this.decode(hash, row, where, (base) => this.get(base, where));
    this.remember(hash, data);
    return data;
  }

  /** Reads a chunk bypassing the cache: for verify, which must look at the stored bytes. */
  readStored(hash: string, where = 'chunk'): Buffer {
    const row = this.select.get(hash) as StoredRow | undefined;
    if (!row) throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is missing`, where, { hash });
    return this.decode(hash, row, where, (base) => this.readStored(base, where));
  }

  /** An index page's chunk entries (read-only: shared between callers). */
  pageEntries(hash: string, where = 'index page'): ChunkEntry[] {
    let entries = this.pages.get(hash);
    if (!entries) {
      entries = parsePage(this.get(hash, where));
      if (this.pages.size >= 8192) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(hash, entries);
    }
    return entries;
  }

  forget(): void {
    this.pages.clear();
    this.cache.clear();
    this.cachedBytes = 0;
  }

  private decode(hash: string, row: StoredRow, where: string, readBase: (hash: string) => Buffer): Buffer {
    // A damaged ancestor surfaces as its own error, naming the ancestor.
    const dictionary = row.base_hash ? readBase(row.base_hash) : undefined;
    let data: Buffer;
    try {
      data = decompressChunk(row.codec, row.data, dictionary);
    } catch {
      throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is damaged (does not decompress)`, where, { hash });
    }
    if (sha256(data) !== hash) {
      throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is damaged (content does not match its hash)`, where, { hash });
    }
    return data;
  }

  private remember(hash: string, data: Buffer): void {
    if (data.length > CACHE_BYTES / 4) return;
    this.cache.set(hash, data);
    this.cachedBytes += data.length;
    for (const [h, d] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.cache.delete(h);
      this.cachedBytes -= d.length;
    }
  }
}
