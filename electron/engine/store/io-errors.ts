// Turns what the file system and SQLite throw into errors a person can act on: the condition named
// ("the disk is full: 4,096 bytes free in /srv/desk"), the file it happened to, no stack trace.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { LifeboatError } from '../../../shared/result';

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'is a folder, where a file was expected',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such file or folder',
  EIO: 'an I/O error (the disk or its connection failed)',
  EMFILE: 'too many open files in this process',
  ENAMETOOLONG: 'the path is too long',
};

/** Bytes free to this user on the file system holding `path`, or null where it cannot be told. */
export function bytesFree(path: string): number | null {
  for (let p = path; ; p = dirname(p)) {
    try {
      const s = statfsSync(p);
      return Number(s.bavail) * Number(s.bsize);
    } catch {
      if (dirname(p) === p) return null;
    }
  }
}

export function diskFull(path: string): LifeboatError {
  const free = bytesFree(path);
  const dir = dirname(path);
  const amount = free === null ? 'no room' : `${free.toLocaleString('en-US')} bytes free`;
  return new LifeboatError('conflict', `the disk is full: ${amount} in ${dir}. Free some space and try again`, path);
}

/** Less room than this, and an I/O error is taken for what it almost surely is: a full disk. */
const NEARLY_FULL = 1024 * 1024;

const sqliteCode = (err: unknown): string | null => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
};

/** SQLite's "another connection holds the lock": worth a retry, unlike anything else it says. */
export function isBusy(err: unknown): boolean {
  const code = sqliteCode(err);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * A LifeboatError for anything thrown: LifeboatErrors pass through, file-system and SQLite errors
 * are named, and anything else is an internal error carrying its message only.
 */
export function explainError(err: unknown, where?: string): LifeboatError {
  if (err instanceof LifeboatError) return err;
  const e = err as NodeJS.ErrnoException;
  const path = typeof e?.path === 'string' ? e.path : where;
  const sqlite = sqliteCode(err);
  if (sqlite) {
    if (sqlite === 'SQLITE_FULL') return diskFull(where ?? '.');
    // SQLite often sees a full disk as an I/O error (growing the -shm or -wal file): look.
    if (sqlite.startsWith('SQLITE_IOERR') && where && (bytesFree(where) ?? Infinity) < NEARLY_FULL) return diskFull(where);
    if (sqlite.startsWith('SQLITE_IOERR')) {
      return new LifeboatError('internal', `an I/O error on the database (${sqlite}): the disk, its connection or the file beside it failed. Nothing was changed`, where);
    }
    if (sqlite === 'SQLITE_READONLY' || sqlite.startsWith('SQLITE_READONLY_')) {
      return new LifeboatError('conflict', `the database cannot be written (${sqlite}): the file or its folder is read-only`, where);
    }
    if (sqlite === 'SQLITE_CORRUPT' || sqlite === 'SQLITE_NOTADB') {
      return new LifeboatError('verification_failed', `the database is damaged (${e.message})`, where);
    }
    if (sqlite === 'SQLITE_BUSY' || sqlite === 'SQLITE_LOCKED') {
      return new LifeboatError('locked', `the database is busy in another process (${e.message})`, where);
    }
    return new LifeboatError('internal', `SQLite refused: ${e.message} (${sqlite})`, where);
  }
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === 'ENOSPC' || code === 'EDQUOT') return diskFull(path ?? '.');
  if (FS_REASONS[code]) return new LifeboatError(code === 'EIO' ? 'internal' : 'bad_request', `${FS_REASONS[code]} (${e.syscall ?? 'file'} ${code})`, path);
  return new LifeboatError('internal', err instanceof Error ? err.message : String(err), where);
}
