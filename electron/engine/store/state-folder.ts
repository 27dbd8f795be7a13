// The state folder: lifeboat.db, inbox/, exports/, cold/ and the lease file.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { homedir, platform } from 'node:os';
import { LifeboatError } from '../../../shared/result';

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
    throw new LifeboatError('bad_request', `no ${DB_FILE} in this folder; is it a Lifeboat state folder?`, paths.dir);
  }
  return paths;
}

/** Creates the folder layout where missing; used by commands that write. */
export function ensureStateFolder(dir: string): StateFolder {
  const paths = stateFolderPaths(dir);
  if (existsSync(paths.dir) && !statSync(paths.dir).isDirectory()) {
    throw new LifeboatError('bad_request', 'not a folder', paths.dir);
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
