// The repository lock: a lease that never needs a manual unlock. A holder writes locks/<id>
// (who, since when, exclusive or shared) and rewrites it every REFRESH_MS while it works. A lock
// is stale — and taken over, said out loud — when its holder is a process on this host that is
// gone, or when a holder elsewhere has not refreshed it for STALE_MS. Backups and prunes hold it
// exclusively (never two backups of one destination at once); verify and restore share it.
//
// Two takers racing both write their lock, list again, and the earlier (time, then id) wins; the
// other removes its own and reports the holder.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { LifeboatError } from '../../../../shared/result';
import { holderIsAlive, processStartTime } from '../../store/lease';
import type { Destination } from '../destinations/destination';

export const REFRESH_MS = 15_000;
export const STALE_MS = 120_000;

const LockRecord = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number(),
  processStart: z.string().nullable(),
  purpose: z.string(),
  exclusive: z.boolean(),
  createdAt: z.string(),
  refreshedAt: z.string(),
});
export type LockRecord = z.infer<typeof LockRecord>;

const lockKey = (id: string) => `locks/${id}`;

/** Why a lock no longer holds, or null while it does (pure: the caller gives the time). */
export function staleReason(lock: LockRecord, nowMs: number, alive: (l: LockRecord) => boolean): string | null {
  if (lock.host === hostname() && !alive(lock)) return `its holder, pid ${lock.pid} on this host, is gone`;
  const quiet = nowMs - Date.parse(lock.refreshedAt);
  if (!(quiet <= STALE_MS)) return `its holder on ${lock.host} has not refreshed it for ${Math.round(quiet / 1000)} s (a lock is stale after ${STALE_MS / 1000} s)`;
  return null;
}

const isAlive = (l: LockRecord) => holderIsAlive({ host: l.host, pid: l.pid, processStart: l.processStart } as Parameters<typeof holderIsAlive>[0]);

export interface TakenOver {
  lock: LockRecord;
  reason: string;
}

export class RepositoryLock {
  private timer: NodeJS.Timeout | null = null;
  /** The last refresh that failed, if one did: the holder should stop. */
  lost: unknown = null;

  private constructor(
    private readonly destination: Destination,
    readonly record: LockRecord,
    /** Stale locks this one replaced. */
    readonly tookOver: TakenOver[],
  ) {}

  static async take(destination: Destination, purpose: string, exclusive: boolean, now = () => Date.now()): Promise<RepositoryLock> {
    const tookOver: TakenOver[] = [];
    const live: LockRecord[] = [];
    for (const lock of await readLocks(destination)) {
      const reason = staleReason(lock, now(), isAlive);
      if (reason) {
        await destination.delete(lockKey(lock.id));
        tookOver.push({ lock, reason });
      } else live.push(lock);
    }
    const blocking = live.find((l) => l.exclusive || exclusive);
    if (blocking) throw held(destination, blocking);
    const at = new Date(now()).toISOString();
    const record: LockRecord = { id: `${at.replace(/[-:.TZ]/g, '')}-${randomBytes(4).toString('hex')}`, host: hostname(), pid: process.pid, processStart: processStartTime(process.pid), purpose, exclusive, createdAt: at, refreshedAt: at };
    await destination.put(lockKey(record.id), Buffer.from(JSON.stringify(record)), { ifAbsent: true });
    // A racer may have written its lock meanwhile: the earlier one wins.
    const rivals = (await readLocks(destination)).filter((l) => l.id !== record.id && (l.exclusive || exclusive) && !staleReason(l, now(), isAlive));
    const earlier = rivals.find((l) => l.createdAt < record.createdAt || (l.createdAt === record.createdAt && l.id < record.id));
    if (earlier) {
      await destination.delete(lockKey(record.id));
      throw held(destination, earlier);
    }
    const lock = new RepositoryLock(destination, record, tookOver);
    lock.timer = setInterval(() => void lock.refresh(now), REFRESH_MS);
    lock.timer.unref();
    return lock;
  }

  private async refresh(now: () => number): Promise<void> {
    try {
      this.record.refreshedAt = new Date(now()).toISOString();
      await this.destination.put(lockKey(this.record.id), Buffer.from(JSON.stringify(this.record)));
    } catch (err) {
      this.lost = err;
    }
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.destination.delete(lockKey(this.record.id));
  }
}

export async function readLocks(destination: Destination): Promise<LockRecord[]> {
  const locks: LockRecord[] = [];
  for (const info of await destination.list('locks/')) {
    let parsed: LockRecord | null = null;
    try {
      parsed = LockRecord.parse(JSON.parse((await destination.get(info.key)).toString('utf8')));
    } catch (err) {
      // Gone between list and get: its holder released it.
      if (err instanceof LifeboatError && err.code === 'not_found') continue;
      // Unreadable (a torn write on a destination that allows one): treat as stale.
      parsed = { id: info.key.slice('locks/'.length), host: '?', pid: 0, processStart: null, purpose: 'unreadable lock', exclusive: true, createdAt: new Date(0).toISOString(), refreshedAt: new Date(0).toISOString() };
    }
    locks.push(parsed);
  }
  return locks;
}

function held(destination: Destination, lock: LockRecord): LifeboatError {
  return new LifeboatError(
    'locked',
    `the repository is locked by pid ${lock.pid} on ${lock.host} (${lock.purpose}, since ${lock.createdAt}, refreshed ${lock.refreshedAt}); it is taken over by itself once that holder is gone or ${STALE_MS / 1000} s silent`,
    destination.where,
  );
}
