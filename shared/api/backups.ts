// Backups on the wire: the types, what a backup run reports, what a snapshot says of itself.
import { z } from 'zod';

export const BACKUP_TYPES = ['full', 'incremental', 'differential', 'snapshot', 'emergency'] as const;
export type BackupType = (typeof BACKUP_TYPES)[number];

export const BACKUP_TYPE_MEANING: Record<BackupType, string> = {
  full: 'every object written anew; depends on no earlier backup',
  incremental: 'only what the repository does not hold yet; depends on the backups before it',
  differential: 'only what is new since the last full; survives the loss of incrementals',
  snapshot: 'the live state alone at one moment (no history): small and portable',
  emergency: 'now, ahead of anything scheduled, to every reachable destination, with a reason',
};

/** How a backup holds the live tables: as rows, or as the checkpoint it was taken on plus the change log since. */
export type LiveForm = 'rows' | 'layered';

export interface SnapshotSummary {
  id: string;
  type: BackupType;
  createdAt: string;
  finishedAt: string;
  reason: string | null;
  host: string;
  /** The snapshot whose objects this one may use (incremental: the one before; differential: the full). */
  parent: string | null;
  /** The live state's root hash when it was taken (equal to `lifeboat state hash` then). */
  rootHash: string;
  /** The desk's database schema (its newest migration) when it was taken. */
  schemaVersion: number;
  liveForm: LiveForm;
  counts: Record<string, number>;
  files: number;
  /** Plain bytes read from the state folder. */
  bytesRead: number;
  /** Objects this snapshot refers to, and how many it had to send. */
  objects: number;
  objectsAdded: number;
  /** Stored (compressed, encrypted) bytes this backup added to the repository. */
  bytesAdded: number;
  /** Plain bytes of the objects it sent (before compression and encryption). */
  plainBytesAdded: number;
  /** Objects this run found already sent by an interrupted run, and did not send again. */
  objectsResumed: number;
  seconds: number;
}

export const SnapshotId = z.string().regex(/^[0-9a-f]{4,16}$/, 'a snapshot id: hex, 4 to 16 characters (a prefix will do)');

// ---- what the long operations report ------------------------------------------------------------

export interface Problem {
  /** What is damaged: a file of the repository, or an object in a pack. */
  where: string;
  message: string;
  /** Snapshots that cannot be restored whole because of it. */
  snapshots: string[];
}

export interface BackupVerifyResult {
  ok: boolean;
  snapshots: number;
  indexFiles: number;
  packs: number;
  objects: number;
  readData: boolean;
  /** Packs read in full, and their bytes. */
  packsRead: string[];
  bytesRead: number;
  unindexedPacks: number;
  problems: Problem[];
  seconds: number;
}

export interface RestoreReport {
  snapshotId: string;
  target: string;
  dryRun: boolean;
  files: number;
  bytes: number;
  tables: number;
  rows: number;
  /** The root hash recorded at backup time, and the one recomputed from the restored rows. */
  expectedRoot: string;
  restoredRoot: string | null;
  integrity: string | null;
  /** Where a replaced target was moved to. */
  movedAside: string | null;
  seconds: number;
}

export interface PruneResult {
  dryRun: boolean;
  snapshotsKept: number;
  packsRemoved: number;
  bytesFreed: number;
  /** Packs kept because some objects in them are needed, and the bytes in them no one needs. */
  packsPartlyUsed: number;
  bytesUnused: number;
  /** Packs no index lists (a killed run's), removed. */
  unindexedRemoved: number;
}

/** One destination's part of a backup run (a run may go to several; one down does not stop the others). */
export interface DestinationBackup {
  destination: string;
  ok: boolean;
  snapshot: SnapshotSummary | null;
  /** Set when an incremental or differential found no full and was taken as a full. */
  promotedFrom: BackupType | null;
  error: { code: string; message: string; where: string | null } | null;
}

export interface BackupOutcome {
  type: BackupType;
  destinations: DestinationBackup[];
}

// ---- schedules, retention, pins ------------------------------------------------------------------

/** Which snapshots a destination keeps (retention.ts decides): days per type, restic's keep-* rules on top. */
export interface BackupRetention {
  /** Days a snapshot of each type is kept (absent: forever). */
  maxAgeDays: Partial<Record<BackupType, number>>;
  keepLast?: number;
  keepHourly?: number;
  keepDaily?: number;
  keepWeekly?: number;
  keepMonthly?: number;
}

export interface ScheduleInfo {
  destination: string;
  type: BackupType;
  cron: string;
  enabled: boolean;
  lastRunAt: string | null;
  /** The next five times it runs (UTC); empty when disabled. */
  nextRuns: string[];
}

export interface RetentionPreview {
  destination: string;
  retention: BackupRetention;
  /** Newest first, with why each is kept. */
  keep: { id: string; type: BackupType; createdAt: string; reasons: string[] }[];
  /** What `forget --retention` would remove now. */
  forget: { id: string; type: BackupType; createdAt: string }[];
}

/** A snapshot as the list shows it: the repository's record, and what this desk knows of it. */
export interface SnapshotListing extends SnapshotSummary {
  pinned: boolean;
  /** When a read-data verify last covered every pack it uses (the oldest of those times); null: not all read yet. */
  verifiedAt: string | null;
  /** Of the packs it uses, how many a read-data verify has read. */
  packsVerified: number;
  packs: number;
}

// ---- restore preview -----------------------------------------------------------------------------

export interface RestorePreview {
  snapshotId: string;
  type: BackupType;
  createdAt: string;
  /** Root hash of the live state now, and the one recorded with the snapshot. */
  liveRoot: string;
  snapshotRoot: string;
  /** Equal roots: the live state is the snapshot's (restoring changes no live row). */
  sameLive: boolean;
  /** Rows per live table, now and in the snapshot. */
  tables: { name: string; live: number; snapshot: number }[];
  /** Files of the state folder beside the database: only here, only in the snapshot, or of other size. */
  files: { path: string; change: 'only live' | 'only snapshot' | 'size differs'; liveSize: number | null; snapshotSize: number | null }[];
  /** Checkpoints taken since the snapshot: a restore of it does not hold them. */
  checkpointsSince: number;
  /** Audit entries since the snapshot. */
  auditSince: number;
}
