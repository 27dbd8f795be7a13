// Jobs: long operations that return an id at once, push progress, run as ordered steps and keep
// a report. Each kind is declared here with its result and its steps, so callers never cast.
import type { ErrorCode } from '../result';
import type { BackupOutcome, BackupVerifyResult, PruneResult, RestoreReport } from './backups';
import type { VerifyReport } from './checkpoints';
import type { ReconcileSummary } from './reconcile';
import type { PlaybookId, PlaybookPlan, RecoveryRecord } from './recovery';

export interface RollbackOutcome {
  targetId: string;
  scope: { accountId?: string; strategyId?: string };
  preRollbackId: string;
  rootHash: string;
  applied: { added: number; removed: number; changed: number };
}

export interface SimulationOutcome {
  seed: number;
  ticks: number;
  created: number;
  filled: number;
  partiallyFilled: number;
  cancelled: number;
}

export interface VerifyOutcome {
  ok: boolean;
  reports: VerifyReport[];
}

export interface ReconcileOutcome {
  runId: string;
  summary: ReconcileSummary;
}

/** A move between storage tiers (tiers.demote, tiers.promote). */
export interface TierMoveOutcome {
  direction: 'demote' | 'promote';
  chunks: number;
  bytes: number;
  packs: string[];
  /** Packs of an interrupted move that nothing recorded, removed. */
  garbage: string[];
  /** A demote also makes placement's promotions (cold objects a newest, pinned or recent checkpoint needs). */
  promoted: { chunks: number; bytes: number };
  /** lifeboat.db's size before and after its free pages were given back (demote only). */
  databaseBytesBefore: number | null;
  databaseBytesAfter: number | null;
}

/** Every job kind: what it returns and the steps it runs, in order. */
export interface JobKinds {
  simulate: { result: SimulationOutcome };
  verify: { result: VerifyOutcome };
  rollback: { result: RollbackOutcome };
  reconcile: { result: ReconcileOutcome };
  backup: { result: BackupOutcome };
  'backup-verify': { result: BackupVerifyResult & { destination: string; coverage: BackupCoverage } };
  restore: { result: RestoreReport & { destination: string } };
  'test-restore': { result: RestoreReport & { destination: string; ok: boolean } };
  'backup-prune': { result: PruneResult & { destination: string; forgotten: string[] } };
  'restore-live': { result: RestoreLiveOutcome };
  drill: { result: DrillOutcome };
  'tiers-demote': { result: TierMoveOutcome };
  'tiers-promote': { result: TierMoveOutcome & { checkpointId: string } };
  /** The checkpoint retention in force, applied after an automatic checkpoint. */
  'checkpoint-retention': { result: { removed: string[]; compacted: string[]; chunksRemoved: number; bytesFreed: number } };
  recovery: { result: RecoveryOutcome };
}

/** A playbook run on the open desk (recovery.run): its steps are the playbook's, not a fixed list. */
export interface RecoveryOutcome {
  playbook: PlaybookId;
  /** The plan it ran (every step, also those it did not reach). */
  plan: PlaybookPlan;
  /** The steps as they ran (the job's own reports). */
  steps: StepReport[];
  /** What the run measured, once its record step ran; null when it stopped before. */
  record: RecoveryRecord | null;
  /** The lines shown at the end (the CLI's output, the wizard's last page). */
  summary: string;
  /** False when the run stopped before the first step that waits for a person (the CLI without --yes). */
  confirmed: boolean;
}

/** A drill: a playbook practised on a sandbox copy of the desk with its fault injected. */
export interface DrillOutcome {
  playbook: PlaybookId;
  /** True when the injected fault was found and the sandbox came back verified. */
  passed: boolean;
  /** The damage injected: bytes overwritten at an offset of the sandbox's file. */
  fault: { file: string; offset: number; bytes: number };
  /** What the playbook measured (null when the fault went unnoticed). */
  record: RecoveryRecord | null;
  /** The playbook's own steps, as it ran them on the sandbox. */
  steps: StepReport[];
  /** Why it did not pass; null when it did. */
  failure: string | null;
}

/** A snapshot restored over the live desk: its live rows applied through the rollback path. */
export interface RestoreLiveOutcome {
  destination: string;
  snapshotId: string;
  /** The way back: `rollback` to it undoes the restore. */
  preRestoreId: string;
  rootHash: string;
  applied: { added: number; removed: number; changed: number };
  seconds: number;
}

/** How much of a destination's packs a read-data verify has covered, and how recently. */
export interface BackupCoverage {
  packs: number;
  /** Packs read by a verify within `periodDays`. */
  verified: number;
  periodDays: number;
  /** Packs never read by any verify. */
  neverVerified: number;
}
export type JobKind = keyof JobKinds;

/** The steps of each kind, named as the activity list shows them. */
export const JOB_STEPS = {
  simulate: [{ name: 'ticks', label: 'Run the ticks' }],
  verify: [{ name: 'verify', label: 'Verify the checkpoints' }],
  rollback: [
    { name: 'pre-rollback', label: 'Take the pre-rollback checkpoint' },
    { name: 'apply', label: 'Apply the target rows' },
    { name: 'check', label: 'Check the state hash matches the target' },
  ],
  reconcile: [
    { name: 'read', label: 'Read the broker file' },
    { name: 'match', label: 'Match against our books' },
  ],
  backup: [{ name: 'send', label: 'Back up to each destination' }],
  'backup-verify': [{ name: 'verify', label: 'Verify the repository' }],
  restore: [{ name: 'restore', label: 'Restore into the target folder' }],
  'test-restore': [
    { name: 'restore', label: 'Restore into a sandbox folder' },
    { name: 'check', label: 'Open it, check integrity and the root hash' },
  ],
  'backup-prune': [{ name: 'prune', label: 'Forget snapshots and prune the packs nothing needs' }],
  'checkpoint-retention': [{ name: 'prune', label: 'Prune the checkpoints the retention setting does not keep' }],
  drill: [
    { name: 'practise', label: 'Copy the desk to a sandbox, damage it there and run the playbook' },
    { name: 'record', label: 'Record the drill with its RTO and RPO' },
  ],
  'restore-live': [
    { name: 'restore', label: 'Restore the snapshot into a sandbox, verified' },
    { name: 'pre-restore', label: 'Take the pre-restore checkpoint' },
    { name: 'apply', label: "Apply the snapshot's live rows" },
    { name: 'check', label: 'Check the state hash matches the snapshot' },
  ],
  'tiers-demote': [
    { name: 'plan', label: 'Decide what to demote' },
    { name: 'move', label: 'Write the packs and move the objects to cold' },
  ],
  'tiers-promote': [{ name: 'move', label: "Move the checkpoint's cold objects back to warm" }],
  // A recovery job's steps are its playbook's (recovery/desk/runner.ts gives them to the JobRunner).
  recovery: [],
} as const satisfies { [K in JobKind]: readonly { name: string; label: string }[] };
/** The kinds whose steps are given when the job starts, not declared here. */
export type StepsGivenAtStart = 'recovery';
export type StepName<K extends JobKind> = K extends StepsGivenAtStart ? string : (typeof JOB_STEPS)[K][number]['name'];

export const JOB_KINDS = Object.keys(JOB_STEPS) as JobKind[];

/** `interrupted`: the process that ran it stopped (killed, crashed) before it finished. */
export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
/** `waiting`: a recovery step that waits for a person's typed confirmation before it starts. */
export type StepState = 'pending' | 'waiting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'undone' | 'interrupted';

export interface StepReport {
  name: string;
  label: string;
  state: StepState;
  /** How many times the action ran (retries included). */
  attempts: number;
  startedAt: string | null;
  durationMs: number | null;
  /** The last thing the step said (its check, or why it failed). */
  message: string | null;
}

interface JobInfoOf<K extends JobKind> {
  jobId: string;
  kind: K;
  state: JobState;
  startedAt: string;
  finishedAt: string | null;
  progress: { done: number; total: number | null; message: string };
  steps: StepReport[];
  error: string | null;
  /** What kind of failure, so a caller can tell a damaged checkpoint from a bug. */
  errorCode: ErrorCode | null;
  /** Where the failure is (file:line, path, field), when the engine knows. */
  errorWhere: string | null;
  result: JobKinds[K]['result'] | null;
}

/** A job's report, discriminated by kind: `job.kind === 'rollback'` types `job.result`. */
export type JobInfo<K extends JobKind = JobKind> = { [k in K]: JobInfoOf<k> }[K];
