// 11. Disk nearly full: less free space on the state folder's file system than the next checkpoint
// or backup may need. A whole checkpoint, a restore's or a test restore's scratch copy can take
// about the database's size again, so that (with its -wal, and at least 16 MiB) is the estimate;
// the setting recovery.minFreeBytes, or a caller, sets the figure outright.
import type { Detector, Verdict } from '../detector';

export const MIN_FREE_FLOOR = 16 * 1024 * 1024;

export interface DiskFacts {
  dir: string;
  freeBytes: number | null;
  databaseBytes: number;
  walBytes: number;
}

const mb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`);

export function neededBytes(f: DiskFacts, minFreeBytes: number | null): number {
  return minFreeBytes ?? Math.max(MIN_FREE_FLOOR, f.databaseBytes + f.walBytes);
}

export function decideDiskFull(f: DiskFacts, minFreeBytes: number | null): Verdict {
  const need = neededBytes(f, minFreeBytes);
  const how = minFreeBytes === null ? `about the database's size again (lifeboat.db and its -wal: ${mb(f.databaseBytes + f.walBytes)})` : `${mb(need)}, as set`;
  const details = { dir: f.dir, freeBytes: f.freeBytes, neededBytes: need, databaseBytes: f.databaseBytes, walBytes: f.walBytes, estimated: minFreeBytes === null };
  if (f.freeBytes === null) return { found: false, checked: false, text: `The free space on ${f.dir}'s file system cannot be told.`, details };
  if (f.freeBytes < need) {
    return { found: true, text: `Only ${mb(f.freeBytes)} (${f.freeBytes.toLocaleString('en-US')} bytes) free on the file system of ${f.dir}; the next checkpoint or backup needs ${how}.`, details };
  }
  return { found: false, text: `${mb(f.freeBytes)} free on the file system of ${f.dir}; the next checkpoint or backup needs ${how}.`, details };
}

export const diskFull: Detector<DiskFacts> = {
  id: 'disk-full',
  title: 'Disk nearly full',
  severity: 'critical',
  playbook: 'disk-full',
  needs: 'folder',
  gather: (ctx) => ({ dir: ctx.paths.dir, freeBytes: ctx.folder.freeBytes, databaseBytes: ctx.folder.db?.size ?? 0, walBytes: ctx.folder.wal?.size ?? 0 }),
  decide: (facts, { limits }) => decideDiskFull(facts, limits.minFreeBytes),
};
