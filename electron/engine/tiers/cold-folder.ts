// The cold tier's files: packs in <state>/cold/, each written atomically (temp -> fsync -> rename
// -> fsync the folder) and read checked (its header against its checksum, each chunk by the
// repository against its id). An unreadable folder or pack is an `unavailable` naming the cold
// tier; a pack whose bytes are wrong is a `verification_failed` naming the file.
import { accessSync, closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LifeboatError } from '../../../shared/result';
import type { StoredChunk } from '../chunks/repository';
import { fsyncDir, writeFileAtomic } from '../store/atomic-file';
import { FOLDER_PACK, type ColdStore } from './cold-store';
import { encodePack, headerSpan, PACK_PREFIX, parsePackHeader, type PackHeader } from './pack';

export const COLD_DIR = 'cold';

export class ColdFolder implements ColdStore {
  /** Headers already read and checked, by pack file name (a pack never changes once written). */
  private readonly headers = new Map<string, PackHeader>();

  constructor(readonly dir: string) {}

  get location(): string {
    return this.dir;
  }

  holds(pack: string): boolean {
    return FOLDER_PACK.test(pack);
  }

  close(): void {}

  /** Writes a pack durably; returns its file name and header (with each chunk's offset). */
  write(chunks: { id: string; chunk: StoredChunk }[]): { name: string; header: PackHeader; bytes: number } {
    const { bytes, name, header } = encodePack(chunks);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomic(join(this.dir, name), bytes, 0o644);
    } catch (err) {
      throw this.unavailable(err, 'cannot be written');
    }
    this.headers.set(name, header);
    return { name, header, bytes: bytes.length };
  }

  /** The stored bytes of one chunk of a pack (unchecked: the caller decodes and rehashes them). */
  read(pack: string, offset: number, length: number): Buffer {
    return this.withPack(pack, (fd, path) => {
      if (!this.headers.has(pack)) this.headers.set(pack, readHeader(fd, path));
      const out = Buffer.alloc(length);
      const got = readSync(fd, out, 0, length, offset);
      if (got !== length) throw new LifeboatError('verification_failed', `cold pack is damaged: it ends at byte ${offset + got}, a chunk needs ${offset + length}`, path);
      return out;
    });
  }

  /** Reads and checks a whole pack's header (for `tiers status` and the promote of a pack). */
  header(pack: string): PackHeader {
    const hit = this.headers.get(pack);
    if (hit) return hit;
    return this.withPack(pack, (fd, path) => {
      const header = readHeader(fd, path);
      this.headers.set(pack, header);
      return header;
    });
  }

  /** Opens a pack for `use` and closes it after; a file that cannot be opened or read is the tier down, damage is damage. */
  private withPack<T>(pack: string, use: (fd: number, path: string) => T): T {
    const path = join(this.dir, pack);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      throw this.unavailable(err, `cannot read pack ${pack}`);
    }
    try {
      return use(fd, path);
    } catch (err) {
      if (err instanceof LifeboatError) throw err;
      throw this.unavailable(err, `cannot read pack ${pack}`);
    } finally {
      closeSync(fd);
    }
  }

  /** Pack file names in the folder (temp files and anything else left out). */
  packs(): string[] {
    try {
      return readdirSync(this.dir).filter((n) => FOLDER_PACK.test(n)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw this.unavailable(err, 'cannot be listed');
    }
  }

  /** Removes a pack nothing points into any more (garbage, not damage: its chunks live elsewhere). */
  remove(packs: string[]): void {
    if (packs.length === 0) return;
    for (const p of packs) {
      try {
        unlinkSync(join(this.dir, p));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw this.unavailable(err, `cannot remove pack ${p}`);
      }
      this.headers.delete(p);
    }
    fsyncDir(this.dir);
  }

  /** Throws an `unavailable` when the folder cannot be listed and read (missing is fine only when it should hold nothing). */
  probe(holdsChunks: boolean): void {
    try {
      accessSync(this.dir, constants.R_OK | constants.X_OK);
      readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !holdsChunks) return;
      throw this.unavailable(err, 'cannot be read');
    }
  }

  private unavailable(err: unknown, what: string): LifeboatError {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const why = code === 'ENOENT' ? 'it is missing (unmounted, moved or deleted?)' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
    return new LifeboatError('unavailable', `the cold tier ${what}: ${why}`, this.dir, { tier: 'cold', code });
  }
}

function readHeader(fd: number, path: string): PackHeader {
  const size = fstatSync(fd).size;
  const prefix = Buffer.alloc(PACK_PREFIX);
  readSync(fd, prefix, 0, PACK_PREFIX, 0);
  const span = headerSpan(prefix, path);
  if (span > size) throw new LifeboatError('verification_failed', 'cold pack is damaged: it ends inside its header', path);
  const head = Buffer.alloc(span);
  readSync(fd, head, 0, span, 0);
  return parsePackHeader(head, size, path);
}
