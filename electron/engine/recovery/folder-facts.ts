// What the state folder shows without opening the database: its files (the database, its -wal and
// -shm, read byte by byte), the lease and whether its holder runs, and free space. Read once per
// doctor run; nothing here writes, and nothing here takes the lease.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { holderIsAlive, LOCK_FILE, readLease, type LeaseInfo } from '../store/lease';
import { bytesFree } from '../store/io-errors';
import { deskTraces, type StateFolder } from '../store/state-folder';
import { parseDbHeader, parseShm, scanWal, type DbHeader, type ShmIndex, type WalScan } from './sqlite-files';

export interface FileFacts {
  file: string;
  size: number;
  modifiedAt: string;
}

export type LeaseFacts =
  | { state: 'none' }
  | { state: 'unreadable'; file: string; reason: string }
  | { state: 'held'; file: string; holder: LeaseInfo; sameHost: boolean; alive: boolean };

export interface FolderFacts {
  dir: string;
  db: (FileFacts & { header: DbHeader | null }) | null;
  /** Read only when there is no database: what shows the folder held a desk. */
  traces: string[];
  wal: (FileFacts & { scan: WalScan }) | null;
  shm: (FileFacts & { index: ShmIndex | null }) | null;
  lease: LeaseFacts;
  /** Bytes free to this user on the folder's file system; null where it cannot be told. */
  freeBytes: number | null;
}

function fileFacts(path: string): FileFacts | null {
  try {
    const st = statSync(path);
    if (!st.isFile()) return null;
    return { file: path, size: st.size, modifiedAt: st.mtime.toISOString() };
  } catch {
    return null;
  }
}

/** What `use` reads of the file; null when the file cannot be read (permissions, an I/O error). */
function withFile<T>(path: string, use: (read: (offset: number, length: number) => Buffer) => T): T | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    return use((offset, length) => {
      const buf = Buffer.alloc(length);
      const n = readSync(fd, buf, 0, length, offset);
      return buf.subarray(0, n);
    });
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function leaseFacts(paths: StateFolder): LeaseFacts {
  const file = join(paths.dir, LOCK_FILE);
  if (!fileFacts(file)) {
    try {
      if (statSync(file).isDirectory()) return { state: 'unreadable', file, reason: `${LOCK_FILE} is a folder, not a lock file` };
    } catch {
      // no lock at all
    }
    return { state: 'none' };
  }
  const holder = readLease(paths.dir);
  if (!holder) return { state: 'unreadable', file, reason: 'it is empty or not the JSON a holder writes' };
  const sameHost = holder.host === hostname();
  return { state: 'held', file, holder, sameHost, alive: holderIsAlive(holder) };
}

function traces(dir: string): string[] {
  try {
    return deskTraces(dir);
  } catch {
    return []; // a lock path that is a folder, say: the lease facts name it
  }
}

export function gatherFolderFacts(paths: StateFolder): FolderFacts {
  const db = fileFacts(paths.db);
  const walFile = fileFacts(`${paths.db}-wal`);
  const shmFile = fileFacts(`${paths.db}-shm`);
  return {
    dir: paths.dir,
    db: db && { ...db, header: withFile(paths.db, (read) => parseDbHeader(read(0, 100))) },
    traces: db ? [] : traces(paths.dir),
    wal: walFile && { ...walFile, scan: withFile(walFile.file, (read) => scanWal(read, walFile.size)) ?? { problem: 'it cannot be read', pageSize: 0, committedFrames: 0, commits: 0, ignoredFrames: 0, page1ApplicationIds: [] } },
    shm: shmFile && { ...shmFile, index: withFile(shmFile.file, (read) => parseShm(read(0, 136))) },
    lease: leaseFacts(paths),
    freeBytes: bytesFree(paths.dir),
  };
}
