// Restoring a snapshot into a folder. Everything is written into a new sibling folder first and
// renamed into place at the end, so the target is either untouched or wholly restored. A target
// that holds anything is refused unless `replace` is given — and then it is moved aside (kept, never
// deleted), so a wrong restore is undone by a rename. Paths from the snapshot are checked before
// anything is written: no absolute path, no `..`, nothing through a symlink.
import type { RestoreReport } from '../../../../shared/api/backups';
export type { RestoreReport };
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { LifeboatError } from '../../../../shared/result';
import { fsyncDir } from '../../store/atomic-file';
import { CODE_SCHEMA_VERSION } from '../../store/migrations/migrate';
import type { Tree } from '../capture/tree';
import { PackReader } from '../repository/pack-reader';
import type { BackupRepository, Location } from '../repository/repository';
import type { SnapshotRecord } from '../repository/snapshot-record';
import { rebuildDatabase } from './rebuild-database';

export interface RestoreOptions {
  dryRun?: boolean;
  /** Move a non-empty target aside (to `<target>.before-restore-<time>`) instead of refusing. */
  replace?: boolean;
  /** integrity_check and a reread of every live row (a test restore). */
  thorough?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { step: 'database' | 'files' | 'checking'; rows?: number; files?: number }) => void;
}


export async function restoreSnapshot(repository: BackupRepository, snapshot: SnapshotRecord, targetDir: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const started = Date.now();
  const target = resolve(targetDir);
  const index = await repository.loadIndex();
  const locate = locator(index.objects, snapshot, repository.where);
  const packs = new PackReader(repository);
  const read = async (id: string, what: string) => {
    if (options.signal?.aborted) throw new LifeboatError('cancelled', 'restore cancelled; the target was not touched', target);
    return packs.read(id, locate(id, what));
  };
  const tree = JSON.parse((await read(snapshot.tree, 'tree')).toString('utf8')) as Tree;
  for (const f of tree.files) checkPath(f.path);
  if (snapshot.schemaVersion > CODE_SCHEMA_VERSION) {
    throw new LifeboatError('conflict', `snapshot ${snapshot.id} is of a desk at schema ${snapshot.schemaVersion}, newer than this Lifeboat (${CODE_SCHEMA_VERSION}); use a newer Lifeboat`, snapshot.id);
  }
  const occupied = targetState(target);
  if (occupied === 'not-a-folder') throw new LifeboatError('bad_request', 'the restore target is a file, not a folder', target);
  if (occupied === 'symlink') throw new LifeboatError('bad_request', 'the restore target is a symbolic link; give the real folder', target);
  if (occupied === 'non-empty' && !options.replace) throw new LifeboatError('conflict', 'the restore target is not empty; choose an empty or new folder (or --replace to move what is there aside)', target);
  const bytes = tree.files.reduce((n, f) => n + f.size, 0);
  const rows = tree.db.tables.reduce((n, t) => n + t.rows, 0);
  const base = { snapshotId: snapshot.id, target, files: tree.files.length + 1, bytes, tables: tree.db.tables.length, expectedRoot: snapshot.rootHash };
  if (options.dryRun) return { ...base, dryRun: true, rows, restoredRoot: null, integrity: null, movedAside: null, seconds: (Date.now() - started) / 1000 };

  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const work = join(parent, `.lifeboat-restore-${basename(target)}-${randomBytes(4).toString('hex')}`);
  mkdirSync(work);
  try {
    options.onProgress?.({ step: 'database' });
    const rebuilt = await rebuildDatabase(join(work, 'lifeboat.db'), tree.db, read, { thorough: options.thorough, onRows: (n) => options.onProgress?.({ step: 'database', rows: n }) });
    if (rebuilt.integrity !== 'ok') throw new LifeboatError('verification_failed', `the rebuilt database fails integrity_check: ${rebuilt.integrity}`, join(target, 'lifeboat.db'));
    if (rebuilt.rootHash !== snapshot.rootHash) {
      throw new LifeboatError('verification_failed', `the rebuilt live state hashes to ${rebuilt.rootHash.slice(0, 12)}, but snapshot ${snapshot.id} recorded ${snapshot.rootHash.slice(0, 12)}`, target);
    }
    let done = 0;
    for (const file of tree.files) {
      await writeFile(work, file, read);
      options.onProgress?.({ step: 'files', files: ++done });
    }
    for (const sub of ['inbox', 'inbox/rejected', 'inbox/processed', 'exports', 'cold']) mkdirSync(join(work, sub), { recursive: true });
    fsyncTree(work);
    let movedAside: string | null = null;
    if (occupied === 'non-empty') {
      movedAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, movedAside);
    } else if (occupied === 'empty') {
      rmdirSync(target);
    }
    renameSync(work, target);
    fsyncDir(parent);
    return { ...base, dryRun: false, rows: rebuilt.rows, restoredRoot: rebuilt.rootHash, integrity: rebuilt.integrity, movedAside, seconds: (Date.now() - started) / 1000 };
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

/** Where each object of this snapshot is. Any copy will do: every copy authenticates against its id. */
function locator(objects: Map<string, Location>, snapshot: SnapshotRecord, where: string) {
  return (id: string, what: string): Location => {
    const at = objects.get(id);
    if (!at) throw new LifeboatError('verification_failed', `snapshot ${snapshot.id} needs object ${id.slice(0, 12)} (${what}), which no index file lists: the repository lost it`, where);
    return at;
  };
}

export function checkPath(path: string): void {
  const parts = path.split('/');
  if (!path || isAbsolute(path) || path.includes('\\') || path.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new LifeboatError('verification_failed', `snapshot names a file outside its folder ("${path}"); refusing to restore it`, path);
  }
}

function targetState(target: string): 'absent' | 'empty' | 'non-empty' | 'not-a-folder' | 'symlink' {
  if (!existsSync(target)) {
    try {
      if (lstatSync(target).isSymbolicLink()) return 'symlink';
    } catch {
      return 'absent';
    }
    return 'absent';
  }
  const st = lstatSync(target);
  if (st.isSymbolicLink()) return 'symlink';
  if (!st.isDirectory()) return 'not-a-folder';
  return readdirSync(target).length === 0 ? 'empty' : 'non-empty';
}

async function writeFile(root: string, file: Tree['files'][number], read: (id: string, what: string) => Promise<Buffer>): Promise<void> {
  const abs = join(root, ...file.path.split('/'));
  // The folders on the way are made here, fresh: none can be a symlink planted by anyone.
  let dir = root;
  for (const part of file.path.split('/').slice(0, -1)) {
    dir = join(dir, part);
    if (existsSync(dir) && !lstatSync(dir).isDirectory()) throw new LifeboatError('verification_failed', `snapshot puts ${file.path} under ${part}, which is not a folder`, file.path);
    mkdirSync(dir, { recursive: true });
  }
  const fd = openSync(abs, 'wx', file.mode & 0o777 || 0o644);
  let size = 0;
  try {
    for (const id of file.chunks) {
      const data = await read(id, file.path);
      let at = 0;
      while (at < data.length) at += writeSync(fd, data, at, data.length - at);
      size += data.length;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (size !== file.size) throw new LifeboatError('verification_failed', `restored ${size} bytes of ${file.path}, the snapshot says ${file.size}`, file.path);
}

function fsyncTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (lstatSync(abs).isDirectory()) fsyncTree(abs);
  }
  fsyncDir(dir);
}
