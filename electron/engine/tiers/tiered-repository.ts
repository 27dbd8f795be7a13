// The chunk repository of a desk with storage tiers: warm = the chunks table of lifeboat.db
// (SqliteChunkRepository), cold = packs in <state>/cold/ or, when the desk's settings name one, an
// S3 bucket (cold-store.ts), indexed by cold_chunks. (Hot, the bounded
// cache of decoded chunks, is checkpoints/chunk-cache.ts in front of this.) Reads fall through warm
// -> cold; a chunk read from cold is rehashed against its id, and — on a writer — promoted back to
// warm together with the rest of its pack (packs hold what one checkpoint reads together, so that
// is what the same operation reads next). A reader (a worker's read-only connection) promotes
// nothing; it remembers what it read from cold for the writer to promote (`coldReads`).
import type { Database } from 'better-sqlite3';
import { decodeChunk, missingChunk } from '../chunks/codec';
import type { ChunkKind, ChunkListing, ChunkRepository, ChunkStats, ReaderReport, StoredChunk } from '../chunks/repository';
import { SqliteChunkRepository } from '../chunks/sqlite-repository';
import { LifeboatError } from '../../../shared/result';
import { ColdBucket } from './cold-bucket';
import { ColdFolder } from './cold-folder';
import { ColdIndex, type ColdRow } from './cold-index';
import { coldS3Config, readSettings } from './cold-s3-settings';
import { S3_PACK_PREFIX, type ColdStore } from './cold-store';
import { bundledWorkerHere } from './s3-bridge';
import { recordMove } from './moves-audit';
import { TierStats, type TierStatsSnapshot } from './tier-stats';

export interface TieredOptions {
  /** A writer promotes what it reads from cold; a reader only reads. */
  promote: boolean;
  /** The bundled worker (dist/worker.cjs) the S3 cold tier's thread runs; default: the one this code runs in, if any. */
  workerScript?: string | null;
}

export class TieredChunkRepository implements ChunkRepository {
  readonly warm: SqliteChunkRepository;
  /** <state>/cold/: where cold packs go without a bucket, and where the packs written before one stay. */
  readonly folder: ColdFolder;
  readonly index: ColdIndex;
  private bucketNow: ColdBucket | null = null;
  readonly counters = new TierStats();
  /** Chunk ids read from cold and not promoted (a reader's, for the writer to promote). */
  readonly coldReads = new Set<string>();

  constructor(
    readonly db: Database,
    coldDir: string,
    private readonly options: TieredOptions,
  ) {
    this.warm = new SqliteChunkRepository(db);
    this.folder = new ColdFolder(coldDir);
    this.index = new ColdIndex(db);
  }

  /** Where new cold packs go: the configured bucket, else the folder. A bucket without credentials is an `unavailable` naming what to set. */
  get cold(): ColdStore {
    return this.bucket() ?? this.folder;
  }

  /** The S3 bucket of the desk's settings now (a changed configuration starts a new one), or null. */
  bucket(): ColdBucket | null {
    const config = coldS3Config(readSettings(this.db));
    if (this.bucketNow && this.bucketNow.config.fingerprint !== config?.fingerprint) {
      this.bucketNow.close();
      this.bucketNow = null;
    }
    if (config && !this.bucketNow) this.bucketNow = new ColdBucket(config, this.options.workerScript === undefined ? bundledWorkerHere() : this.options.workerScript);
    return this.bucketNow;
  }

  /** The store that holds a pack, by its name (cold-store.ts). */
  storeOf(pack: string): ColdStore {
    if (this.folder.holds(pack)) return this.folder;
    const bucket = this.bucket();
    if (bucket?.holds(pack)) return bucket;
    throw new LifeboatError('unavailable', `cold pack ${pack.slice(S3_PACK_PREFIX.length)} is in the S3 cold tier, and no bucket is configured now (tiers.cold.s3.endpoint, tiers.cold.s3.bucket)`, pack, { tier: 'cold' });
  }

  /** Every place that holds or may hold packs: the folder, and the bucket when one is configured. */
  stores(): ColdStore[] {
    const bucket = this.bucket();
    return bucket ? [this.folder, bucket] : [this.folder];
  }

  /** Ends the S3 cold tier's thread, if one runs. */
  close(): void {
    this.bucketNow?.close();
    this.bucketNow = null;
  }

  has(id: string): boolean {
    return this.warm.has(id) || this.index.get(id) !== undefined;
  }

  get(id: string, where = 'chunk'): Buffer {
    const started = process.hrtime.bigint();
    const now = new Date().toISOString();
    const warm = this.warm.getStored(id);
    if (warm) {
      const data = decodeChunk(id, warm, where);
      this.counters.hit('warm', micros(started));
      this.counters.read(id, now);
      return data;
    }
    this.counters.miss('warm');
    const row = this.index.get(id);
    if (!row) {
      this.counters.miss('cold');
      throw missingChunk(id, where);
    }
    const data = this.readCold(row, where);
    this.counters.hit('cold', micros(started));
    this.counters.read(id, now);
    if (this.options.promote) this.promotePacks([row.pack], 'read');
    else this.coldReads.add(id);
    return data;
  }

  getStored(id: string): StoredChunk | null {
    const warm = this.warm.getStored(id);
    if (warm) return warm;
    const row = this.index.get(id);
    if (!row) return null;
    return { kind: row.kind, codec: row.codec, rawSize: row.rawSize, bytes: this.storeOf(row.pack).read(row.pack, row.offset, row.storedSize) };
  }

  put(id: string, kind: ChunkKind, data: Buffer): number {
    if (this.warm.has(id)) return 0;
    // A new checkpoint shares a chunk that is cold: the chunk is needed again, and here it is.
    if (this.index.get(id)) return this.rewarm(id, () => this.warm.put(id, kind, data));
    return this.warm.put(id, kind, data);
  }

  putStored(id: string, chunk: StoredChunk): number {
    if (this.warm.has(id)) return 0;
    if (this.index.get(id)) return this.rewarm(id, () => this.warm.putStored(id, chunk));
    return this.warm.putStored(id, chunk);
  }

  /** Removes chunks from whichever tier holds them; the packs they leave empty go in `settle({ collect: true })`. */
  delete(ids: Iterable<string>): number {
    const list = [...ids];
    let freed = this.warm.delete(list);
    for (const id of list) freed += this.index.remove(id);
    return freed;
  }

  *list(): Iterable<ChunkListing> {
    yield* [...this.warm.list()];
    yield* [...this.index.list()];
  }

  stats(): ChunkStats {
    const warm = this.warm.stats();
    const cold = this.db.prepare('SELECT kind, COUNT(*) AS chunks, COALESCE(SUM(raw_size), 0) AS rawBytes, COALESCE(SUM(stored_size), 0) AS storedBytes FROM cold_chunks GROUP BY kind').all() as ChunkStats['byKind'];
    const byKind = new Map(warm.byKind.map((k) => [k.kind, { ...k }]));
    for (const k of cold) {
      const w = byKind.get(k.kind) ?? { kind: k.kind, chunks: 0, rawBytes: 0, storedBytes: 0 };
      byKind.set(k.kind, { kind: k.kind, chunks: w.chunks + k.chunks, rawBytes: w.rawBytes + k.rawBytes, storedBytes: w.storedBytes + k.storedBytes });
    }
    const kinds = [...byKind.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));
    return { chunks: kinds.reduce((n, k) => n + k.chunks, 0), rawBytes: kinds.reduce((n, k) => n + k.rawBytes, 0), storedBytes: kinds.reduce((n, k) => n + k.storedBytes, 0), byKind: kinds };
  }

  noteHot(hit: boolean): void {
    if (hit) this.counters.hit('hot');
    else this.counters.miss('hot');
  }

  /**
   * After the caller's transaction committed: counters are written; with `collect` (after a prune),
   * packs nothing points into go too. Not on every settle: a worker reading in an older snapshot
   * may still need a pack a promotion emptied since, so packs go only at explicit moves (demote,
   * promote, prune), never behind a read.
   */
  settle(options: { collect?: boolean } = {}): void {
    if (!this.options.promote || this.db.inTransaction) return;
    try {
      if (options.collect) this.collectPacks();
      this.counters.flush(this.db);
    } catch {
      // Retried at the next settle; a failure here must not fail the operation that read.
    }
  }

  readerReport(): ReaderReport {
    return { slowReads: [...this.coldReads], stats: this.counters.snapshot() };
  }

  absorb(report: ReaderReport): void {
    if (!this.options.promote) return;
    this.counters.merge(report.stats as TierStatsSnapshot);
    this.promoteRead(report.slowReads);
  }

  /** Promotes the packs of what a reader (a worker's connection) read from cold. */
  promoteRead(ids: string[]): void {
    if (!this.options.promote) return;
    const packs = new Set<string>();
    for (const id of ids) {
      const row = this.index.get(id);
      if (row) packs.add(row.pack);
    }
    if (packs.size > 0) this.promotePacks([...packs], 'read');
    this.settle();
  }

  /**
   * Removes packs no cold_chunks row points into (a demote killed before it recorded, or emptied by
   * promotion), in the folder and in the bucket. A store that cannot be reached keeps its garbage
   * for the next time (noted as its error): tidying must not fail a move that did not need it.
   */
  collectPacks(): string[] {
    const referenced = this.index.referencedPacks();
    const collect = (store: ColdStore) => {
      const garbage = store.packs().filter((p) => !referenced.has(p));
      store.remove(garbage);
      return garbage;
    };
    const collected = collect(this.folder);
    try {
      const bucket = this.bucket();
      if (bucket) collected.push(...collect(bucket));
    } catch (err) {
      this.counters.error('cold', err instanceof Error ? err.message : String(err));
    }
    return collected;
  }

  /**
   * Moves every chunk of these packs still cold (or only those in `only`) back to warm, checked, in
   * one transaction; audited.
   */
  promotePacks(packs: string[], why: string, only?: ReadonlySet<string>): { chunks: number; bytes: number } {
    const moving: { row: ColdRow; bytes: Buffer | null }[] = [];
    for (const pack of new Set(packs)) {
      for (const row of this.index.inPack(pack)) {
        if (only && !only.has(row.hash)) continue;
        // The warm copy wins: a chunk in both places only loses its cold row.
        if (this.warm.has(row.hash)) {
          moving.push({ row, bytes: null });
          continue;
        }
        try {
          const bytes = this.storeOf(row.pack).read(row.pack, row.offset, row.storedSize);
          decodeChunk(row.hash, { codec: row.codec, bytes });
          moving.push({ row, bytes });
        } catch (err) {
          this.counters.error('cold', err instanceof Error ? err.message : String(err));
          // A promote asked for that needs a tier down fails naming it (nothing moved yet)...
          if (why !== 'read' && err instanceof LifeboatError && err.code !== 'verification_failed') throw err;
          // ...a damaged chunk stays where it is, for verify to name; the others still move.
        }
      }
    }
    if (moving.length === 0) return { chunks: 0, bytes: 0 };
    try {
      return this.db.transaction(() => {
        let bytes = 0;
        for (const m of moving) {
          if (m.bytes) this.warm.putStored(m.row.hash, { kind: m.row.kind, codec: m.row.codec, rawSize: m.row.rawSize, bytes: m.bytes });
          bytes += this.index.remove(m.row.hash);
        }
        recordMove(this.db, 'promote', { chunks: moving.length, bytes, packs: [...new Set(packs)], why });
        return { chunks: moving.length, bytes };
      })();
    } catch (err) {
      // Promotion on a read is an optimisation: a busy or read-only connection just reads from cold again next time.
      if (why !== 'read') throw err;
      return { chunks: 0, bytes: 0 };
    }
  }

  private readCold(row: ColdRow, where: string): Buffer {
    try {
      const store = this.storeOf(row.pack);
      const bytes = store.read(row.pack, row.offset, row.storedSize);
      try {
        return decodeChunk(row.hash, { codec: row.codec, bytes }, where);
      } catch (err) {
        const reason = err instanceof LifeboatError ? err.reason : String(err);
        throw new LifeboatError('verification_failed', `${reason} in cold pack ${row.pack}`, store === this.folder ? `${this.folder.dir}/${row.pack}` : `${store.location}${row.pack.slice(S3_PACK_PREFIX.length)}`, { hash: row.hash, tier: 'cold' });
      }
    } catch (err) {
      this.counters.error('cold', err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  private rewarm(id: string, store: () => number): number {
    return this.db.transaction(() => {
      store();
      const bytes = this.index.remove(id);
      recordMove(this.db, 'promote', { chunks: 1, bytes, packs: [], why: 'a new checkpoint shares it' }, false);
      return 0;
    })();
  }
}

const micros = (since: bigint) => Number((process.hrtime.bigint() - since) / 1000n);
