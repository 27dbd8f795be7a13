// A backup destination on a folder (local disk, USB drive, NFS/SMB mount): one file per key under
// the folder, '/' in a key being a subfolder. The folder itself must exist — a missing one is a
// mount gone or a typo, never something to create quietly. Writes are durable and appear whole
// (durable-files.ts).
import { open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LifeboatError } from '../../../../shared/result';
import type { Destination, ObjectInfo, PutOptions } from './destination';
import { fsyncDir, isTempName, makeFoldersDurably, publish, writeTemp } from './durable-files';
import { errnoCode, folderError } from './folder-errors';
import { atKey, checkKey, checkPrefix, checkRange, shortRange } from './keys';

export class FolderDestination implements Destination {
  readonly where: string;

  constructor(private readonly root: string) {
    this.where = `folder ${root}`;
  }

  async put(key: string, data: Buffer, options: PutOptions = {}): Promise<void> {
    checkKey(this.where, key);
    const path = this.pathOf(key);
    const at = atKey(this.where, key);
    try {
      await makeFoldersDurably(this.root, join(path, '..'));
      const temp = await writeTemp(path, data);
      await publish(temp, path, options.ifAbsent === true);
    } catch (err) {
      if (errnoCode(err) === 'EEXIST' && options.ifAbsent) throw new LifeboatError('conflict', `${key} already exists (asked to create it only if absent)`, at);
      throw await this.explain(err, key, path, `write ${key}`, false);
    }
  }

  async get(key: string): Promise<Buffer> {
    checkKey(this.where, key);
    const path = this.pathOf(key);
    try {
      return await readFile(path);
    } catch (err) {
      throw await this.explain(err, key, path, `read ${key}`, true);
    }
  }

  async getRange(key: string, offset: number, length: number): Promise<Buffer> {
    checkKey(this.where, key);
    const at = atKey(this.where, key);
    checkRange(at, offset, length);
    const path = this.pathOf(key);
    try {
      const handle = await open(path, 'r');
      try {
        const size = (await handle.stat()).size;
        if (offset + length > size) throw shortRange(at, offset, length, size);
        const out = Buffer.alloc(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(out, done, length - done, offset + done);
          if (bytesRead === 0) throw shortRange(at, offset, length, offset + done);
          done += bytesRead;
        }
        return out;
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw await this.explain(err, key, path, `read ${key}`, true);
    }
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    checkKey(this.where, key);
    const path = this.pathOf(key);
    try {
      const s = await stat(path);
      return s.isFile() ? { key, size: s.size } : null;
    } catch (err) {
      if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') {
        await this.mustExist();
        return null;
      }
      throw await this.explain(err, key, path, `look at ${key}`, true);
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    checkPrefix(this.where, prefix);
    // Walk only the folder the prefix names whole ("data/a" → data/), then keep what starts with it.
    const base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const out: ObjectInfo[] = [];
    await this.walk(base, prefix, out);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    checkKey(this.where, key);
    const path = this.pathOf(key);
    try {
      await unlink(path);
      await fsyncDir(join(path, '..'));
    } catch (err) {
      if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return this.mustExist();
      throw await this.explain(err, key, path, `delete ${key}`, false);
    }
  }

  async close(): Promise<void> {
    // No handle outlives a call.
  }

  private pathOf(key: string): string {
    return join(this.root, ...key.split('/'));
  }

  /** Files under `dir` (a key prefix ending in '/', or '') whose key starts with `prefix`. */
  private async walk(dir: string, prefix: string, out: ObjectInfo[]): Promise<void> {
    const path = join(this.root, ...dir.split('/').filter(Boolean));
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (err) {
      if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return this.mustExist();
      throw folderError(err, `${this.where}, folder ${dir || '/'}`, path, `list ${dir || 'the folder'}`);
    }
    // The sizes and subfolders are asked for all at once: one at a time, a repository of a few
    // thousand files took tens of milliseconds to list, on every backup.
    await Promise.all(
      entries.map(async (entry) => {
        if (isTempName(entry.name)) return;
        const key = `${dir}${entry.name}`;
        if (entry.isDirectory()) {
          if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await this.walk(`${key}/`, prefix, out);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          try {
            out.push({ key, size: (await stat(join(path, entry.name))).size });
          } catch (err) {
            if (errnoCode(err) !== 'ENOENT') throw folderError(err, atKey(this.where, key), join(path, entry.name), `list ${key}`);
            // deleted while we listed: not there
          }
        }
      }),
    );
  }

  /** The folder itself is there (a missing one is `not_found` naming it, not an empty listing). */
  private async mustExist(): Promise<void> {
    try {
      if ((await stat(this.root)).isDirectory()) return;
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT' && errnoCode(err) !== 'ENOTDIR') throw folderError(err, this.where, this.root, 'open the folder');
    }
    throw this.gone();
  }

  private gone(): LifeboatError {
    return new LifeboatError('not_found', `the backup folder ${this.root} does not exist (not mounted, moved, or mistyped?)`, this.where);
  }

  /**
   * folderError, where a missing file is the key missing (or the whole folder, when that is what
   * is gone); when `reading`, a key that names a folder or runs through a file is missing too.
   */
  private async explain(err: unknown, key: string, path: string, op: string, reading: boolean): Promise<LifeboatError> {
    if (err instanceof LifeboatError) return err;
    const code = errnoCode(err);
    const at = atKey(this.where, key);
    if (code === 'ENOENT' || (reading && (code === 'ENOTDIR' || code === 'EISDIR'))) {
      await this.mustExist();
      return new LifeboatError('not_found', `no object ${key} in ${this.root}`, at);
    }
    return folderError(err, at, path, op);
  }
}
