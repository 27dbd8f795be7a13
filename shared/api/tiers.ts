// Storage tiers: what each tier holds and how it serves (tiers.status), what placement would move
// next (tiers.plan), their figures over time (tiers.history), what each checkpoint costs per tier
// (tiers.checkpoints), and the moves themselves as jobs (tiers.demote, tiers.promote).
import { z } from 'zod';
import { empty, returns } from './fields';
import type { JobInfo } from './jobs';
export type { TierMoveOutcome } from './jobs';

export const TIER_NAMES = ['hot', 'warm', 'cold'] as const;
export type TierName = (typeof TIER_NAMES)[number];
export type TierHealth = 'up' | 'degraded' | 'down';

export interface TierStatus {
  tier: TierName;
  /** Where it is: "memory", the database file, the cold folder. */
  location: string;
  objects: number;
  rawBytes: number;
  storedBytes: number;
  /** rawBytes / storedBytes (a display figure, not money), or null when empty. */
  compressionRatio: number | null;
  hits: number;
  misses: number;
  /** hits / (hits + misses), or null before any read. */
  hitRatio: number | null;
  /** Read latency percentiles in microseconds over the newest samples, or null without samples. */
  latencyMicros: { p50: number; p95: number; p99: number; samples: number } | null;
  /** Objects moved into / out of this tier, and their stored bytes. */
  promotions: number;
  promotedBytes: number;
  demotions: number;
  demotedBytes: number;
  health: TierHealth;
  lastError: string | null;
  lastErrorAt: string | null;
  /** The hot tier's bound; the cold tier's pack count. */
  maxBytes?: number;
  packs?: number;
}

export interface TiersStatus {
  tiers: TierStatus[];
  databaseBytes: number;
  autoVacuum: 'none' | 'full' | 'incremental';
  /** The shared tiers (PostgreSQL, Redis) when the desk is configured for any, else null. */
  shared?: SharedTiersStatus | null;
}

/** One shared tier as this desk sees it (electron/engine/tiers/shared/). */
export interface SharedTierStatus {
  tier: 'postgres' | 'redis';
  role: string;
  /** Its URL with the password masked. */
  location: string;
  endpoint: string;
  health: TierHealth;
  lastError: string | null;
  lastErrorAt: string | null;
  objects: number | null;
  storedBytes: number | null;
  /** PostgreSQL: desks in the firm's catalog; Redis: desks with a live status. */
  desks: number | null;
  checkpoints?: number | null;
  maxBytes?: number;
}

export interface SharedTiersStatus {
  firm: string;
  deskId: string | null;
  tiers: SharedTierStatus[];
}

export interface TierMove {
  id: string;
  from: 'warm' | 'cold';
  to: 'warm' | 'cold';
  storedSize: number;
  reason: string;
}

/** One tier's figures in one minute (tiers.history). */
export interface TierSample {
  /** The minute (ISO-8601 UTC, seconds zero); the newest figures taken in it. */
  sampledAt: string;
  tier: TierName;
  objects: number;
  rawBytes: number;
  storedBytes: number;
  /** Counters since the desk began: the difference between two samples is what happened between them. */
  hits: number;
  misses: number;
  /** The hit ratio of the reads since the previous sample, or null when there were none. */
  hitRatio: number | null;
  latencyMicros: { p50: number; p95: number; p99: number } | null;
  promotions: number;
  demotions: number;
  health: TierHealth;
  lastError: string | null;
}

export interface TierHistory {
  /** Oldest first; after a day one sample an hour, after a week none. */
  samples: TierSample[];
  /** How often the console samples, and how long samples are kept. */
  everySeconds: number;
  keptDays: number;
}

/** What one checkpoint's objects occupy per tier (an object several checkpoints share counts for each). */
export interface CheckpointTierCost {
  checkpointId: string;
  createdAt: string;
  type: string;
  label: string | null;
  pinned: boolean;
  warm: { objects: number; bytes: number };
  cold: { objects: number; bytes: number };
}

export interface TierPlanReport {
  policy: { demoteAfterDays: number; unreadForDays: number; keepNewest: number };
  demote: { chunks: number; bytes: number };
  promote: { chunks: number; bytes: number };
  /** The first moves (all of them when `truncated` is false). */
  moves: TierMove[];
  truncated: boolean;
}


const checkpointRef = z.string().regex(/^[A-Z]{3}_\d{8}_\d{6}_[0-9a-f]{4}$/, 'not a checkpoint id like MAN_20261122_140210_3f9a');

const days = z.number().min(0).max(36_500);
/** The desk's placement policy (tiers.* settings), changed for this call only. */
const PolicyOverride = z.object({ demoteAfterDays: days.optional(), unreadForDays: days.optional(), keepNewest: z.number().int().min(0).max(1_000_000).optional() }).strict().default({});

export const tierChannels = {
  'tiers.status': { request: empty, response: returns<TiersStatus>() },
  'tiers.plan': {
    request: z.object({ limit: z.number().int().min(0).max(100_000).default(200), policy: PolicyOverride }).strict(),
    response: returns<TierPlanReport>(),
  },
  'tiers.history': {
    request: z.object({ sinceMinutes: z.number().int().min(1).max(7 * 24 * 60).default(24 * 60) }).strict(),
    response: returns<TierHistory>(),
  },
  'tiers.checkpoints': { request: empty, response: returns<{ checkpoints: CheckpointTierCost[] }>() },
  'tiers.demote': { request: z.object({ policy: PolicyOverride }).strict(), response: returns<JobInfo<'tiers-demote'>>() },
  'tiers.promote': { request: z.object({ checkpointId: checkpointRef }).strict(), response: returns<JobInfo<'tiers-promote'>>() },
} as const;

export const TIER_WRITE_CHANNELS = ['tiers.demote', 'tiers.promote'] as const;
