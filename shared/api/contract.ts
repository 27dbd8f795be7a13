// The one API contract: channel name → zod request schema → response type, plus pushed events.
// Served three ways: Electron IPC (preload), HTTP on 127.0.0.1 (browser mode) and the CLI.
import { z } from 'zod';
import type { StateChanged } from './changes';
import { printable, returns } from './fields';
import { backupChannels, BACKUP_WRITE_CHANNELS } from './backup-channels';
import { ConfirmRequest, DRILL_PLAYBOOKS, recoveryChannels, RECOVERY_WRITE_CHANNELS, RunRequest, type RecoveryEscalation } from './recovery';
import { settingsChannels, SETTINGS_WRITE_CHANNELS } from './settings';
import { tierChannels, TIER_WRITE_CHANNELS } from './tiers';
import { MAX_KEYS_PER_TABLE } from './changes';
import { POSITION_SORTS } from '../positions';
import { columnIds, ORDER_COLUMNS, POSITION_COLUMNS } from '../list-columns';
import type { FilterKind } from '../table-filters';
import type { Account, CashBalance, Order, Position, RiskState, Strategy } from '../domain';
import { ORDER_STATUSES } from '../domain';
import type { CheckpointDiff, CheckpointInfo, LiveCheck, LiveRepair } from './checkpoints';
import { BROKER_FORMATS } from './reconcile';
import type { Discrepancy, ReconcileReport, ReconcileRun } from './reconcile';

export { CHECKPOINT_TYPES as CHECKPOINT_TYPE_NAMES } from './checkpoints';
import { CHECKPOINT_TYPES as CHECKPOINT_TYPE_NAMES } from './checkpoints';
const id = printable(200);
const checkpointRef = z.string().regex(/^[A-Z]{3}_\d{8}_\d{6}_[0-9a-f]{4}$/, 'not a checkpoint id like MAN_20261122_140210_3f9a');
const Scope = z
  .object({ accountId: id.optional(), strategyId: id.optional() })
  .strict()
  .refine((s) => !(s.accountId && s.strategyId), 'choose an account or a strategy, not both')
  .default({});
const count = z.number().int().min(0).max(1_000_000).optional();
const decimalText = z.string().regex(/^(0|[1-9]\d*)(\.\d+)?$/, 'a plain non-negative decimal like "0.01"');
const ToleranceSchema = z.object({ abs: decimalText.optional(), rel: decimalText.optional() }).strict();
const FieldTolerances = z.object({ quantity: ToleranceSchema.optional(), price: ToleranceSchema.optional(), cash: ToleranceSchema.optional() }).strict();
export const TolerancesSchema = FieldTolerances.extend({ accounts: z.record(id, FieldTolerances).optional() }).strict();
const CsvMappingSchema = z.record(z.string(), z.string()).optional();
const runRef = z.string().regex(/^REC_\d{8}_\d{6}_[0-9a-f]{4}$/, 'not a run id like REC_20261122_140210_3f9a');
export const ReconcileRequest = z
  .object({
    fileName: z.string().min(1).max(500),
    content: z.string().max(200_000_000),
    format: z.enum(BROKER_FORMATS).optional(),
    columns: CsvMappingSchema,
    symbols: z.record(id, z.record(printable(100), printable(100))).optional(),
    against: z.string().min(1).max(1000).default('live'),
    // None given: the desk's reconciliation.defaultStrategy (electron/engine/reconcile/default-strategy.ts).
    strategy: z.enum(['warn', 'sync', 'halt']).optional(),
    tolerances: TolerancesSchema.default({}),
    accountId: id.optional(),
  })
  .strict();

export const RetentionPolicySchema = z
  .object({
    keepLast: count,
    keepHourly: count,
    keepDaily: count,
    keepWeekly: count,
    keepMonthly: count,
    minPerType: z.partialRecord(z.enum(CHECKPOINT_TYPE_NAMES), z.number().int().min(0).max(1_000_000)).optional(),
  })
  .strict();

/** A phantom marker that carries a response type without a runtime schema. */

const empty = z.object({}).strict();

/** The most a column filter box holds: an expression like "10..20" or a symbol, not a document. */
export const MAX_COLUMN_FILTER_LENGTH = 100;

/**
 * Column filters as typed in a table's filter boxes (shared/table-filters.ts): column id → text.
 * Only the list's own columns (so at most one filter each), each bounded and printable.
 */
const columnFilters = <C extends string>(columns: Record<C, FilterKind>) =>
  z.partialRecord(z.enum(columnIds(columns)), printable(MAX_COLUMN_FILTER_LENGTH)).optional();

export const OrderQuery = z
  .object({
    scope: z.enum(['open', 'completed', 'all']).default('all'),
    accountId: id.optional(),
    strategyId: id.optional(),
    status: z.enum(ORDER_STATUSES).optional(),
    /** Case-insensitive match on symbol, order id, client or broker order id. */
    search: z.string().max(200).optional(),
    /** Per-column filters; decimals compare exactly (">0", "1..5"), text matches case-insensitively. */
    filters: columnFilters(ORDER_COLUMNS),
    sort: z.enum(['updatedAt', 'createdAt', 'symbol', 'status']).default('updatedAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    /** Where the window starts in the sorted match (0 = the first row). */
    offset: z.number().int().min(0).max(10_000_000).default(0),
    /** Rows in the window; 0 answers the counts alone. */
    limit: z.number().int().min(0).max(50_000).default(10_000),
  })
  .strict();
export type OrderQuery = z.input<typeof OrderQuery>;

/** A window of positions when none is asked for: a screenful's worth many times over, not 2 MB. */
export const POSITIONS_DEFAULT_LIMIT = 1_000;

export const PositionQuery = z
  .object({
    accountId: id.optional(),
    strategyId: id.optional(),
    /** Every whitespace-separated term, case-insensitive, in the symbol, account, strategy or currency. */
    search: z.string().max(200).optional(),
    /** Per-column filters, market value and unrealized P&L included; decimals compare exactly. */
    filters: columnFilters(POSITION_COLUMNS),
    /** Without a sort, key order: account, strategy, symbol. */
    sort: z.enum(POSITION_SORTS).optional(),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    /** Rows in the window; 0 answers the total alone. */
    limit: z.number().int().min(0).max(50_000).default(POSITIONS_DEFAULT_LIMIT),
  })
  .strict();
export type PositionQuery = z.input<typeof PositionQuery>;

/** Rows by the keys state.changed names (U+001F-joined primary keys); at most one event's worth. */
const RowKeys = z
  .object({ keys: z.array(z.string().min(1).max(401)).min(1).max(MAX_KEYS_PER_TABLE) })
  .strict();

export const channels = {
  'desk.status': { request: empty, response: returns<DeskStatus>() },
  'accounts.list': { request: empty, response: returns<Account[]>() },
  'strategies.list': { request: empty, response: returns<Strategy[]>() },
  'positions.list': { request: PositionQuery, response: returns<PositionPage>() },
  /** The positions with these keys (`strategy_id␟symbol`) that exist; a key left out was deleted. */
  'positions.get': { request: RowKeys, response: returns<Position[]>() },
  'orders.list': { request: OrderQuery, response: returns<OrderPage>() },
  /** The orders with these ids that exist; an id left out was deleted. */
  'orders.get': { request: RowKeys, response: returns<Order[]>() },
  'balances.list': { request: empty, response: returns<CashBalance[]>() },
  'risk.list': { request: empty, response: returns<RiskState[]>() },
  'audit.list': {
    request: z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(5_000).default(500),
        action: z.string().max(100).optional(),
      })
      .strict(),
    response: returns<AuditPage>(),
  },
  'audit.verify': { request: empty, response: returns<AuditVerification>() },
  'state.import': {
    request: z
      .object({
        fileName: z.string().min(1).max(500),
        content: z.string().max(200_000_000),
        accountId: id.optional(),
      })
      .strict(),
    response: returns<ImportResult>(),
  },
  'state.export': { request: empty, response: returns<StateExport>() },
  'simulate.start': {
    request: z
      .object({
        ticks: z.number().int().min(1).max(10_000_000),
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
        /** Pause between ticks so a person can watch; 0 runs flat out. */
        intervalMs: z.number().int().min(0).max(60_000).default(0),
      })
      .strict(),
    response: returns<JobInfo<'simulate'>>(),
  },
  'checkpoints.list': { request: empty, response: returns<CheckpointList>() },
  'checkpoints.get': { request: z.object({ checkpointId: checkpointRef }).strict(), response: returns<CheckpointInfo>() },
  'checkpoints.create': {
    request: z
      .object({ type: z.enum(CHECKPOINT_TYPE_NAMES).default('manual'), label: printable(200).optional() })
      .strict(),
    response: returns<CheckpointInfo>(),
  },
  'checkpoints.rows': {
    request: z
      .object({
        checkpointId: checkpointRef,
        table: z.enum(['accounts', 'strategies', 'positions', 'orders', 'cash_balances', 'risk_state', 'artifacts', 'settings']),
        /** A window of the table, in key order: rows offset … offset + limit. */
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(50_000).default(50_000),
      })
      .strict(),
    response: returns<CheckpointRows>(),
  },
  'checkpoints.verify': {
    request: z.object({ checkpointId: checkpointRef.optional(), all: z.boolean().default(false) }).strict(),
    response: returns<JobInfo<'verify'>>(),
  },
  'checkpoints.diff': {
    request: z
      .object({
        from: z.union([checkpointRef, z.literal('live')]),
        to: z.union([checkpointRef, z.literal('live')]).default('live'),
        scope: Scope,
        limit: z.number().int().min(0).max(1_000_000).optional(),
      })
      .strict(),
    response: returns<CheckpointDiff>(),
  },
  'checkpoints.pin': {
    request: z.object({ checkpointId: checkpointRef, pinned: z.boolean().default(true) }).strict(),
    response: returns<CheckpointInfo>(),
  },
  'checkpoints.prune': {
    request: z.object({ policy: RetentionPolicySchema, dryRun: z.boolean().default(true) }).strict(),
    response: returns<PruneReport>(),
  },
  'checkpoints.export': { request: z.object({ checkpointId: checkpointRef }).strict(), response: returns<{ checkpointId: string; files: string[] }>() },
  'state.hash': { request: empty, response: returns<StateHash>() },
  'state.check': { request: empty, response: returns<LiveCheck>() },
  'state.repair': { request: empty, response: returns<LiveRepair>() },
  'rollback.preview': {
    request: z.object({ checkpointId: checkpointRef, scope: Scope, limit: z.number().int().min(0).max(1_000_000).optional() }).strict(),
    response: returns<CheckpointDiff>(),
  },
  'rollback.apply': {
    request: z
      .object({
        checkpointId: checkpointRef,
        scope: Scope,
        /** The checkpoint id typed again by the operator: nothing changes without it. */
        confirm: z.string(),
      })
      .strict(),
    response: returns<JobInfo<'rollback'>>(),
  },
  'reconcile.inspect': {
    request: ReconcileRequest.pick({ fileName: true, content: true, format: true, columns: true, accountId: true }),
    response: returns<BrokerFileInfo>(),
  },
  'reconcile.run': { request: ReconcileRequest, response: returns<JobInfo<'reconcile'>>() },
  'reconcile.list': { request: empty, response: returns<ReconcileRun[]>() },
  'reconcile.get': { request: z.object({ runId: runRef }).strict(), response: returns<ReconcileReport>() },
  'reconcile.recheck': { request: z.object({ runId: runRef }).strict(), response: returns<ReconcileReport>() },
  'reconcile.preview': {
    request: z.object({ runId: runRef, itemId: z.string().regex(/^F\d{4,}$/) }).strict(),
    response: returns<{ itemId: string; effect: string | null; refused: string | null }>(),
  },
  'reconcile.resolve': {
    request: z
      .object({
        runId: runRef,
        itemIds: z.array(z.string().regex(/^F\d{4,}$/)).min(1).max(10_000),
        resolution: z.enum(['accept_broker', 'keep_local', 'ignore']),
        reason: z.string().max(1000).optional(),
      })
      .strict(),
    response: returns<Discrepancy[]>(),
  },
  'reconcile.export': {
    request: z.object({ runId: runRef, format: z.enum(['csv', 'json']) }).strict(),
    response: returns<{ fileName: string; contentType: string; content: string }>(),
  },
  'symbols.list': { request: z.object({ accountId: id.optional() }).strict(), response: returns<{ accountId: string; brokerSymbol: string; symbol: string }[]>() },
  'symbols.set': {
    request: z.object({ accountId: id, brokerSymbol: printable(100), symbol: printable(100) }).strict(),
    response: returns<{ accountId: string; brokerSymbol: string; symbol: string }[]>(),
  },
  'symbols.remove': {
    request: z.object({ accountId: id, brokerSymbol: printable(100) }).strict(),
    response: returns<{ accountId: string; brokerSymbol: string; symbol: string }[]>(),
  },
  'jobs.list': { request: empty, response: returns<JobInfo[]>() },
  'jobs.get': { request: z.object({ jobId: id }).strict(), response: returns<JobInfo>() },
  'jobs.cancel': { request: z.object({ jobId: id }).strict(), response: returns<JobInfo>() },
  ...backupChannels,
  ...recoveryChannels,
  /** A drill as a job: the desk copied into a sandbox, the fault injected there, the playbook run on it and measured. */
  'recovery.drill': { request: z.object({ playbook: z.enum(DRILL_PLAYBOOKS).default('damaged-database') }).strict(), response: returns<JobInfo<'drill'>>() },
  /**
   * Runs a playbook on the open desk as a job (one at a time per desk). With `yes` every step runs;
   * without, the job pauses before each step that waits for a person until `recovery.confirm` (or
   * `jobs.cancel`); `stopAtWaiting` ends it there instead, confirmed: false (the CLI without --yes).
   */
  'recovery.run': { request: RunRequest, response: returns<JobInfo<'recovery'>>() },
  /** Lets the step a recovery job waits at run: `typed` must be the word its plan shows. */
  'recovery.confirm': { request: ConfirmRequest, response: returns<JobInfo<'recovery'>>() },
  ...settingsChannels,
  ...tierChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = Channels[C]['response'];
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const isChannelName = (name: string): name is ChannelName =>
  Object.prototype.hasOwnProperty.call(channels, name);

/** Channels that change the state; they need the single-writer lease. */
export const WRITE_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'state.import',
  'state.repair',
  'simulate.start',
  'jobs.cancel',
  'checkpoints.create',
  'checkpoints.verify',
  'checkpoints.pin',
  'checkpoints.prune',
  'checkpoints.export',
  'rollback.apply',
  'reconcile.run',
  'reconcile.recheck',
  'reconcile.resolve',
  'symbols.set',
  'symbols.remove',
  'recovery.drill',
  ...RECOVERY_WRITE_CHANNELS,
  ...BACKUP_WRITE_CHANNELS,
  ...SETTINGS_WRITE_CHANNELS,
  ...TIER_WRITE_CHANNELS,
]);

export * from './responses';
export * from './jobs';
export type { DoctorReport, Finding } from './recovery';
export type { CheckpointRetentionPreview, SettingChange, SettingView } from './settings';
export type { TiersStatus, TierStatus, TierPlanReport, TierMove, TierSample, TierHistory, CheckpointTierCost } from './tiers';
export type { StateChanged, LiveTable, ChangedTable } from './changes';
import type { JobInfo } from './jobs';
import type {
  AuditPage,
  AuditVerification,
  BrokerFileInfo,
  CheckpointList,
  CheckpointRows,
  DeskStatus,
  ImportResult,
  OrderPage,
  PositionPage,
  PruneReport,
  StateExport,
  StateHash,
} from './responses';

// ---- pushed events --------------------------------------------------------------------------

export interface EventMap {
  /** The live state changed: the tables and rows one commit wrote (see changes.ts). */
  'state.changed': StateChanged;
  'job.updated': JobInfo;
  'inbox.ingested': { file: string; result: ImportResult };
  'inbox.rejected': { file: string; reason: string };
  'checkpoints.changed': { reason: string; checkpointId: string | null };
  /** An automatic (or daily) checkpoint the console's timer tried to take failed: nothing was taken. */
  'checkpoints.failed': { type: 'automatic' | 'daily'; reason: string; at: string };
  'reconcile.changed': { runId: string };
  /** A recovery step on the open desk finally failed and was escalated (alerts, audit, history). */
  'recovery.escalations': RecoveryEscalation;
}
export type EventName = keyof EventMap;
/** A pushed event, discriminated by name (optionally narrowed to some names). */
export type LifeboatEvent<N extends EventName = EventName> = { [E in N]: { name: E; payload: EventMap[E] } }[N];
