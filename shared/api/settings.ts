// The settings channels of the contract (spread into `channels` in contract.ts): the desk's
// settings with their defaults (shared/settings/catalog.ts), a change or reset of one (audited),
// and what a retention would prune, worked out without writing.
import { z } from 'zod';
import type { SettingKind, SettingSection } from '../settings/catalog';
import { RETENTION_RULES } from '../settings/catalog';
import { printable, returns } from './fields';
import type { CheckpointType } from './checkpoints';

const key = printable(200).regex(/^[A-Za-z0-9_.-]+$/, 'a setting key like checkpoint.autoIntervalSeconds');

/** One setting as the page and the CLI show it. */
export interface SettingView {
  key: string;
  /** False: stored on the desk but not a setting Lifeboat knows (shown as it is, not editable). */
  known: boolean;
  section: SettingSection | null;
  label: string;
  description: string;
  unit: string | null;
  kind: SettingKind | null;
  choices: readonly string[] | null;
  /** What a valid value looks like. */
  expected: string | null;
  /** The value in force: the stored one when valid, else the default. Masked when secret. */
  value: unknown;
  /** The default (undefined for an unknown key). */
  default: unknown;
  /** A row for the key is stored on the desk. */
  stored: boolean;
  /** The stored value is not valid (the default is in force): what is wrong with it. */
  problem: string | null;
  secret: boolean;
}

export interface SettingChange {
  key: string;
  from: unknown;
  to: unknown;
  /** The audit entry that records it. */
  auditSeq: number;
}

export interface CheckpointRetentionPreview {
  policy: Partial<Record<(typeof RETENTION_RULES)[number], number>>;
  /** Checkpoints on the desk now. */
  total: number;
  /** The checkpoints the retention would prune, newest first. */
  remove: { checkpointId: string; type: CheckpointType; createdAt: string }[];
  /** Stored bytes the prune would free: chunks only pruned checkpoints reach (as `checkpoint prune` counts them). */
  bytes: number;
}

export const settingsChannels = {
  'settings.list': { request: z.object({}).strict(), response: returns<SettingView[]>() },
  /** Validated against the catalog: the error names the key and what was expected; nothing is written then. */
  'settings.set': { request: z.object({ key, value: z.json() }).strict(), response: returns<SettingChange>() },
  /** Removes the stored value so the default is in force again. */
  'settings.reset': { request: z.object({ key }).strict(), response: returns<SettingChange>() },
  /**
   * What the given retention (or the stored one) would prune now; nothing is written. The policy is
   * checked against the catalog's checkpoint.retention, so a wrong one is named as a save would name it.
   */
  'settings.retentionPreview': { request: z.object({ policy: z.json().optional() }).strict(), response: returns<CheckpointRetentionPreview>() },
} as const;

export const SETTINGS_WRITE_CHANNELS = ['settings.set', 'settings.reset'] as const;
