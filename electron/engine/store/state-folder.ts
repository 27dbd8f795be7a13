// The state folder: lifeboat.db, inbox/, exports/, cold/ and the lease file.
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { homedir, platform } from 'node:os';
import { LifeboatError } from '../../../shared/result';
import { holderIsAlive, LOCK_FILE, readLease } from './lease';

export const DB_FILE = 'lifeboat.db';
export const SUBFOLDERS = ['inbox', 'inbox/rejected', 'inbox/processed', 'exports', 'cold'] as const;

export interface StateFolder {
  dir: string;
  db: string;
  inbox: string;
  rejected: string;
  processed: string;
  exports: string;
}

export function stateFolderPaths(dir: string): StateFolder {
  const abs = resolve(dir);
  return {
    dir: abs,
    db: join(abs, DB_FILE),
    inbox: join(abs, 'inbox'),
    rejected: join(abs, 'inbox', 'rejected'),
    processed: join(abs, 'inbox', 'processed'),
    exports: join(abs, 'exports'),
  };
}

/** Checks a state folder exists and holds a database; used by commands that only read. */
export function requireStateFolder(dir: string): StateFolder {
  const paths = stateFolderPaths(dir);
  if (!existsSync(paths.dir)) {
    throw new LifeboatError('bad_request', 'state folder does not exist (create one with `lifeboat demo`)', paths.dir);
  }
  if (!statSync(paths.dir).isDirectory()) throw new LifeboatError('bad_request', 'not a folder', paths.dir);
  try {
    accessSync(paths.dir, constants.R_OK | constants.X_OK);
  } catch {
    throw new LifeboatError('bad_request', 'state folder is not readable', paths.dir);
  }
  if (!existsSync(paths.db)) {
    const traces = deskTraces(paths.dir);
    if (traces.length > 0) throw missingDatabase(paths, traces);
    throw new LifeboatError('bad_request', `no ${DB_FILE} in this folder; is it a Lifeboat state folder?`, paths.dir);
  }
  return paths;
}

/**
 * What in a folder shows that it has held a desk: files a Lifeboat database leaves beside it, or
 * work it produced. A folder with any of these and no lifeboat.db has lost its database, and
 * starting a fresh desk there would bury that.
 */
export function deskTraces(dir: string): string[] {
  const found: string[] = [];
  for (const file of [`${DB_FILE}-wal`, `${DB_FILE}-shm`, 'audit.key']) {
    if (existsSync(join(dir, file))) found.push(file);
  }
  // A live holder may be creating the database right now: the lease will say so. A dead one's lock
  // is a trace.
  const holder = existsSync(join(dir, LOCK_FILE)) ? readLease(dir) : undefined;
  if (holder === null || (holder && !holderIsAlive(holder))) found.push(LOCK_FILE);
  for (const sub of ['exports', 'inbox/processed', 'inbox/rejected', 'cold', 'demo-broker']) {
    const n = entries(join(dir, sub));
    if (n > 0) found.push(`${sub}/ (${n} ${n === 1 ? 'file' : 'files'})`);
  }
  return found;
}

function entries(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

export function missingDatabase(paths: StateFolder, traces: string[]): LifeboatError {
  return new LifeboatError(
    'conflict',
    `${DB_FILE} is missing from a state folder that has held a desk (found ${traces.join(', ')}). ` +
      'Lifeboat will not start a fresh desk over it: restore the database from a backup, or choose an empty folder',
    paths.db,
    { traces },
  );
}

/**
 * Creates the folder layout where missing; used by commands that write. With `newDesk`, refuses a
 * folder that lost its database (see deskTraces).
 */
export function ensureStateFolder(dir: string, options: { newDesk?: boolean } = {}): StateFolder {
  const paths = stateFolderPaths(dir);
  if (existsSync(paths.dir) && !statSync(paths.dir).isDirectory()) {
    throw new LifeboatError('bad_request', 'not a folder', paths.dir);
  }
  if (options.newDesk && existsSync(paths.dir) && !existsSync(paths.db)) {
    const traces = deskTraces(paths.dir);
    if (traces.length > 0) throw missingDatabase(paths, traces);
  }
  try {
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    for (const sub of SUBFOLDERS) mkdirSync(join(paths.dir, sub), { recursive: true });
    accessSync(paths.dir, constants.W_OK);
  } catch (err) {
    throw new LifeboatError('bad_request', `cannot create or write the state folder (${(err as Error).message})`, paths.dir);
  }
  return paths;
}

/** The folder the desktop app uses for its state: the same as Electron's app.getPath('userData'). */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LIFEBOAT_STATE) return resolve(env.LIFEBOAT_STATE);
  const home = homedir();
  const base =
    platform() === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : platform() === 'win32'
        ? env.APPDATA ?? join(home, 'AppData', 'Roaming')
        : env.XDG_CONFIG_HOME ?? join(home, '.config');
  return join(base, 'Lifeboat', 'state');
}
