// Reading a state folder that cannot be written (a mounted backup, a forensic copy): SQLite needs
// the WAL's -shm file beside the database even to read, and cannot make it there. So the database
// (with its WAL, if any) and the audit key are copied into a private temporary folder and read
// there; the folder itself is never touched. The copy is removed when the engine closes.
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_KEY_FILE } from '../audit/audit-key';
import type { StateFolder } from './state-folder';

export interface PrivateCopy {
  /** The copied lifeboat.db (the folder's own when it could be read in place). */
  db: string;
  /** What to tell the person reading: the folder is read-only, and what is shown. */
  reason: string;
  dispose(): void;
}

/** True when nothing can be written in `dir` (a read-only mount, or no write permission). */
export function folderIsReadOnly(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

export const readOnlyReason = (how: string) => `the state folder is read-only (a mounted backup or a copy?): ${how}; nothing can be changed here`;

/** `wal: false` leaves the WAL behind: the database file alone, as it was at its last checkpoint. */
export function privateCopy(paths: StateFolder, options: { wal?: boolean } = {}): PrivateCopy {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-read-only-'));
  try {
    const db = join(dir, 'lifeboat.db');
    copyFileSync(paths.db, db);
    // Committed transactions not yet folded into the database live in the WAL: they come too.
    if (options.wal !== false && existsSync(`${paths.db}-wal`)) copyFileSync(`${paths.db}-wal`, `${db}-wal`);
    const key = join(paths.dir, AUDIT_KEY_FILE);
    if (existsSync(key)) copyFileSync(key, join(dir, AUDIT_KEY_FILE));
    return {
      db,
      reason: readOnlyReason(`showing a private copy of it taken at ${new Date().toISOString()}`),
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
