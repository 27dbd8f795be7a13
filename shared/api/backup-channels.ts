// The backup channels of the contract (spread into `channels` in contract.ts): destinations,
// repository set-up, and the long operations — each a job.
import { z } from 'zod';
import type { BackupType, DestinationBackup, RestorePreview, RetentionPreview, ScheduleInfo, SnapshotListing, SnapshotSummary } from './backups';
import { BACKUP_TYPES, type BackupRetention } from './backups';
import { empty, printable, returns } from './fields';
import type { JobInfo } from './jobs';

const name = printable(64).regex(/^[a-z0-9][a-z0-9_-]*$/, 'a destination name: lower-case letters, digits, - and _');
/** Never logged, never audited, never echoed: see backups/secrets.ts. */
const passphrase = z.string().min(1).max(1024);
const snapshotId = z.string().regex(/^[0-9a-f]{4,16}$/, 'a snapshot id: 4 to 16 hex characters (a unique prefix will do)');
const path = printable(4096);

const S3Settings = z
  .object({
    endpoint: z.url({ protocol: /^https?$/ }).max(2048),
    region: printable(64).default('us-east-1'),
    bucket: printable(63).regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
    prefix: z.string().max(512).regex(/^([a-z0-9][a-z0-9._-]*\/)*$/, 'a key prefix like "desk-1/" (lower case, ending in /) or empty').default(''),
    accessKeyId: printable(256),
    secretAccessKey: z.string().min(1).max(512),
    archive: z.boolean().default(false),
    storageClass: printable(64).optional(),
    objectLockDays: z.number().int().min(1).max(36_500).optional(),
  })
  .strict();

export interface DestinationInfo {
  name: string;
  kind: 'folder' | 's3';
  /** How it is shown: a path, or endpoint and bucket. Never a secret. */
  where: string;
  archive: boolean;
  /** Object Lock: each object written is immutable for this many days (S3 only); null: off. */
  objectLockDays: number | null;
  /** The repository `backup init` made there (null: not initialised yet, nothing can be backed up there). */
  repositoryId: string | null;
  passphraseKept: boolean;
  createdAt: string;
  /** From this desk's own record of runs (the repository is not read for this). */
  lastSuccess: Partial<Record<BackupType, string>>;
  snapshots: number;
  /** Stored bytes this desk's backups added (packs and index files, compressed and encrypted). */
  bytesAdded: number;
  /** Plain bytes those backups read from the state folder, and the plain bytes of what they sent. */
  bytesRead: number;
  plainBytesAdded: number;
  /** bytesRead / plainBytesAdded: how much deduplication saved (1 = nothing). Null before any backup. */
  dedupRatio: number | null;
  /** plainBytesAdded / bytesAdded: compression (1 = none). Null before any backup. */
  compressionRatio: number | null;
  /** ok: the last backup here succeeded; failing: the last one failed; new: none yet. */
  health: { state: 'ok' | 'failing' | 'new'; lastAttemptAt: string | null; message: string | null };
  /** The next scheduled run of each enabled type. */
  nextRun: Partial<Record<BackupType, string>>;
  retention: BackupRetention;
}

export interface InitResult {
  destination: string;
  repositoryId: string;
  /** Shown once: write it down. Opens the repository when every passphrase is lost. */
  recoveryKey: string;
  passphraseKept: boolean;
}

export interface SnapshotDetail extends SnapshotSummary {
  destination: string;
  tables: { name: string; rows: number }[];
  fileList: { path: string; size: number }[];
}

const target = { destination: name.optional(), passphrase: passphrase.optional() };

const days = z.number().int().min(1).max(36_500);
const keep = z.number().int().min(0).max(100_000).optional();
const Retention = z
  .object({
    maxAgeDays: z.object({ full: days.optional(), incremental: days.optional(), differential: days.optional(), snapshot: days.optional(), emergency: days.optional() }).strict(),
    keepLast: keep,
    keepHourly: keep,
    keepDaily: keep,
    keepWeekly: keep,
    keepMonthly: keep,
  })
  .strict();
/** Five fields (minute hour day month weekday); croner checks the rest (schedule.ts). */
const cron = printable(120);

export const backupChannels = {
  'backups.destinations': { request: empty, response: returns<DestinationInfo[]>() },
  'backups.destinations.add': {
    request: z
      .object({ name, folder: z.object({ path }).strict().optional(), s3: S3Settings.optional() })
      .strict()
      .refine((r) => (r.folder ? 1 : 0) + (r.s3 ? 1 : 0) === 1, { message: 'give either folder or s3', path: ['folder'] }),
    response: returns<DestinationInfo>(),
  },
  'backups.destinations.remove': { request: z.object({ name }).strict(), response: returns<{ removed: string }>() },
  'backups.init': {
    request: z.object({ destination: name.optional(), passphrase, keepPassphrase: z.boolean().default(true) }).strict(),
    response: returns<InitResult>(),
  },
  'backups.create': {
    request: z
      .object({ type: z.enum(BACKUP_TYPES).default('incremental'), destination: z.union([name, z.literal('all')]).optional(), reason: printable(500).optional(), passphrase: passphrase.optional() })
      .strict(),
    response: returns<JobInfo<'backup'>>(),
  },
  'backups.list': { request: z.object(target).strict(), response: returns<SnapshotListing[]>() },
  'backups.show': { request: z.object({ ...target, snapshotId }).strict(), response: returns<SnapshotDetail>() },
  'backups.verify': {
    request: z
      .object({
        ...target,
        readData: z.boolean().default(false),
        /** "n/t": the n-th of t deterministic slices of the packs; "P%": the P% verified longest ago (never-verified first). */
        subset: z.string().regex(/^(\d{1,4}\/\d{1,4}|\d{1,3}(\.\d+)?%)$/, 'a subset like 1/7 or 15%').optional(),
      })
      .strict(),
    response: returns<JobInfo<'backup-verify'>>(),
  },
  'backups.restore': {
    request: z.object({ ...target, snapshotId, to: path, dryRun: z.boolean().default(false), replace: z.boolean().default(false) }).strict(),
    response: returns<JobInfo<'restore'>>(),
  },
  'backups.testRestore': { request: z.object({ ...target, snapshotId: snapshotId.optional() }).strict(), response: returns<JobInfo<'test-restore'>>() },
  'backups.forget': {
    request: z
      .object({ ...target, snapshotIds: z.array(snapshotId).max(10_000).default([]), retention: z.boolean().default(false), prune: z.boolean().default(true), dryRun: z.boolean().default(false) })
      .strict(),
    response: returns<JobInfo<'backup-prune'>>(),
  },
  'backups.schedules': { request: z.object({ destination: name.optional() }).strict(), response: returns<ScheduleInfo[]>() },
  'backups.schedules.set': {
    request: z.object({ destination: name, type: z.enum(BACKUP_TYPES), cron, enabled: z.boolean().default(true) }).strict(),
    response: returns<ScheduleInfo>(),
  },
  /** What the retention rules keep and forget now; `retention` previews rules not saved yet. */
  'backups.retention': { request: z.object({ destination: name.optional(), retention: Retention.optional() }).strict(), response: returns<RetentionPreview>() },
  'backups.retention.set': { request: z.object({ destination: name, retention: Retention }).strict(), response: returns<RetentionPreview>() },
  /** A pinned snapshot is kept by every retention rule. */
  'backups.pin': { request: z.object({ destination: name.optional(), snapshotId, pinned: z.boolean() }).strict(), response: returns<{ snapshotId: string; pinned: boolean }>() },
  /** The difference a restore of the snapshot makes to the live desk: rows per table, files, history since. */
  /** Restore over the live desk: its live rows become the snapshot's (history kept), after a pre-restore checkpoint. */
  'backups.restoreLive': {
    request: z
      .object({
        ...target,
        snapshotId,
        /** The snapshot id typed again by the operator: nothing changes without it. */
        confirm: z.string().max(64),
      })
      .strict(),
    response: returns<JobInfo<'restore-live'>>(),
  },
  'backups.restorePreview': { request: z.object({ ...target, snapshotId }).strict(), response: returns<RestorePreview>() },
} as const;

export const BACKUP_WRITE_CHANNELS = [
  'backups.schedules.set',
  'backups.retention.set',
  'backups.pin',
  'backups.destinations.add',
  'backups.destinations.remove',
  'backups.init',
  'backups.create',
  'backups.verify',
  'backups.restore',
  'backups.restoreLive',
  'backups.testRestore',
  'backups.forget',
] as const;

export type { DestinationBackup };
