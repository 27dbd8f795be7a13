// What the in-place playbooks (lost-wal, unclean-shutdown) carry from step to step, and their
// progress note: <state>/.lifeboat-playbook.json, written (atomically) once the lease is taken and
// removed once the recovery is recorded. A run killed in between leaves it, and the next run of
// the same playbook continues from it (keeping the first run's detectedAt) even when the fault it
// answers no longer shows (a -shm already moved aside, say). `.lifeboat-*`: backups skip it.
import type { Database as Db } from 'better-sqlite3';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PlaybookId } from '../../../../shared/api/recovery';
import { fsyncDir, writeFileAtomic } from '../../store/atomic-file';
import type { Lease } from '../../store/lease';
import { stateFolderPaths, type StateFolder } from '../../store/state-folder';
import type { PrivateCopy } from '../../store/read-only-copy';
import type { RecoveryRecord } from './history';
import { closeQuietly, releaseHeld } from './held';

export const PROGRESS_FILE = '.lifeboat-playbook.json';

export type InPlacePlaybook = Extract<PlaybookId, 'lost-wal' | 'unclean-shutdown'>;

export interface Progress {
  playbook: InPlacePlaybook;
  detectedAt: string;
  evidence: string;
  /** lost-wal: the transactions the WAL index says were never copied back (0: none lost). */
  framesLost: number;
  /** lost-wal: damaged/<time>/ once the -shm and -wal are there. */
  aside: string | null;
}

export interface Reconciliation {
  /** The run rechecked (the newest against live), and the new run it made; null when skipped. */
  of: string | null;
  runId: string | null;
  unresolved: number;
  /** Why it was skipped (the desk has no broker snapshot), or null. */
  skipped: string | null;
}

export interface InPlaceState {
  playbook: InPlacePlaybook;
  paths: StateFolder;
  now: () => Date;
  startedAt: string;
  detectedAt: string | null;
  evidence: string;
  framesLost: number;
  resumed: boolean;
  lease: Lease | null;
  /** The dead holder whose lease was taken over, if one was. */
  tookOverFrom: string | null;
  aside: string | null;
  movedNow: string[];
  /** A scratch copy of the desk (integrity check, checkpoint verify), removed on release. */
  copy: PrivateCopy | null;
  copyDb: Db | null;
  integrity: string | null;
  checkpoint: { checkpointId: string; createdAt: string; chunksChecked: number } | null;
  /** The newest audit entry the database holds: the last thing it recorded that survived. */
  newestEntryAt: string | null;
  reconciliation: Reconciliation | null;
  /** The desk's database in place, opened for writing (reconcile, resume, record). */
  db: Db | null;
  jobsInterrupted: number;
  verifiedAt: string | null;
  record: RecoveryRecord | null;
  /** Why the playbook hands over to damaged-database (set just before FallThrough is thrown), or null. */
  fellThrough: string | null;
  pauseBefore?: (stepId: string) => Promise<void> | void;
}

export function newInPlaceState(playbook: InPlacePlaybook, stateDir: string, options: { now?: () => Date; pauseBefore?: InPlaceState['pauseBefore'] } = {}): InPlaceState {
  const now = options.now ?? (() => new Date());
  return {
    playbook,
    paths: stateFolderPaths(resolve(stateDir)),
    now,
    startedAt: now().toISOString(),
    detectedAt: null,
    evidence: '',
    framesLost: 0,
    resumed: false,
    lease: null,
    tookOverFrom: null,
    aside: null,
    movedNow: [],
    copy: null,
    copyDb: null,
    integrity: null,
    checkpoint: null,
    newestEntryAt: null,
    reconciliation: null,
    db: null,
    jobsInterrupted: 0,
    verifiedAt: null,
    record: null,
    fellThrough: null,
    pauseBefore: options.pauseBefore,
  };
}

export function readProgress(paths: StateFolder, playbook: InPlacePlaybook): Progress | null {
  try {
    const p = JSON.parse(readFileSync(join(paths.dir, PROGRESS_FILE), 'utf8')) as Progress;
    return p.playbook === playbook ? p : null;
  } catch {
    return null;
  }
}

export function writeProgress(s: InPlaceState): void {
  const p: Progress = { playbook: s.playbook, detectedAt: s.detectedAt!, evidence: s.evidence, framesLost: s.framesLost, aside: s.aside };
  writeFileAtomic(join(s.paths.dir, PROGRESS_FILE), JSON.stringify(p, null, 1));
}

/** The recovery is recorded (or handed to another playbook): the note goes. */
export function clearProgress(paths: StateFolder): void {
  const path = join(paths.dir, PROGRESS_FILE);
  if (!existsSync(path)) return;
  rmSync(path);
  fsyncDir(paths.dir);
}

/** The scratch copy closed and removed. */
export function dropCopy(s: InPlaceState): void {
  closeQuietly(s.copyDb);
  s.copyDb = null;
  s.copy?.dispose();
  s.copy = null;
}

/** Whatever happened: connections closed, the scratch copy removed, the lease given back. */
export function releaseInPlace(s: InPlaceState): void {
  dropCopy(s);
  releaseHeld(s);
}
