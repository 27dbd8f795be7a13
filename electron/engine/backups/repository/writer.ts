// Writing objects into a repository during one backup: each object named by its keyed hash, sent
// only when the repository does not hold it yet (or, for a full backup, when this run has not
// written it), gathered into packs; each pack's index file is written as soon as the pack has
// landed. One upload is in flight while the next pack fills.
import { LifeboatError } from '../../../../shared/result';
import { objectId } from './crypto';
import { encodeObject, type ObjectType } from './objects';
import { buildPack, packKey, sealIndex } from './packs';
import type { BackupRepository, Location } from './repository';

export interface WriterStats {
  /** Distinct objects this snapshot refers to. */
  objects: number;
  objectsAdded: number;
  /** Stored bytes added (packs and their index files). */
  bytesAdded: number;
  /** Plain (uncompressed, unencrypted) bytes of the objects sent: over bytesAdded, the compression. */
  plainBytesAdded: number;
  /** Objects found in index files no snapshot names yet: a killed run's work, not sent again. */
  objectsResumed: number;
}

export class ObjectWriter {
  private pending: { id: string; type: ObjectType; sealed: Buffer; rawLength: number }[] = [];
  private pendingBytes = 0;
  private readonly inThisRun = new Map<string, Location | null>();
  private readonly referenced = new Set<string>();
  private upload: Promise<void> = Promise.resolve();
  private uploadError: unknown = null;
  readonly stats: WriterStats = { objects: 0, objectsAdded: 0, bytesAdded: 0, plainBytesAdded: 0, objectsResumed: 0 };

  constructor(
    private readonly repository: BackupRepository,
    /** This run's name, written into each index file. */
    private readonly run: string,
    /** Objects this backup may refer to without sending them (by type: all, the full's, or none). */
    private readonly reusable: Map<string, Location>,
    /** Index files no snapshot names: what an interrupted run left, reusable by any type. */
    private readonly unclaimed: Set<string>,
    private readonly signal?: AbortSignal,
  ) {}

  idOf(plain: Buffer | string): string {
    return objectId(this.repository.keys, plain);
  }

  /**
   * Refers to an object by id alone when this backup may reuse it (the repository holds it, or this
   * run sent it): true, and it counts as referenced. False: the caller must `add` its bytes.
   */
  refer(id: string): boolean {
    if (this.uploadError) throw this.uploadError;
    if (!this.inThisRun.has(id) && !this.reusable.has(id)) return false;
    if (!this.referenced.has(id)) {
      this.referenced.add(id);
      this.stats.objects++;
    }
    if (!this.inThisRun.has(id)) {
      const known = this.reusable.get(id)!;
      if (this.unclaimed.has(known.index)) this.stats.objectsResumed++;
      this.inThisRun.set(id, known);
    }
    return true;
  }

  /** Stores `plain` unless it is there; returns its id. `compress: false` for bytes already compressed. */
  async add(type: ObjectType, plain: Buffer, compress = true, id = this.idOf(plain)): Promise<string> {
    if (this.uploadError) throw this.uploadError;
    if (!this.referenced.has(id)) {
      this.referenced.add(id);
      this.stats.objects++;
    }
    if (this.inThisRun.has(id)) return id;
    const known = this.reusable.get(id);
    if (known) {
      if (this.unclaimed.has(known.index)) this.stats.objectsResumed++;
      this.inThisRun.set(id, known);
      return id;
    }
    if (this.signal?.aborted) throw new LifeboatError('cancelled', 'backup cancelled; every earlier snapshot is untouched', this.repository.where);
    const sealed = encodeObject(this.repository.keys, id, plain, { codec: this.repository.config.compression as 'brotli' | 'deflate' }, compress);
    this.inThisRun.set(id, null);
    this.pending.push({ id, type, sealed, rawLength: plain.length });
    this.pendingBytes += sealed.length;
    this.stats.objectsAdded++;
    this.stats.plainBytesAdded += plain.length;
    if (this.pendingBytes >= this.repository.config.packBytes) await this.closePack();
    return id;
  }

  /** Seals the open pack and hands it to the upload (waiting for the one before to land). */
  private async closePack(): Promise<void> {
    if (this.pending.length === 0) return;
    const objects = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const pack = buildPack(this.repository.keys, objects);
    const index = sealIndex(this.repository.keys, { version: 1, run: this.run, packs: [pack.listing] });
    await this.upload;
    if (this.uploadError) throw this.uploadError;
    this.upload = (async () => {
      // Data first, then the index file that makes it findable.
      await this.repository.destination.put(packKey(pack.id), pack.bytes, { archive: true });
      await this.repository.putIndex(index.id, index.bytes);
      this.stats.bytesAdded += pack.bytes.length + index.bytes.length;
      for (const [objectId, type, offset, length, rawLength] of pack.listing.objects) {
        this.inThisRun.set(objectId, { pack: pack.id, offset, length, rawLength, type, index: index.id });
      }
    })().catch((err: unknown) => {
      this.uploadError = err;
    });
  }

  /** The packs holding the objects this snapshot refers to (once finished): what verifies it. */
  packsUsed(): string[] {
    const packs = new Set<string>();
    for (const id of this.referenced) {
      const at = this.inThisRun.get(id);
      if (at) packs.add(at.pack);
    }
    return [...packs].sort();
  }

  /** Sends what is left and waits until every pack and index file has landed. */
  async finish(): Promise<void> {
    await this.closePack();
    await this.upload;
    if (this.uploadError) throw this.uploadError;
    for (const id of this.referenced) {
      if (!this.inThisRun.get(id)) throw new LifeboatError('internal', `object ${id.slice(0, 12)} was referenced but never stored`, this.repository.where);
    }
  }
}
