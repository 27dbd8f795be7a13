// Playbook: damaged database. Confirm the fault (the database-damaged detector), take the lease
// (a live writer refuses it), move lifeboat.db and its -wal/-shm aside into damaged/<UTC time>/
// (renamed, never deleted), restore the newest backup snapshot of a configured destination whose
// passphrase is kept, verify it (quick_check, root hash, audit chain) and record the recovery with
// its RTO and RPO. A run killed after the move-aside is resumed by running it again: the missing
// database is the fault, and the unfinished damaged/<time>/ folder is where it continues from.
import type { Database as Db } from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PlaybookId } from '../../../../shared/api/recovery';
import { LifeboatError } from '../../../../shared/result';
import { verifyAudit } from '../../audit/audit-log';
import { liveRoot } from '../../checkpoints/create';
import type { StoredDestination } from '../../backups/destinations-store';
import { restoreSnapshot } from '../../backups/restore/restore';
import { fsyncDir, moveFileDurably, writeFileAtomic } from '../../store/atomic-file';
import { openDatabase } from '../../store/database';
import { acquireLease, type Lease } from '../../store/lease';
import { deskTraces, stateFolderPaths, type StateFolder } from '../../store/state-folder';
import { decideDatabaseDamaged } from '../detectors/database-damaged';
import { gatherFolderFacts } from '../folder-facts';
import { openDeskReader } from '../reader';
import { NothingToRecover, transientRetry, type Playbook } from './playbook';
import { destinationsOf, newestSnapshot } from './restore-source';
import type { RecoveryRecord } from './history';
import { makeAsideFolder, unmovedAside } from './aside-folder';
import { appendHistoryOnce, auditRecoveryOnce } from './recorded';
import { releaseHeld } from './held';

export const DAMAGED_FOLDER = 'damaged';
/** What the playbook writes beside the files it moved aside: when the fault was seen, and whether the recovery finished. */
export const NOTE_FILE = 'recovery.json';
const SIDE_FILES = ['-wal', '-shm'] as const;

export interface RestoredPoint {
  kind: 'backup';
  destination: string;
  snapshotId: string;
  /** The backup's type: a `snapshot` carries the live state and the audit trail, no checkpoint history. */
  type: string;
  /** The snapshot's time: the point the desk is back at. */
  createdAt: string;
  rootHash: string;
}

export interface DamagedDatabaseState {
  paths: StateFolder;
  now: () => Date;
  detectedAt: string | null;
  startedAt: string;
  evidence: string;
  lease: Lease | null;
  /** damaged/<time>/, once the files are there (or an unfinished one found on a resume). */
  aside: string | null;
  movedNow: string[];
  resumed: boolean;
  /** A resume found the restored database in place already (killed before verify): steps 3 and 4 have nothing to do. */
  inPlace: boolean;
  /** This run renamed a restored database into place (what the restore's undo may move away). */
  restoredNow: boolean;
  /** Destinations looked at and why each could not be used. */
  skipped: string[];
  restored: RestoredPoint | null;
  restoreSeconds: number | null;
  db: Db | null;
  audit: { ok: boolean; entries: number } | null;
  verifiedAt: string | null;
  record: RecoveryRecord | null;
  /** Test hook: called before a step's action (a kill test stops the process there). */
  pauseBefore?: (stepId: string) => Promise<void> | void;
  /** Set when another playbook fell through to this one: what it found, and when it first saw the fault. */
  fault?: Fault;
}

export interface Fault {
  from: PlaybookId;
  evidence: string;
  detectedAt: string;
}

export { NothingToRecover };

export function newDamagedDatabaseState(stateDir: string, options: { now?: () => Date; pauseBefore?: DamagedDatabaseState['pauseBefore']; fault?: Fault } = {}): DamagedDatabaseState {
  const now = options.now ?? (() => new Date());
  return {
    paths: stateFolderPaths(resolve(stateDir)),
    now,
    detectedAt: null,
    startedAt: now().toISOString(),
    evidence: '',
    lease: null,
    aside: null,
    movedNow: [],
    resumed: false,
    inPlace: false,
    restoredNow: false,
    skipped: [],
    restored: null,
    restoreSeconds: null,
    db: null,
    audit: null,
    verifiedAt: null,
    record: null,
    pauseBefore: options.pauseBefore,
    fault: options.fault,
  };
}

/** A filesystem-safe UTC time: 2026-12-04T19-40-12.345Z. */
export const stamp = (d: Date) => d.toISOString().replace(/:/g, '-');

interface Note {
  detectedAt: string;
  evidence: string;
  files: string[];
  finishedAt: string | null;
  /** Written just before the restored database is renamed into place: what a resume verifies it against. */
  restored?: RestoredPoint;
  restoreSeconds?: number | null;
}

const readNote = (dir: string): Note | null => {
  try {
    return JSON.parse(readFileSync(join(dir, NOTE_FILE), 'utf8')) as Note;
  } catch {
    return null;
  }
};

/** The newest damaged/<time>/ whose recovery did not finish and that holds the database: where a killed run continues. */
export function unfinishedAside(paths: StateFolder): string | null {
  const root = join(paths.dir, DAMAGED_FOLDER);
  if (!existsSync(root)) return null;
  for (const name of readdirSync(root).sort().reverse()) {
    const dir = join(root, name);
    const note = readNote(dir);
    if (note && note.finishedAt === null && existsSync(join(dir, 'lifeboat.db'))) return dir;
  }
  return null;
}

/** Step 1's judgement, from the detector (pure decision over what the reader saw). */
function confirmFault(paths: StateFolder): { found: boolean; checked: boolean; text: string } {
  const folder = gatherFolderFacts(paths);
  const reader = openDeskReader(paths, folder);
  try {
    const v = decideDatabaseDamaged({ open: reader.open, db: folder.db, traces: folder.traces });
    return { found: v.found, checked: v.checked ?? true, text: v.text };
  } finally {
    reader.close();
  }
}

const backIn = (s: DamagedDatabaseState) => (s.movedNow.length ? `. The damaged files are put back where they were (${s.movedNow.join(', ')})` : `. The damaged files stay in ${s.aside}`);

function moveBack(state: DamagedDatabaseState): void {
  if (!state.aside) return;
  // The database last, so a kill half-way leaves it aside with the note (a resume finds it).
  for (const name of [...state.movedNow].sort((a, b) => (a === 'lifeboat.db' ? 1 : b === 'lifeboat.db' ? -1 : 0))) {
    if (!existsSync(join(state.paths.dir, name))) moveFileDurably(join(state.aside, name), join(state.paths.dir, name));
  }
  writeFileAtomic(join(state.aside, NOTE_FILE), JSON.stringify({ ...readNote(state.aside), finishedAt: state.now().toISOString(), movedBack: true }, null, 1));
  state.movedNow = [];
}

export const damagedDatabase: Playbook<DamagedDatabaseState> = {
  id: 'damaged-database',
  title: 'Damaged database',
  steps: [
    {
      id: 'confirm',
      retry: transientRetry(),
      says: 'Confirm the fault with the database-damaged detector (quick_check on a scratch copy); a sound database is not touched',
      auto: true,
      run(s) {
        if (!existsSync(s.paths.dir)) throw new LifeboatError('not_found', 'there is no state folder here; is --state right?', s.paths.dir);
        if (!existsSync(s.paths.db) && deskTraces(s.paths.dir).length === 0 && !unfinishedAside(s.paths)) {
          throw new LifeboatError('not_found', 'no lifeboat.db, and the folder shows no sign of having held a desk; is --state right?', s.paths.dir);
        }
        const seen = confirmFault(s.paths);
        if (!seen.found) {
          const pending = unfinishedAside(s.paths);
          const note = pending ? readNote(pending) : null;
          if (pending && note?.restored) {
            // Killed after the restored database was renamed into place, before it was verified and recorded.
            Object.assign(s, { aside: pending, resumed: true, inPlace: true, restored: note.restored, restoreSeconds: note.restoreSeconds ?? null, detectedAt: note.detectedAt, evidence: note.evidence });
            return;
          }
          if (s.fault) {
            // quick_check passes, but the playbook that fell through saw damage (integrity_check, a checkpoint): that is the fault.
            s.evidence = `${s.fault.from} fell through: ${s.fault.evidence}`;
            s.detectedAt = s.fault.detectedAt;
            return;
          }
          if (!seen.checked) throw new LifeboatError('unavailable', `cannot tell whether the database is damaged: ${seen.text}`, s.paths.db);
          throw new NothingToRecover(seen.text, s.paths.db);
        }
        s.evidence = s.fault ? `${s.fault.from} fell through: ${seen.text}` : seen.text;
        s.detectedAt = s.fault?.detectedAt ?? s.now().toISOString();
      },
      check: (s) =>
        s.inPlace ? `continuing an unfinished recovery: the database of snapshot ${s.restored!.snapshotId} is in place, not yet verified (damaged files in ${s.aside})` : `found: ${s.evidence}`,
    },
    {
      id: 'lease',
      retry: transientRetry(),
      says: 'Take the single-writer lease, so no writer opens the desk meanwhile (a live holder: refuse, naming it)',
      auto: true,
      run(s) {
        s.lease = acquireLease(s.paths.dir, 'recover damaged-database');
      },
      check: (s) => `lease taken by pid ${s.lease!.info.pid}; no other writer holds the desk`,
    },
    {
      id: 'move-aside',
      retry: transientRetry(),
      says: `Move lifeboat.db and its -wal and -shm aside into ${DAMAGED_FOLDER}/<UTC time>/ (renamed, never deleted)`,
      auto: false,
      async run(s) {
        await s.pauseBefore?.('move-aside');
        if (s.inPlace) return;
        const dbHere = existsSync(s.paths.db);
        const pending = dbHere ? null : unfinishedAside(s.paths);
        if (pending) {
          // A run killed after its move-aside: carry on from there, with the time the fault was first seen.
          s.aside = pending;
          s.resumed = true;
          const note = readNote(pending)!;
          s.detectedAt = note.detectedAt;
          s.evidence = note.evidence;
        } else if (!dbHere) {
          throw new LifeboatError('not_found', `lifeboat.db is missing and ${DAMAGED_FOLDER}/ holds no unfinished recovery to continue; restore a backup with \`lifeboat backup restore\``, s.paths.db);
        } else {
          const root = join(s.paths.dir, DAMAGED_FOLDER);
          const all = ['lifeboat.db', ...SIDE_FILES.map((x) => `lifeboat.db${x}`)];
          const unmoved = unmovedAside(root, NOTE_FILE, all);
          if (unmoved) {
            // A run killed after it made its folder, before it moved anything: carry on into that one.
            const note = unmoved.note as unknown as Note;
            s.aside = unmoved.dir;
            s.resumed = true;
            s.detectedAt = note.detectedAt;
            s.evidence = note.evidence;
          } else {
            s.aside = join(root, stamp(s.now()));
            const files = all.filter((f) => existsSync(join(s.paths.dir, f)));
            makeAsideFolder(s.aside, NOTE_FILE, { detectedAt: s.detectedAt!, evidence: s.evidence, files, finishedAt: null } satisfies Note);
          }
        }
        // The database first (its absence is what a resume sees), then what was beside it.
        for (const name of ['lifeboat.db', ...SIDE_FILES.map((x) => `lifeboat.db${x}`)]) {
          const from = join(s.paths.dir, name);
          if (!existsSync(from)) continue;
          const to = join(s.aside, existsSync(join(s.aside, name)) ? `${name}.later-${stamp(s.now())}` : name);
          moveFileDurably(from, to);
          s.movedNow.push(name);
        }
      },
      check(s) {
        if (s.inPlace) return `nothing to move: the damaged files are in ${s.aside} already`;
        const left = ['lifeboat.db', ...SIDE_FILES.map((x) => `lifeboat.db${x}`)].filter((f) => existsSync(join(s.paths.dir, f)));
        if (left.length) throw new LifeboatError('internal', `still in the state folder after the move: ${left.join(', ')}`, s.paths.dir);
        if (!existsSync(join(s.aside!, 'lifeboat.db'))) throw new LifeboatError('internal', 'the damaged database is not in the folder it was moved to', s.aside!);
        return `${s.resumed ? 'continuing an unfinished recovery: ' : ''}damaged files in ${s.aside}${s.movedNow.length ? ` (moved now: ${s.movedNow.join(', ')})` : ''}`;
      },
      undo: (s) => moveBack(s),
    },
    {
      id: 'restore',
      // A destination that cannot be reached now (a mount, a network) may be back in a moment.
      retry: transientRetry(1000),
      says: 'Restore the newest backup snapshot of a destination whose passphrase is kept into a sibling temp folder (verified there), then rename its lifeboat.db into place',
      auto: false,
      async run(s) {
        await s.pauseBefore?.('restore');
        if (s.inPlace) return;
        // What a run killed during its restore left: our own scratch folders, not a desk's files.
        for (const name of readdirSync(s.paths.dir)) if (name.startsWith('.lifeboat-recover-')) rmSync(join(s.paths.dir, name), { recursive: true, force: true });
        let destinations: StoredDestination[];
        try {
          destinations = destinationsOf(s.aside!);
        } catch (err) {
          if (err instanceof LifeboatError) throw new LifeboatError(err.code, `${err.reason}${backIn(s)}`, err.where);
          throw err;
        }
        if (destinations.length === 0) {
          throw new LifeboatError('not_found', `no backup destination is configured on this desk, and no readable checkpoint can be materialized from the damaged database; nothing to restore from${backIn(s)}`, s.paths.db);
        }
        s.skipped = [];
        const unreachable: string[] = [];
        const found = await newestSnapshot(s.paths.dir, destinations, s.skipped, unreachable);
        if (!found) {
          throw new LifeboatError(unreachable.length ? 'unavailable' : 'not_found', `no backup snapshot can be restored: ${s.skipped.join('; ')}${backIn(s)}`, s.paths.db);
        }
        const work = join(s.paths.dir, `.lifeboat-recover-${stamp(s.now())}`);
        try {
          const report = await restoreSnapshot(found.repository, found.snapshot, join(work, 'desk'));
          s.restoreSeconds = report.seconds;
          if (existsSync(s.paths.db)) throw new LifeboatError('conflict', 'a lifeboat.db appeared in the state folder during the restore; nothing was moved over it', s.paths.db);
          for (const x of SIDE_FILES) if (existsSync(`${s.paths.db}${x}`)) throw new LifeboatError('conflict', `lifeboat.db${x} appeared in the state folder during the restore`, `${s.paths.db}${x}`);
          s.restored = { kind: 'backup', destination: found.d.name, snapshotId: found.snapshot.id, type: found.snapshot.type, createdAt: found.snapshot.createdAt, rootHash: found.snapshot.rootHash };
          writeFileAtomic(join(s.aside!, NOTE_FILE), JSON.stringify({ ...readNote(s.aside!)!, restored: s.restored, restoreSeconds: s.restoreSeconds } satisfies Note, null, 1));
          moveFileDurably(join(work, 'desk', 'lifeboat.db'), s.paths.db);
          s.restoredNow = true;
        } finally {
          await found.close();
          // Our own scratch folder (a verified copy of the backup), not a desk's file.
          rmSync(work, { recursive: true, force: true });
        }
      },
      undo(s) {
        // A restore that did not verify is kept too, beside the damaged files, and the damaged database goes back.
        if (!s.restoredNow || !existsSync(s.paths.db)) return;
        s.db?.close();
        s.db = null;
        moveFileDurably(s.paths.db, join(s.aside!, `lifeboat.db.restored-unverified-${stamp(s.now())}`));
        for (const x of SIDE_FILES) if (existsSync(`${s.paths.db}${x}`)) moveFileDurably(`${s.paths.db}${x}`, join(s.aside!, `lifeboat.db${x}.restored-unverified-${stamp(s.now())}`));
      },
      check: (s) =>
        `snapshot ${s.restored!.snapshotId} of ${s.restored!.destination} (taken ${s.restored!.createdAt}) ${s.inPlace ? 'was restored by the run that was stopped' : `restored in ${s.restoreSeconds?.toFixed(2)} s`}${s.restored!.type === 'snapshot' ? ' — a snapshot backup: the live state without checkpoint history' : ''}`,
    },
    {
      id: 'verify',
      says: "Open the restored database (quick_check), recompute the live root hash and compare it with the snapshot's, verify the audit chain",
      auto: true,
      async run(s) {
        await s.pauseBefore?.('verify');
        s.db = openDatabase(s.paths.db);
        const root = liveRoot(s.db);
        if (root !== s.restored!.rootHash) {
          throw new LifeboatError('verification_failed', `the restored live state hashes to ${root.slice(0, 12)}, but snapshot ${s.restored!.snapshotId} recorded ${s.restored!.rootHash.slice(0, 12)}`, s.paths.db);
        }
        const audit = verifyAudit(s.db);
        if (!audit.ok) throw new LifeboatError('verification_failed', `the restored audit trail does not verify at entry ${audit.firstBad?.seq}: ${audit.firstBad?.reason}`, s.paths.db);
        s.audit = { ok: true, entries: audit.entries };
        s.verifiedAt = s.now().toISOString();
      },
      check: (s) => `quick_check ok; root hash ${s.restored!.rootHash.slice(0, 12)} as the snapshot recorded; audit trail verifies (${s.audit!.entries} entries)`,
    },
    {
      id: 'record',
      says: "Record the recovery: an audit entry 'recovery.run' and a line in recovery-history.jsonl, with RTO and RPO",
      auto: true,
      run(s) {
        const detectedAt = s.detectedAt!;
        const verifiedAt = s.verifiedAt!;
        const record: RecoveryRecord = {
          playbook: 'damaged-database',
          detectedAt,
          startedAt: s.startedAt,
          verifiedAt,
          restoredPointTime: s.restored!.createdAt,
          rtoSeconds: (Date.parse(verifiedAt) - Date.parse(detectedAt)) / 1000,
          rpoSeconds: (Date.parse(detectedAt) - Date.parse(s.restored!.createdAt)) / 1000,
          restoredFrom: s.restored!,
          damagedFiles: s.aside!,
          resumed: s.resumed,
          evidence: s.evidence,
          ...(s.fault ? { fellThroughFrom: s.fault.from } : {}),
        };
        // Safe to run again after a kill: the entry and the line are written once per fault (recorded.ts).
        auditRecoveryOnce(s.db!, record, record);
        s.db!.close();
        s.db = null;
        appendHistoryOnce(s.paths.dir, record);
        // The lease before the note is finished: a kill between them leaves an unfinished note the
        // rerun finishes (writing nothing twice), never a finished desk with a dead holder's lease.
        s.lease?.release();
        s.lease = null;
        writeFileAtomic(join(s.aside!, NOTE_FILE), JSON.stringify({ ...readNote(s.aside!), finishedAt: verifiedAt, record }, null, 1));
        s.record = record;
      },
      check: (s) => `RTO ${s.record!.rtoSeconds.toFixed(2)} s, RPO ${s.record!.rpoSeconds.toFixed(0)} s; recorded in the audit trail and recovery-history.jsonl`,
    },
  ],
};

/** Whatever happened: the database closed, the lease given back. */
export function releaseDamagedDatabase(s: DamagedDatabaseState): void {
  releaseHeld(s);
}
