// What the API's channels answer with (the response types of shared/api/contract.ts).
import type { Account, AuditEntry, CashBalance, Order, OrderStatus, Position, RiskState, Strategy } from '../domain';
import type { ErrorCode } from '../result';
import type { CheckpointDiff, CheckpointInfo, LiveCheck, VerifyReport } from './checkpoints';
import type { BrokerSnapshot } from './reconcile';

export interface AccountSummary {
  account: Account;
  cash: CashBalance[];
  /** Sum of |quantity × last price| per currency. */
  grossExposure: Record<string, string>;
  /** Sum of quantity × last price per currency. */
  netExposure: Record<string, string>;
  /** Sum of (last − avg) × quantity per currency, over positions with both prices known. */
  unrealizedPnl: Record<string, string>;
  positions: number;
  openOrders: number;
  strategies: { running: number; total: number };
  tradingEnabled: boolean;
  haltReason: string | null;
  /** Strategies of this account whose own risk state has trading disabled. */
  haltedStrategies: { strategyId: string; reason: string | null }[];
  lastActivity: string | null;
}

export interface BrokerFileInfo {
  format: BrokerSnapshot['format'];
  asOf: string | null;
  /** One line per account: what the file covers ("positions 93, open orders 21, cash 4 currencies"). */
  coverage: string[];
  accounts: string[];
  /** How the file was read: what it cannot say, what was left out ("WARNING: …" for the loud ones). */
  notes: string[];
}

export interface CheckpointList {
  checkpoints: CheckpointInfo[];
  staleness: { newestAt: string | null; ageSeconds: number | null; staleAfterSeconds: number; stale: boolean };
  /** Rows changed since the newest checkpoint. */
  changedRows: number;
}

export interface CheckpointRows {
  checkpointId: string;
  table: string;
  total: number;
  /** Where this window starts in the table's key order. */
  offset: number;
  /** Rows in the same shapes the live-state channels return (Position, Order, ...). */
  rows: unknown[];
}

export interface PruneReport {
  dryRun: boolean;
  keep: { checkpointId: string; reasons: string[] }[];
  remove: string[];
  chunksRemoved: number;
  bytesFreed: number;
  /** Kept checkpoints that were stored as layers on a removed one, given their own chunk lists. */
  compacted: string[];
}

export interface StateHash {
  rootHash: string;
  changedRows: number;
  baseCheckpointId: string | null;
}


export type { CheckpointDiff, CheckpointInfo, VerifyReport };

export interface DeskStatus {
  stateDir: string;
  /** The database's schema (every table: live state, history, backups, audit…). */
  schemaVersion: number;
  /**
   * The format of the live tables a checkpoint holds (a checkpoint's own schemaVersion): counted
   * apart from the database's schema, it changes far less often; rollback takes only checkpoints of this format.
   */
  stateFormat: number;
  counts: {
    accounts: number;
    strategies: number;
    positions: number;
    orders: number;
    openOrders: number;
    auditEntries: number;
  };
  accounts: AccountSummary[];
  balances: CashBalance[];
  lastActivity: string | null;
  settingsHash: string;
  checkpoints: CheckpointList['staleness'] & {
    count: number;
    newestId: string | null;
    /** The console is about to take, or is taking, the desk's first checkpoint (its start-up one): "none yet" is not a warning then. */
    takingFirst: boolean;
  };
  /** The newest check of the live rows against the kept state hash (at console start, or on demand). */
  liveCheck: LiveCheck | null;
  /** Set when the state folder cannot be written and a private copy of it is shown: why, and since when. */
  readOnly: string | null;
}

export interface OrderPage {
  rows: Order[];
  /** How many orders match the query, before the limit. */
  total: number;
  /** Where `rows` start in the sorted match. */
  offset: number;
  byStatus: Partial<Record<OrderStatus, number>>;
}

/** A window of the positions that match a PositionQuery, in its order. */
export interface PositionPage {
  rows: Position[];
  /** How many positions match, before offset and limit. */
  total: number;
  /** How many are in the account/strategy scope, before the search. */
  inScope: number;
  offset: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  headSeq: number | null;
  /** The first entry whose hash or link does not hold, and why. */
  firstBad: { seq: number; reason: string } | null;
}

export interface ImportResult {
  format: 'strategy-checkpoint' | 'execution-checkpoint';
  strategyId: string;
  accountId: string;
  positions: number;
  orders: number;
  auditSeq: number;
  /** Values stored as written that look wrong (binary-float noise), with file:line:col and path. */
  warnings: string[];
}

export interface StateExport {
  schemaVersion: number;
  accounts: Account[];
  strategies: Strategy[];
  positions: Position[];
  orders: Order[];
  cashBalances: CashBalance[];
  riskState: RiskState[];
  artifacts: { name: string; version: number; sha256: string; size: number; strategyId: string | null; createdAt: string }[];
  settings: Record<string, unknown>;
  settingsHash: string;
}

