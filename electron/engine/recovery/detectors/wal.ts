// 3. WAL lost or foreign. A -shm without its -wal: the log is gone, and the index in the -shm says
// whether it held committed transactions the database lacks. A -wal of another database: its page
// size differs, its copy of page 1 carries another application_id, or the database reads whole
// without it and damaged (or as another program's) with it. The next writer would fold a foreign
// log into lifeboat.db, so it is found before that.
import { describeHolder } from '../../store/lease';
import type { Detector, Verdict } from '../detector';
import type { FolderFacts, LeaseFacts } from '../folder-facts';
import type { OpenFacts } from '../reader';
import { isLifeboatId } from '../sqlite-files';

export interface WalFacts {
  db: FolderFacts['db'];
  wal: FolderFacts['wal'];
  shm: FolderFacts['shm'];
  lease: LeaseFacts;
  open: OpenFacts;
}

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
const frames = (n: number) => `${n} frame${n === 1 ? '' : 's'}`;

function lostWal(f: WalFacts, shm: NonNullable<WalFacts['shm']>): Verdict {
  const walName = `${f.db?.file ?? 'lifeboat.db'}-wal`;
  const details = { shm: { file: shm.file, size: shm.size, modifiedAt: shm.modifiedAt, index: shm.index }, wal: walName };
  const base = `${shm.file} is there but ${walName} is gone`;
  if (f.lease.state === 'held' && f.lease.alive) {
    return { found: true, text: `${base} while ${describeHolder(f.lease.holder)} has the desk open: everything it wrote since its last checkpoint is in a deleted file.`, details };
  }
  if (!shm.index) return { found: true, text: `${base}, and the index in the -shm cannot be read: what the log held is not known.`, details };
  const lost = shm.index.frames - shm.index.backfilled;
  if (lost > 0) {
    return {
      found: true,
      text: `${base}: its index says the log held ${frames(shm.index.frames)}, of which ${shm.index.backfilled} were copied back into lifeboat.db; the transactions in the other ${frames(lost)} are lost.`,
      details: { ...details, framesLost: lost },
    };
  }
  return {
    found: true,
    severity: 'warning',
    text: `${base}: its index says everything the log held (${frames(shm.index.frames)}) was already copied into lifeboat.db, so nothing was lost; the -shm is a leftover.`,
    details: { ...details, framesLost: 0 },
  };
}

export function decideWal(f: WalFacts): Verdict {
  const wal = f.wal;
  if (!wal) {
    if (f.shm) return lostWal(f, f.shm);
    return { found: false, text: 'No -wal or -shm beside lifeboat.db: the desk was closed cleanly.', details: {} };
  }
  const scan = wal.scan;
  const details = { wal: { file: wal.file, size: wal.size, modifiedAt: wal.modifiedAt, ...scan }, databasePageSize: f.db?.header?.pageSize ?? null };
  if (wal.size === 0) return { found: false, text: `${wal.file} is empty: nothing waits to be folded into lifeboat.db.`, details };
  if (scan.problem) {
    return { found: true, severity: 'warning', text: `${wal.file} is not a write-ahead log SQLite can use: ${scan.problem}. SQLite ignores it, so whatever it held is not in lifeboat.db.`, details };
  }
  const dbPageSize = f.db?.header?.pageSize;
  if (dbPageSize && scan.pageSize !== dbPageSize) {
    return { found: true, text: `${wal.file} is another database's: its pages are ${scan.pageSize} bytes, lifeboat.db's are ${dbPageSize}.`, details };
  }
  const foreignId = scan.page1ApplicationIds.find((id) => !isLifeboatId(id));
  if (foreignId !== undefined) {
    return { found: true, text: `${wal.file} is another database's: its copy of page 1 carries application_id ${hex(foreignId)}, not Lifeboat's. A writer opening the desk would fold it into lifeboat.db.`, details };
  }
  const withWal = f.open.attempts.find((a) => a.withWal);
  const without = f.open.attempts.find((a) => a.what === 'a scratch copy without its -wal');
  if (withWal && without?.opened && without.quickCheck?.length === 0) {
    const said = withWal.error?.message ?? `quick_check: ${withWal.quickCheck?.slice(0, 2).join('; ')}`;
    return {
      found: true,
      text: `${wal.file} does not belong to lifeboat.db (another database's log, or a damaged one): with it the database reads as damaged (${said}); without it lifeboat.db is whole. A writer opening the desk would fold it in.`,
      details,
    };
  }
  const ignored = scan.ignoredFrames ? ` (${frames(scan.ignoredFrames)} after the last commit, never committed, are not read)` : '';
  return {
    found: false,
    text: `${wal.file} holds ${frames(scan.committedFrames)} of ${scan.commits} committed transaction${scan.commits === 1 ? '' : 's'} of this database, not yet folded into lifeboat.db${ignored}.`,
    details,
  };
}

export const walLostOrForeign: Detector<WalFacts> = {
  id: 'wal-lost-or-foreign',
  title: 'WAL lost or foreign',
  severity: 'critical',
  playbook: 'lost-wal',
  needs: 'folder',
  gather: (ctx) => ({ db: ctx.folder.db, wal: ctx.folder.wal, shm: ctx.folder.shm, lease: ctx.folder.lease, open: ctx.open }),
  decide: (facts) => decideWal(facts),
};
