// What a state.changed event names: the live tables a commit wrote, and their changed row keys.
// The engine reads both from its change capture — never a hand-written list.

/** The live tables, in name order (the order the state hash covers them). */
export const LIVE_TABLES = ['accounts', 'artifacts', 'cash_balances', 'orders', 'positions', 'risk_state', 'settings', 'strategies'] as const;
export type LiveTable = (typeof LIVE_TABLES)[number];

/** A table a state.changed event may name: a live table, or the audit trail every commit appends to. */
export type ChangedTable = LiveTable | 'audit_log';

/**
 * Past this many changed rows in one table an event names the table alone (`null` keys):
 * a view then refetches it rather than patching thousands of rows one by one.
 */
export const MAX_KEYS_PER_TABLE = 500;

export interface StateChanged {
  /** What wrote: a channel or a service ("simulate.tick", "rollback.apply", "inbox"). */
  reason: string;
  at: string;
  tables: ChangedTable[];
  /**
   * Per table, the keys of the rows written (inserted, updated or deleted), as checkpoints key them
   * (primary-key parts joined by U+001F); null when more than MAX_KEYS_PER_TABLE changed.
   */
  rows: Partial<Record<ChangedTable, string[] | null>>;
  /** The newest audit entry the commit appended, or null. */
  auditSeq: number | null;
}
