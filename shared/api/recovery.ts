// Recovery: what the failure detectors report (`lifeboat doctor`, the `recovery.doctor` channel).
// A detector looks at the state folder and says whether its failure is there, with the evidence it
// saw and the playbook that answers it.
import { z } from 'zod';
import { empty, printable, returns } from './fields';

/** The playbooks the detectors point to (the playbooks themselves come later). */
export const PLAYBOOK_IDS = [
  'damaged-database',
  'lost-wal',
  'unclean-shutdown',
  'stale-state',
  'broker-disagreement',
  'backup-overdue',
  'destination-down',
  'disk-full',
  'artifact-failure',
  'inbox-rejecting',
  'clock-behind',
  'audit-broken',
  'checkpoint-damaged',
  'settings-changed',
  'no-state',
  'bad-deploy',
  'bot-crashed',
] as const;
export type PlaybookId = (typeof PLAYBOOK_IDS)[number];

/** The playbooks a drill can practise: those with a fault it knows how to inject. */
export const DRILL_PLAYBOOKS = ['damaged-database'] as const;

/** Every detector, in the order doctor runs and shows them. */
export const DETECTOR_IDS = [
  'unclean-shutdown',
  'database-damaged',
  'wal-lost-or-foreign',
  'checkpoint-damaged',
  'audit-broken',
  'checkpoint-stale',
  'live-state-stale',
  'settings-changed',
  'broker-disagreement',
  'backup-overdue',
  'backup-failing',
  'backup-untested',
  'disk-full',
  'artifact-failure',
  'inbox-rejecting',
  'clock-behind',
] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

export type FindingSeverity = 'critical' | 'warning' | 'info';

export interface DetectorInfo {
  id: DetectorId;
  title: string;
  /** How bad it is when found (a finding may say otherwise, e.g. an older artifact version only). */
  severity: FindingSeverity;
  playbook: PlaybookId;
}

export interface Evidence {
  /** What the detector saw, in a sentence or two, naming files, ids and times. */
  text: string;
  /** The same, structured: files, ids, times, counts. */
  details: Record<string, unknown>;
}

export interface Finding {
  detector: DetectorId;
  title: string;
  severity: FindingSeverity;
  /** True when the failure is there. */
  found: boolean;
  /** False when the detector could not look (its evidence says why): neither found nor clear. */
  checked: boolean;
  evidence: Evidence;
  playbook: PlaybookId;
  /** When this detector looked (UTC). */
  checkedAt: string;
}

export interface DoctorReport {
  stateDir: string;
  checkedAt: string;
  /** How the database was read, e.g. "a scratch copy (lifeboat.db with its -wal)"; null when it could not be. */
  readFrom: string | null;
  findings: Finding[];
  /** Findings found, per severity. */
  found: Record<FindingSeverity, number>;
  /** True when a critical or warning finding is there (`lifeboat doctor` exits 3). */
  problems: boolean;
}

/** One finished recovery, as recovery-history.jsonl keeps it (`lifeboat recover`). */
export interface RecoveryRecord {
  playbook: PlaybookId;
  detectedAt: string;
  startedAt: string;
  verifiedAt: string;
  /** The time of the checkpoint or snapshot the desk is back at. */
  restoredPointTime: string;
  /** verifiedAt − detectedAt. */
  rtoSeconds: number;
  /** detectedAt − restoredPointTime. */
  rpoSeconds: number;
  /** Where the desk came back from (for a backup: destination, snapshotId, type, createdAt, rootHash). */
  restoredFrom: { kind: string; destination?: string; snapshotId?: string; type?: string; createdAt?: string; rootHash?: string } | null;
  /** The damaged/<time>/ folder holding what was set aside; empty when nothing was (an unclean shutdown). */
  damagedFiles: string;
  resumed: boolean;
  evidence: string;
  /** True for a drill: the playbook practised on a sandbox copy with the fault injected; the live desk untouched. */
  drill?: boolean;
  /** Set when another playbook (lost-wal, unclean-shutdown) found more than it answers and handed over to this one. */
  fellThroughFrom?: PlaybookId;
}

/**
 * A playbook step that finally failed (after its retries) and was escalated to a person: also in
 * recovery-history.jsonl, told apart from a finished recovery by its `kind`.
 */
export interface RecoveryEscalation {
  kind: 'escalation';
  playbook: PlaybookId;
  step: string;
  /** The step's own error, as the playbook reported it. */
  error: string;
  attempts: number;
  at: string;
  /** Each alert sent (the alert command: its program only; the webhook: its URL masked) and what came of it. */
  alerts: { to: 'command' | 'webhook'; target: string; delivered: boolean; detail: string }[];
  /** Why an alert could not be sent at all (the settings unreadable, or a value of the wrong kind). */
  alertProblems: string[];
  /** Whether the audit entry `recovery.escalated` was written, and if not why (a damaged database is not written to). */
  audit: { written: boolean; reason: string | null };
}

/**
 * How the start-up coordinator found the desk when a state folder was opened for writing, in the
 * words of the trading-bot world: happy (resume), unclean (the previous holder died: its safe
 * cleanup done at open), partial (the broker disagrees: reconcile), stale (rebuild from the
 * broker), no-state (a fresh desk: load it from the broker), damaged (not opened: a playbook).
 */
export const STARTUP_STATES = ['happy', 'unclean', 'partial', 'stale', 'no-state', 'damaged'] as const;
export type StartupState = (typeof STARTUP_STATES)[number];

/** The coordinator's decision over the fast detectors' findings (pure: recovery/startup/decide.ts). */
export interface StartupVerdict {
  state: StartupState;
  /** What it found, in a sentence or two. */
  says: string;
  /** The safe things it does by itself at open (nothing destructive). */
  automatic: string[];
  /** The playbook a person should run next, or null when nothing is left to run. */
  playbook: PlaybookId | null;
  /** What to do next, in words (a command to run). */
  next: string;
}

/**
 * One start-up, as kept in <state>/recovery-startup.json (the newest) and, when not happy, as a
 * line of recovery-startups.jsonl (the last 200).
 */
export interface StartupRecord extends StartupVerdict {
  kind: 'startup';
  at: string;
  /** Who opened the desk (the lease's purpose: "serve", "cli simulate", "desktop"). */
  purpose: string;
  /** What it did by itself, with what came of it (the jobs marked interrupted, whose lease it took over). */
  did: string[];
  /** The fast detectors it ran, and the ones that found something (their evidence). */
  checked: DetectorId[];
  findings: { detector: DetectorId; severity: FindingSeverity; playbook: PlaybookId; text: string }[];
  /** How long the coordinator's own checks and decision took, in milliseconds. */
  tookMs: number;
  /** Set when the record could not be written (a full disk, say): why. The open goes on. */
  notKept?: string;
}

/**
 * What a person gives a playbook that runs on an open desk (recovery/desk/): one field is one CLI
 * flag (`--name VALUE`, a boolean `--name`) and one input of the wizard's form.
 */
export interface PlaybookField {
  name: string;
  label: string;
  /** How the wizard asks for it: a path on this machine, a checkpoint or strategy picked from the desk's, a choice. */
  kind: 'text' | 'file' | 'checkpoint' | 'strategy' | 'account' | 'boolean' | 'choice';
  required: boolean;
  /** One sentence: what it is for, and its default when it has one. */
  help: string;
  choices?: string[];
}

/** A playbook's input as given: field name → value (CLI flags, the wizard's form). Validated by the playbook. */
export type PlaybookInput = Record<string, string | boolean>;

/** A playbook's steps as they will run, before anything runs (`lifeboat recover P` without --yes, the wizard's first page). */
export interface PlaybookPlan {
  playbook: PlaybookId;
  title: string;
  purpose: string;
  fields: PlaybookField[];
  /** `confirmWord`: what a person types to let a waiting step (`auto: false`) run; null for one that runs by itself. */
  steps: { n: number; id: string; says: string; auto: boolean; confirmWord: string | null }[];
}

/** A playbook of the registry as listed (`recovery.playbooks`, `lifeboat recover --list`). */
export interface PlaybookInfo {
  playbook: PlaybookId;
  title: string;
  purpose: string;
  fields: PlaybookField[];
  steps: { n: number; id: string; says: string; auto: boolean }[];
}

const playbookInput = z.record(printable(100), z.union([z.string().max(4_000), z.boolean()]));
export const PlanRequest = z.object({ playbook: z.enum(PLAYBOOK_IDS), input: playbookInput.default({}) }).strict();

/** The recovery channels of the contract (spread into `channels` in contract.ts). */
export const recoveryChannels = {
  /** Every detector over the desk, read-only (no lock, no write): what `lifeboat doctor` prints. */
  'recovery.doctor': { request: empty, response: returns<DoctorReport>() },
  /** The recoveries run on this desk, oldest first, with their RTO and RPO. */
  'recovery.history': { request: empty, response: returns<RecoveryRecord[]>() },
  /** The playbook steps that finally failed and were escalated to a person, oldest first (recovery-history.jsonl). */
  'recovery.escalations': { request: empty, response: returns<RecoveryEscalation[]>() },
  /** How the start-up coordinator found the desk the last time it was opened for writing; null before any. */
  'recovery.startup': { request: empty, response: returns<StartupRecord | null>() },
  /** The playbooks that run on the open desk (recovery/desk/registry.ts), with their fields and steps. */
  'recovery.playbooks': { request: empty, response: returns<PlaybookInfo[]>() },
  /** A playbook prepared for this input and its steps, nothing run: bad input is a 400 naming the field. */
  'recovery.plan': { request: PlanRequest, response: returns<PlaybookPlan>() },
} as const;

/** recovery.run: the plan's request, and whether to run every step (yes) or stop before the first that waits (contract.ts). */
export const RunRequest = PlanRequest.extend({ yes: z.boolean().default(false), stopAtWaiting: z.boolean().default(false) }).strict();
/** recovery.confirm: the job, the step it waits at, the word typed. */
export const ConfirmRequest = z.object({ jobId: printable(200), step: printable(100), typed: z.string().max(200) }).strict();

/** The recovery channels that change the desk (they need the single-writer lease). */
export const RECOVERY_WRITE_CHANNELS = ['recovery.run', 'recovery.confirm'] as const;
