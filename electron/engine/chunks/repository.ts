// The chunk repository: where every content-addressed object is kept. A chunk's id is the SHA-256
// of its plain bytes; its stored form (codec + bytes) decodes alone, with nothing else needed
// (see README.md). Checkpoints store through it today; backups and tiers move stored forms
// between repositories without decoding them.
export type ChunkKind = 'rows' | 'index';

/** How a stored chunk's bytes are encoded (see codec.ts). */
export type ChunkCodec = 'deflate' | 'brotli';

/** A chunk as kept: self-contained, decodable without any other chunk. */
export interface StoredChunk {
  kind: ChunkKind;
  codec: ChunkCodec;
  /** Length of the plain bytes. */
  rawSize: number;
  bytes: Buffer;
}

export interface ChunkListing {
  id: string;
  kind: ChunkKind;
  rawSize: number;
  storedSize: number;
}

export interface ChunkStats {
  chunks: number;
  rawBytes: number;
  storedBytes: number;
  byKind: { kind: ChunkKind; chunks: number; rawBytes: number; storedBytes: number }[];
}

/** What a reader on another connection saw of a repository with tiers (opaque here: the tier's business). */
export interface ReaderReport {
  /** Chunk ids read from a slower tier. */
  slowReads: string[];
  stats: unknown;
}

export interface ChunkRepository {
  has(id: string): boolean;
  /** The plain bytes, decoded and checked against the id; a missing or damaged chunk is a verification_failed naming it. */
  get(id: string, where?: string): Buffer;
  /** The stored form, unchecked (for copying to another repository), or null when absent. */
  getStored(id: string): StoredChunk | null;
  /** Compresses and stores `data` under `id` unless it is there; returns the bytes newly stored (0 if it was). */
  put(id: string, kind: ChunkKind, data: Buffer): number;
  /** Stores an already-encoded chunk unless it is there; returns the bytes newly stored. */
  putStored(id: string, chunk: StoredChunk): number;
  /** Removes chunks; returns the stored bytes freed. */
  delete(ids: Iterable<string>): number;
  list(): Iterable<ChunkListing>;
  stats(): ChunkStats;
  /** A repository with tiers counts the cache in front of it: told of each hit or miss there. */
  noteHot?(hit: boolean): void;
  /** A repository with tiers tidies up once the caller's transaction committed (counters; with `collect`, files nothing points into). */
  settle?(options?: { collect?: boolean }): void;
  /** A repository with tiers: what this reader saw (what it read from a slower tier, its counts), as plain data. */
  readerReport?(): ReaderReport;
  /** A repository with tiers takes a reader's report (a worker's): brings nearer what it read, adds its counts. */
  absorb?(report: ReaderReport): void;
}
