// Checkpoint types on the wire.

/** Why a checkpoint was taken. `pre_rollback`, `pre_sync` and `pre_restore` are the way back from a rollback, a reconciliation sync and a restore of a backup over the live desk. */
export const CHECKPOINT_TYPES = ['manual', 'automatic', 'emergency', 'pre_upgrade', 'daily', 'pre_rollback', 'pre_sync', 'pre_restore'] as const;
export type CheckpointType = (typeof CHECKPOINT_TYPES)[number];
export type CheckpointStatus = 'unverified' | 'ok' | 'corrupt';

export interface CheckpointInfo {
  checkpointId: string;
  type: CheckpointType;
  label: string | null;
  createdAt: string;
  schemaVersion: number;
  /** The consistency hash: equal roots mean equal states. */
  rootHash: string;
  /** Rows per table. */
  counts: Record<string, number>;
  /** Rows changed since the previous checkpoint. */
  changedRows: number;
  /** Compressed bytes this checkpoint added to the chunk store (shared chunks cost nothing). */
  newBytes: number;
  pinned: boolean;
  status: CheckpointStatus;
  statusDetail: string | null;
  verifiedAt: string | null;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** after − before, for decimal fields that changed. */
  delta: string | null;
}

export interface RowChange {
  table: string;
  key: string;
  kind: 'added' | 'removed' | 'changed';
  accountId: string | null;
  strategyId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  fields: FieldChange[];
}

export interface TableDiff {
  table: string;
  added: number;
  removed: number;
  changed: number;
}

export interface CheckpointDiff {
  from: { ref: string; rootHash: string };
  to: { ref: string; rootHash: string };
  tables: TableDiff[];
  rows: RowChange[];
  /** Chunks decoded to compute this diff (the rest were equal by hash). */
  chunksDecoded: number;
}

export interface RollbackScope {
  accountId?: string;
  strategyId?: string;
}

export interface VerifyReport {
  checkpointId: string;
  ok: boolean;
  chunksChecked: number;
  problem: { table: string; chunk: string; reason: string } | null;
}

/** A live row that differs from what Lifeboat wrote (edited outside it), named by table and key. */
export interface LiveDifference {
  table: string;
  key: string;
  /** changed: the row is not as written; added: a row Lifeboat never wrote; removed: a row gone. */
  kind: 'changed' | 'added' | 'removed';
}

/** The live rows checked against the state hash the triggers kept. */
export interface LiveCheck {
  ok: boolean;
  checkedAt: string;
  rows: number;
  /** Tables whose rows no longer add up to their kept hash. */
  tables: { table: string; rows: number; keptRows: number }[];
  differences: LiveDifference[];
  /** More differences than listed. */
  truncated: boolean;
  /** Why rows could not be named, when only the tables can be. */
  note: string | null;
}

/** Live rows written outside Lifeboat, put back as Lifeboat wrote them. */
export interface LiveRepair {
  restored: number;
  auditSeq: number;
  check: LiveCheck;
}
