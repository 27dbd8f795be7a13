// Breaking a lock that nothing here can prove dead: a holder on another host (a container that was
// restarted under a new name, a machine that is gone). A person says so; the break is audited with
// the holder it removed. A holder running on this host is never broken: stop it instead.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import { openDatabase } from './database';
import { acquireLease, describeHolder, holderIsAlive, LOCK_FILE, readLease, takeOverStale, type LeaseInfo } from './lease';
import { requireStateFolder } from './state-folder';

export interface LockBreak {
  broken: LeaseInfo;
  auditSeq: number;
}

/** The lock as it stands, and whether this host can tell its holder is alive. */
export function lockStatus(stateDir: string): { holder: LeaseInfo | null; alive: boolean | null; sameHost: boolean } {
  const holder = readLease(requireStateFolder(stateDir).dir);
  if (!holder) return { holder: null, alive: null, sameHost: false };
  const sameHost = holder.host === hostname();
  return { holder, alive: sameHost ? holderIsAlive(holder) : null, sameHost };
}

export function breakLock(stateDir: string, reason: string | null): LockBreak {
  const paths = requireStateFolder(stateDir);
  const lockPath = join(paths.dir, LOCK_FILE);
  const holder = readLease(paths.dir);
  if (!holder) throw new LifeboatError('not_found', 'there is no lock to break: nobody holds this state folder', lockPath);
  if (holder.host === hostname() && holderIsAlive(holder)) {
    throw new LifeboatError('locked', `the lock is held by a running process on this host, ${describeHolder(holder)}: stop it rather than break its lock`, paths.dir, holder);
  }
  // Moves the lock aside only if it is still the one judged here.
  takeOverStale(paths.dir, lockPath, holder);
  const lease = acquireLease(paths.dir, 'lock break');
  try {
    const db = openDatabase(paths.db);
    try {
      const entry = db.transaction(() =>
        appendAudit(db, 'lease.broken', {
          holder: { pid: holder.pid, host: holder.host, purpose: holder.purpose, startedAt: holder.startedAt },
          reason,
        }),
      )();
      return { broken: holder, auditSeq: entry.seq };
    } finally {
      db.close();
    }
  } finally {
    lease.release();
  }
}
