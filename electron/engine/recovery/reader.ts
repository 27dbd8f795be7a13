// Opening the desk's database for the detectors without writing the state folder. SQLite makes a
// -wal and a -shm beside a WAL database even for a read-only connection, and leaves them: so unless
// a live holder has the desk open (its -wal and -shm are there, and SQLite's shared index keeps our
// reads consistent with its writes), the database is read from a scratch copy in the temp folder.
// A copy whose WAL makes it unreadable or damaged is tried again without the WAL, so a foreign or
// broken log is told apart from a damaged database. Every failure is classified, never thrown.
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { openDatabase } from '../store/database';
import { explainError } from '../store/io-errors';
import { privateCopy, type PrivateCopy } from '../store/read-only-copy';
import type { StateFolder } from '../store/state-folder';
import type { FolderFacts } from './folder-facts';

export interface OpenAttempt {
  /** What was opened: the database in place, or a scratch copy with or without its -wal. */
  what: 'in place' | 'a scratch copy with its -wal' | 'a scratch copy without its -wal' | 'a scratch copy';
  withWal: boolean;
  opened: boolean;
  /** Why it would not open: SQLite's words, classified. */
  error: { code: string; message: string } | null;
  /** quick_check's findings, a line each ([] when it passed); null when it did not open. */
  quickCheck: string[] | null;
  /** The tables and indexes quick_check named (by their b-tree's root page). */
  damagedObjects: string[];
}

export interface OpenFacts {
  file: string;
  exists: boolean;
  attempts: OpenAttempt[];
  /** The attempt the detectors read through (index into attempts), or null when none opened. */
  used: number | null;
  /** Why no scratch copy could be made (no room in the temp folder, say), if so. */
  copyError: string | null;
}

export interface DeskReader {
  db: Database | null;
  open: OpenFacts;
  /** How the detectors read the database, for the report. */
  readFrom: string | null;
  close(): void;
}

const QUICK_CHECK_LINES = 20;

function describe(err: unknown, where: string): { code: string; message: string } {
  const e = err instanceof LifeboatError ? err : explainError(err, where);
  return { code: e.code, message: e.reason };
}

/** Opens `path` read-only, never migrating, and runs quick_check; keeps the connection when it opened. */
function attempt(path: string, what: OpenAttempt['what'], withWal: boolean): { attempt: OpenAttempt; db: Database | null } {
  let db: Database;
  try {
    db = openDatabase(path, { readonly: true, migrate: false, quickCheck: false });
  } catch (err) {
    return { attempt: { what, withWal, opened: false, error: describe(err, path), quickCheck: null, damagedObjects: [] }, db: null };
  }
  let quickCheck: string[];
  try {
    const rows = db.pragma(`quick_check(${QUICK_CHECK_LINES})`) as { quick_check: string }[];
    const lines = rows.flatMap((r) => r.quick_check.split('\n')).filter((l) => l !== '' && !l.startsWith('*** in database'));
    quickCheck = lines.length === 1 && lines[0] === 'ok' ? [] : lines;
  } catch (err) {
    quickCheck = [describe(err, path).message];
  }
  return { attempt: { what, withWal, opened: true, error: null, quickCheck, damagedObjects: namedTrees(db, quickCheck) }, db };
}

/** "Tree 37 page 239: ..." names a b-tree by its root page: the table or index it is, where sqlite_master still says. */
function namedTrees(db: Database, lines: string[]): string[] {
  const roots = [...new Set(lines.map((l) => /^Tree (\d+) /.exec(l)?.[1]).filter((r): r is string => r !== undefined))];
  const names = new Set<string>();
  for (const root of roots) {
    try {
      const name = db.prepare('SELECT name FROM sqlite_master WHERE rootpage = ?').pluck().get(Number(root)) as string | undefined;
      names.add(name ?? `b-tree ${root}`);
    } catch {
      names.add(`b-tree ${root}`);
    }
  }
  return [...names];
}

const sound = (a: OpenAttempt) => a.opened && a.quickCheck !== null && a.quickCheck.length === 0;

export function openDeskReader(paths: StateFolder, folder: FolderFacts): DeskReader {
  const open: OpenFacts = { file: paths.db, exists: folder.db !== null, attempts: [], used: null, copyError: null };
  const connections: (Database | null)[] = [];
  const copies: PrivateCopy[] = [];
  const close = () => {
    for (const db of connections) db?.close();
    for (const c of copies) c.dispose();
  };
  const tryOpen = (path: string, what: OpenAttempt['what'], withWal: boolean) => {
    const r = attempt(path, what, withWal);
    open.attempts.push(r.attempt);
    connections.push(r.db);
    return r.attempt;
  };
  const copy = (wal: boolean): PrivateCopy | null => {
    try {
      const c = privateCopy(paths, { wal });
      copies.push(c);
      return c;
    } catch (err) {
      open.copyError = describe(err, paths.db).message;
      return null;
    }
  };

  if (open.exists) {
    const holderRuns = folder.lease.state === 'held' && folder.lease.alive;
    // In place only where SQLite will create nothing: a live holder's -wal and -shm are both there.
    // Opened so, it is what the holder sees, damage included: a copy taken under its writes would not be.
    const inPlace = holderRuns && folder.wal && folder.shm ? tryOpen(paths.db, 'in place', true) : null;
    if (!inPlace?.opened) {
      const hasWal = folder.wal !== null && folder.wal.size > 0;
      const first = copy(true);
      if (first) tryOpen(first.db, hasWal ? 'a scratch copy with its -wal' : 'a scratch copy', hasWal);
      if (hasWal && !open.attempts.some(sound)) {
        const bare = copy(false);
        if (bare) tryOpen(bare.db, 'a scratch copy without its -wal', false);
      }
    }
  }
  // Read through the first sound attempt; else the first that opened at all (damaged, but readable in part).
  const soundAt = open.attempts.findIndex(sound);
  const openedAt = open.attempts.findIndex((a) => a.opened);
  open.used = soundAt >= 0 ? soundAt : openedAt >= 0 ? openedAt : null;
  const used = open.used === null ? null : open.attempts[open.used];
  return {
    db: open.used === null ? null : connections[open.used],
    open,
    readFrom: used ? (used.what === 'in place' ? 'lifeboat.db in place (a live holder has it open)' : used.what.replace('a scratch copy', 'a scratch copy of lifeboat.db')) : null,
    close,
  };
}
