// The durable steps of a folder destination's writes, async: folders made and their parents
// fsynced, a temp file written and fsynced, then published by rename (replace) or by link (create
// only: link(2) fails with EEXIST when the name exists, so of two racing creators exactly one wins).
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative, sep } from 'node:path';

/** Temp files start with '.', which no key part does: listing skips them, no key can name one. */
export const isTempName = (name: string): boolean => name.startsWith('.');

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes `dir` and the folders between `root` and it, each one durable (its parent fsynced).
 * `root` itself must exist: a missing root fails with ENOENT.
 */
export async function makeFoldersDurably(root: string, dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  let current = root;
  for (const part of relative(root, dir).split(sep).filter(Boolean)) {
    const parent = current;
    current = join(current, part);
    try {
      await mkdir(current);
      await fsyncDir(parent);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** Writes `data` to a new temp file beside `path`, fsynced; returns the temp file's path. */
export async function writeTemp(path: string, data: Uint8Array): Promise<string> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    let offset = 0;
    while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw err;
  }
  await handle.close();
  return temp;
}

/**
 * Publishes a fsynced temp file as `path`, then fsyncs the folder. `createOnly`: by link, so an
 * existing `path` fails with EEXIST and is left as it was; otherwise by rename, replacing it.
 * The temp file is gone afterwards either way.
 */
export async function publish(temp: string, path: string, createOnly: boolean): Promise<void> {
  try {
    if (createOnly) await link(temp, path);
    else await rename(temp, path);
  } finally {
    // After a link the temp name is a second name to drop; after a rename it is there only when
    // the rename failed.
    await unlink(temp).catch(() => {});
  }
  await fsyncDir(dirname(path));
}
