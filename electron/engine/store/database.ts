// Opening lifeboat.db: WAL, synchronous=FULL, foreign keys, a busy timeout, a quick_check, and
// migrations. Errors are classified so the caller can say what went wrong and what to do.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { appliedMigrations, CODE_SCHEMA_VERSION, migrate } from './migrations/migrate';
import { registerStateFunctions } from '../checkpoints/state-hash';
import { identify } from './identity';
import { attachAuditKey } from '../audit/audit-key';
import { explainError } from './io-errors';

export interface OpenOptions {
  readonly?: boolean;
  /** Skip migrations (read-only opens of an older database still work for reading). */
  migrate?: boolean;
  /** Skip the quick_check (default: run it). */
  quickCheck?: boolean;
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw classify(err, path);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Before anything that writes (journal_mode writes the header): never touch another program's file.
    const identity = identify(db, path);
    if (identity === 'empty' && options.readonly) {
      throw new LifeboatError('bad_request', 'the database is empty: no Lifeboat desk was ever written to it', path);
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // REPLACE deletes rows without firing delete triggers unless this is on, and the state hash
    // must see every delete.
    db.pragma('recursive_triggers = ON');
    registerStateFunctions(db);
    if (options.quickCheck !== false) quickCheck(db, path);
    if (!options.readonly && options.migrate !== false) migrate(db, path);
    if (options.readonly && options.migrate !== false) {
      const applied = appliedMigrations(db);
      const version = applied[applied.length - 1]?.version ?? 0;
      if (version < CODE_SCHEMA_VERSION) {
        throw new LifeboatError(
          'conflict',
          `this state folder has schema ${version}; this Lifeboat needs ${CODE_SCHEMA_VERSION}. Open it for writing once (start the console, or run a write command such as \`lifeboat checkpoint create\`) to upgrade it`,
          path,
        );
      }
    }
    if (options.migrate !== false) attachAuditKey(db, path, options.readonly ? 'read' : 'write');
    return db;
  } catch (err) {
    db.close();
    throw err instanceof LifeboatError ? err : classify(err, path);
  }
}

/**
 * A second, read-only connection to a database the engine has open already (a worker thread's):
 * the engine's own open checked and migrated the file, so this one does neither (a quick_check
 * of a large desk costs more than the work a worker is sent to do).
 */
export function openReader(path: string): Db {
  return openDatabase(path, { readonly: true, migrate: false, quickCheck: false });
}

function quickCheck(db: Db, path: string): void {
  const check = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  if (check.length !== 1 || check[0].quick_check !== 'ok') {
    throw new LifeboatError('verification_failed', `quick_check found damage: ${check.slice(0, 5).map((r) => r.quick_check).join('; ')}`, path);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function classify(err: unknown, path: string): LifeboatError {
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  if (code === 'SQLITE_NOTADB') {
    return new LifeboatError('verification_failed', `not an SQLite database, or its header is damaged (${message})`, path);
  }
  if (code === 'SQLITE_CORRUPT') {
    return new LifeboatError('verification_failed', `the database is damaged (${message})`, path);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new LifeboatError('locked', `the database is busy in another process (${message})`, path);
  }
  if (code === 'SQLITE_CANTOPEN') {
    const folder = [path, `${path}-wal`, `${path}-shm`].find((p) => isFolder(p));
    if (folder) return new LifeboatError('bad_request', `${basename(folder)} is a folder where SQLite needs its file; move it out of the state folder`, folder);
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new LifeboatError('bad_request', `cannot open the database (${message})`, path);
  }
  return explainError(err, path);
}
