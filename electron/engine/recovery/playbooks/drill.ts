// A drill: the playbook run for practice on a copy. The state folder is copied into a sandbox in
// the temp folder (the lease file left out), the fault is injected there (64 KiB overwritten in the
// middle of the sandbox's lifeboat.db), and the playbook runs on the sandbox with every step
// allowed. The live desk is only read (the backup repository too); RTO and RPO are what it measured.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, fstatSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { LifeboatError } from '../../../../shared/result';
import { LOCK_FILE, type LeaseInfo } from '../../store/lease';
import { requireStateFolder } from '../../store/state-folder';

export const DRILL_BYTES = 64 * 1024;

/** Overwrites `bytes` in the middle of a file with random bytes (fsynced): the drill's fault. */
export function injectDamage(file: string, bytes = DRILL_BYTES): { offset: number; bytes: number } {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size < bytes * 2) throw new LifeboatError('bad_request', `the database is ${size} bytes, too small to damage ${bytes} bytes in its middle`, file);
    // On a page boundary (4 KiB): whole pages, as a failed disk sector range would be.
    const offset = Math.floor((size / 2 - bytes / 2) / 4096) * 4096;
    writeSync(fd, randomBytes(bytes), 0, bytes, offset);
    return { offset, bytes };
  } finally {
    closeSync(fd);
  }
}

/** Copies the live folder into a new sandbox; returns the sandbox's state folder. */
export function drillSandbox(stateDir: string): { dir: string; dispose(): void } {
  const paths = requireStateFolder(stateDir);
  const root = mkdtempSync(join(tmpdir(), 'lifeboat-drill-'));
  const dir = join(root, basename(paths.dir));
  cpSync(paths.dir, dir, { recursive: true, filter: (src) => basename(src) !== LOCK_FILE || src !== join(paths.dir, LOCK_FILE) });
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** The unclean-shutdown drill's fault: a lease naming a process of this host that has exited (a real pid, now dead). */
export function injectDeadHolder(dir: string): { pid: number } {
  const child = spawnSync(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  const info: LeaseInfo = { pid, host: hostname(), startedAt: new Date().toISOString(), processStart: null, purpose: 'drill: a holder that died', nonce: 'drill' };
  writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return { pid };
}

/** The lost-wal drill's fault: a -shm left beside lifeboat.db without its -wal (what a reader leaves, the log then deleted). */
export function injectOrphanShm(dir: string): { shm: string } {
  const db = join(dir, 'lifeboat.db');
  const reader = new Database(db, { readonly: true });
  reader.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  reader.close();
  rmSync(`${db}-wal`, { force: true });
  return { shm: `${db}-shm` };
}
