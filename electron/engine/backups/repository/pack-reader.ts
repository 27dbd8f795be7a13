// Reading many objects back (restore, verify --read-data): whole packs fetched once each and kept
// while they are being read from, rather than one request per object — a restore of thousands of
// small objects is then a few large reads, on a folder or over S3. A pack is checked against its
// name when it arrives; every object in it is still authenticated on its own.
import { LifeboatError } from '../../../../shared/result';
import { sha256Hex } from './crypto';
import { decodeObject } from './objects';
import { packKey } from './packs';
import type { BackupRepository, Location } from './repository';

export class PackReader {
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;
  /** Packs fetched, and their bytes: what a restore or verify read from the destination. */
  packsRead = 0;
  bytesRead = 0;

  constructor(
    private readonly repository: BackupRepository,
    private readonly maxBytes = 128 * 1024 * 1024,
  ) {}

  async read(id: string, at: Location): Promise<Buffer> {
    const pack = await this.pack(at.pack);
    const where = `${this.repository.where} ${packKey(at.pack)} object ${id.slice(0, 12)}`;
    if (at.offset + at.length > pack.length) throw new LifeboatError('verification_failed', `object runs past the end of its pack (${pack.length} bytes)`, where);
    return decodeObject(this.repository.keys, id, pack.subarray(at.offset, at.offset + at.length), where);
  }

  private async pack(id: string): Promise<Buffer> {
    const hit = this.cache.get(id);
    if (hit) {
      // Most recently used last.
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const bytes = await this.repository.destination.get(packKey(id));
    this.packsRead++;
    this.bytesRead += bytes.length;
    if (sha256Hex(bytes) !== id) throw new LifeboatError('verification_failed', 'pack bytes do not hash to its name: it was changed or cut short', `${this.repository.where} ${packKey(id)}`);
    this.cache.set(id, bytes);
    this.cachedBytes += bytes.length;
    for (const [old, data] of this.cache) {
      if (this.cachedBytes <= this.maxBytes || old === id) break;
      this.cache.delete(old);
      this.cachedBytes -= data.length;
    }
    return bytes;
  }
}
