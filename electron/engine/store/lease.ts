// The single-writer lease: `lifeboat.lock` names the process that may write the state folder
// (pid, host, start time). A holder that has died is detected and its lease taken over, never obeyed.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, linkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LifeboatError } from '../../../shared/result';
import { fsyncDir } from './atomic-file';
import { explainError } from './io-errors';

export const LOCK_FILE = 'lifeboat.lock';

export interface LeaseInfo {
  pid: number;
  host: string;
  /** When the holder took the lease (UTC). */
  startedAt: string;
  /** The kernel's start time of the holder process, to tell a reused pid from the holder. */
  processStart: string | null;
  /** What the holder is doing, e.g. "serve" or "simulate". */
  purpose: string;
  /** Set by a console that accepts forwarded commands. */
  api?: { url: string; token: string };
  nonce: string;
}

export interface Lease {
  readonly info: LeaseInfo;
  /** Rewrites the lease (e.g. to advertise the API once listening). */
  update(patch: Partial<Pick<LeaseInfo, 'api' | 'purpose'>>): void;
  release(): void;
}

/** The lease as written, or null when there is none or it is unreadable (a holder died writing it). */
export function readLease(stateDir: string): LeaseInfo | null {
  const path = join(stateDir, LOCK_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new LifeboatError('conflict', `${LOCK_FILE} is a folder, not a lock file; move it out of the state folder`, path);
    }
    return null;
  }
  try {
    return JSON.parse(text) as LeaseInfo;
  } catch {
    return null;
  }
}

/** Start time of a process as the kernel records it (Linux); null where unknown. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) follows the parenthesised command name, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the holder named in a lease is still running. Another host's holder is assumed alive: no
 * check from here can tell, and `lifeboat lock break` is the way to say it is gone.
 */
export function holderIsAlive(info: LeaseInfo): boolean {
  if (info.host !== hostname()) return true;
  if (!isAlive(info.pid)) return false;
  const start = processStartTime(info.pid);
  return info.processStart === null || start === null || start === info.processStart;
}

export function describeHolder(info: LeaseInfo): string {
  return `pid ${info.pid} on ${info.host} (${info.purpose}, since ${info.startedAt})`;
}

/** Why a lease blocks us, and what to do when it is another host's. */
export function heldMessage(info: LeaseInfo): string {
  const base = `state folder is held by ${describeHolder(info)}`;
  if (info.host === hostname()) return base;
  return `${base}. Lifeboat cannot tell from ${hostname()} whether a process on ${info.host} still runs; if ${info.host} is gone (a restarted container, say), break the lock with \`lifeboat lock break --yes\` (audited)`;
}

export function acquireLease(stateDir: string, purpose: string): Lease {
  const path = join(stateDir, LOCK_FILE);
  const info: LeaseInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    processStart: processStartTime(process.pid),
    purpose,
    nonce: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, info)) return makeLease(stateDir, path, info);
    const holder = readLease(stateDir);
    if (holder === null) {
      // Released between our two calls (try again), or left empty by a holder that died while
      // writing it (after a few tries, treat it as stale).
      if (attempt >= 2) takeOverStale(stateDir, path, null);
      continue;
    }
    if (holder.pid === process.pid && holder.host === info.host && holder.nonce !== info.nonce && holderIsAlive(holder)) {
      throw new LifeboatError('locked', `this process already holds the state folder (${describeHolder(holder)})`, stateDir);
    }
    if (holderIsAlive(holder)) throw new LifeboatError('locked', heldMessage(holder), stateDir, holder);
    takeOverStale(stateDir, path, holder);
  }
  throw new LifeboatError('locked', 'could not take the lease: it keeps changing hands', stateDir);
}

function tryCreate(path: string, info: LeaseInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw explainError(err, path);
  }
  try {
    writeSync(fd, JSON.stringify(info, null, 2) + '\n');
    fsyncSync(fd);
  } catch (err) {
    // A full disk, say: leave no empty lock behind for the next process to puzzle over.
    closeSync(fd);
    unlinkSync(path);
    throw explainError(err, path);
  }
  closeSync(fd);
  return true;
}

// Two processes may judge the same lease stale at once. Each moves the lock aside under its own
// name (rename is atomic) and checks it moved the stale lease it judged; if it moved a fresh one
// by mistake, it puts it back (link fails rather than overwrite a newer lock).
export function takeOverStale(stateDir: string, path: string, stale: LeaseInfo | null): void {
  const aside = join(stateDir, `.${LOCK_FILE}.stale-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  let moved: LeaseInfo | null = null;
  try {
    moved = JSON.parse(readFileSync(aside, 'utf8')) as LeaseInfo;
  } catch {
    moved = null;
  }
  if (moved && moved.nonce !== stale?.nonce) {
    try {
      linkSync(aside, path);
    } catch {
      // A newer lock exists already; the one we moved lost its race anyway.
    }
  }
  unlinkSync(aside);
  fsyncDir(stateDir);
}

function makeLease(stateDir: string, path: string, info: LeaseInfo): Lease {
  let released = false;
  const onExit = () => lease.release();
  const lease: Lease = {
    info,
    update(patch) {
      Object.assign(info, patch);
      const temp = `${path}.${info.nonce}.tmp`;
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(info, null, 2) + '\n');
        fsyncSync(fd);
      } catch (err) {
        closeSync(fd);
        unlinkSync(temp);
        throw explainError(err, path);
      }
      closeSync(fd);
      renameSync(temp, path);
      fsyncDir(stateDir);
    },
    release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      const current = readLease(stateDir);
      if (current && current.nonce === info.nonce) {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
    },
  };
  process.on('exit', onExit);
  return lease;
}
