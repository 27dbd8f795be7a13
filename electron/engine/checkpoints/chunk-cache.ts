// The checkpoints' view of the chunk repository: a bounded in-memory cache of checked chunks and
// of parsed index pages in front of it. Every read that misses the cache is decoded and rehashed
// by the repository; `readStored` always goes to it (verify must look at what is stored).
import type { ChunkCodec } from '../chunks/codec';
import type { ChunkKind, ChunkRepository } from '../chunks/repository';
import { parsePage, type ChunkEntry } from './chunker';

/** The default bound; a desk's `tiers.hotMaxBytes` setting changes it (this cache is the hot tier). */
export const CACHE_BYTES = 64 * 1024 * 1024;

export class ChunkCache {
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;
  /** Parsed index pages: pages are immutable (content-addressed), so their entries can be shared. */
  private readonly pages = new Map<string, ChunkEntry[]>();

  constructor(
    readonly repository: ChunkRepository,
    readonly maxBytes = CACHE_BYTES,
  ) {}

  /** Bytes of decoded chunks held now. */
  get bytes(): number {
    return this.cachedBytes;
  }

  get entries(): number {
    return this.cache.size;
  }

  has(hash: string): boolean {
    return this.repository.has(hash);
  }

  /** Stores a chunk unless it is there already; returns the bytes newly stored (0 if shared). */
  put(kind: ChunkKind, hash: string, data: Buffer): number {
    // Ask the repository, not the cache: a chunk cached by a rolled-back transaction is not stored.
    const bytes = this.repository.put(hash, kind, data);
    this.remember(hash, data);
    return bytes;
  }

  /** Stores a chunk already compressed with `codec` unless it is there already. */
  putCompressed(kind: ChunkKind, hash: string, data: Buffer, stored: Buffer, codec: ChunkCodec): number {
    const bytes = this.repository.putStored(hash, { kind, codec, rawSize: data.length, bytes: stored });
    this.remember(hash, data);
    return bytes;
  }

  /** Reads a chunk, checked against its hash; a damaged chunk is an error naming it. */
  get(hash: string, where = 'chunk'): Buffer {
    const cached = this.cache.get(hash);
    this.repository.noteHot?.(cached !== undefined);
    if (cached) return cached;
    const data = this.repository.get(hash, where);
    this.remember(hash, data);
    return data;
  }

  /** Reads a chunk bypassing the cache: for verify, which must look at the stored bytes. */
  readStored(hash: string, where = 'chunk'): Buffer {
    return this.repository.get(hash, where);
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

  /** Drops chunks from the repository (and the cache); returns the stored bytes freed. */
  delete(hashes: string[]): number {
    for (const h of hashes) {
      const d = this.cache.get(h);
      if (d) {
        this.cache.delete(h);
        this.cachedBytes -= d.length;
      }
      this.pages.delete(h);
    }
    return this.repository.delete(hashes);
  }

  forget(): void {
    this.pages.clear();
    this.cache.clear();
    this.cachedBytes = 0;
  }

  private remember(hash: string, data: Buffer): void {
    if (data.length > this.maxBytes / 4) return;
    this.cache.set(hash, data);
    this.cachedBytes += data.length;
    for (const [h, d] of this.cache) {
      if (this.cachedBytes <= this.maxBytes) break;
      this.cache.delete(h);
      this.cachedBytes -= d.length;
    }
  }
}
