// Reconciliation on the wire: broker snapshots, discrepancies, runs and resolutions.
// Every quantity, price and amount is a canonical decimal string.

export const BROKER_FORMATS = ['ccxt', 'alpaca', 'ibkr-flex', 'csv', 'lifeboat'] as const;
export type BrokerFormat = (typeof BROKER_FORMATS)[number];

/** Where a value came from in the broker file, for messages and the diff table. */
export interface SourceRef {
  /** "line 12" for CSV, a JSON path like "fetchPositions[3]" for JSON. */
  at: string;
}

export interface BrokerPosition extends SourceRef {
  /** The symbol as the broker writes it (trimmed). */
  symbol: string;
  /** Signed: negative is short. In contracts when `contracts` is set. */
  quantity: string;
  avgPrice: string | null;
  /** Set when the quantity counts contracts (options, futures, inverse swaps), not units of the symbol. */
  contracts?: ContractTerms;
}

/** What one contract of a position is, as the broker states it. Carried to the report, not used to compare. */
export interface ContractTerms {
  /** The broker's own word for the kind of instrument: IBKR "OPT", "FUT", "FOP"; CCXT "swap", "future". */
  assetClass: string | null;
  /** How much one contract is: IBKR's multiplier (100 for a US equity option), CCXT's contractSize. */
  multiplier: string;
  /** null: the multiplier counts units of the underlying; a currency code for inverse contracts (100 USD per contract). */
  multiplierUnit: string | null;
  /**
   * An inverse contract's size in its settlement coin, as the exchange reports it (CCXT's
   * `notional`, in the settle currency), signed like the quantity. It moves with the price, so it
   * is shown, not compared.
   */
  coin?: { amount: string; currency: string };
}

export type BrokerOrderStatus = 'open' | 'partially_filled' | 'pending_cancel' | 'filled' | 'cancelled' | 'rejected' | 'expired';

export interface BrokerOrder extends SourceRef {
  brokerOrderId: string | null;
  clientOrderId: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  /** null: the broker did not report one (an Alpaca notional order is sized in money; see `notional`). */
  quantity: string | null;
  /** The money amount of an order sized in money rather than units (Alpaca's notional), when that is how it was placed. */
  notional?: string;
  filledQuantity: string;
  limitPrice: string | null;
  status: BrokerOrderStatus;
}

export interface BrokerCash extends SourceRef {
  currency: string;
  amount: string;
}

/**
 * One account's part of a snapshot. A section that is null was not reported ("not covered");
 * an empty list means the broker reported none (flat, no open orders, no cash).
 */
export interface BrokerAccountSnapshot {
  accountId: string;
  /** The venue the file says the account is at (CCXT's exchange id, e.g. "binance"), checked against the desk's account. */
  venue?: string;
  positions: BrokerPosition[] | null;
  /** Open orders; may also carry recently closed orders with their final status. */
  orders: BrokerOrder[] | null;
  cash: BrokerCash[] | null;
}

export interface BrokerSnapshot {
  format: BrokerFormat;
  fileName: string;
  /** When the broker took the snapshot, if the file says. */
  asOf: string | null;
  accounts: BrokerAccountSnapshot[];
  /** What the reviewer must know about how the file was read (what it cannot say, what was left out); "WARNING: …" for the loud ones. */
  notes?: string[];
}

/** CSV column mapping: header names, or 1-based column numbers as strings ("3"). */
export interface CsvMapping {
  /** Which column says what a row is ("position", "order", "cash"); absent = every row is a position. */
  kind?: string;
  account?: string;
  symbol?: string;
  quantity?: string;
  avgPrice?: string;
  side?: string;
  orderId?: string;
  clientOrderId?: string;
  filledQuantity?: string;
  limitPrice?: string;
  status?: string;
  currency?: string;
  amount?: string;
  /** Account for rows without an account column. */
  defaultAccount?: string;
  delimiter?: ',' | ';' | '\t';
}

export const DISCREPANCY_KINDS = [
  'missing_locally',
  'missing_at_broker',
  'quantity_mismatch',
  'price_mismatch',
  'order_status_mismatch',
  'orphaned_order',
  'external_order',
  'outcome_unknown',
  'cash_mismatch',
  'unmapped_symbol',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];
export type Severity = 'critical' | 'warning' | 'info';

export interface Tolerance {
  /** Absolute difference allowed (a decimal string), e.g. "0.01". */
  abs?: string;
  /** Relative difference allowed, as a fraction of the broker value (a decimal string), e.g. "0.001". */
  rel?: string;
}

export interface Tolerances {
  quantity?: Tolerance;
  price?: Tolerance;
  cash?: Tolerance;
  /** Overrides for one account. */
  accounts?: Record<string, { quantity?: Tolerance; price?: Tolerance; cash?: Tolerance }>;
}

export type ReconcileStrategy = 'warn' | 'sync' | 'halt';
export type Resolution = 'accept_broker' | 'keep_local' | 'ignore';

export interface Discrepancy {
  /** Stable within a run: F0001, F0002, ... */
  itemId: string;
  accountId: string;
  kind: DiscrepancyKind;
  severity: Severity;
  /** The local symbol (or the broker's, when unmapped). */
  symbol: string | null;
  /** The order's id, for order kinds. */
  orderRef: string | null;
  strategyIds: string[];
  local: Record<string, string | null> | null;
  broker: Record<string, string | null> | null;
  /** Field → broker − local, for decimal fields. */
  delta: Record<string, string>;
  /** Differences no larger than the tolerance are recorded but do not fail the run. */
  withinTolerance: boolean;
  message: string;
  brokerAt: string | null;
  resolution: Resolution | null;
  resolutionReason: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export interface ReconcileSummary {
  byKind: Partial<Record<DiscrepancyKind, number>>;
  bySeverity: Partial<Record<Severity, number>>;
  perAccount: Record<string, { total: number; open: number; critical: number; cashDelta: Record<string, string> }>;
  aboveTolerance: number;
  unresolved: number;
  /** Sections compared, per account: false when the broker did not report it, or our side does not keep it. */
  coverage: Record<string, { positions: boolean; orders: boolean; cash: boolean }>;
  /** How our side was read: whether it keeps cash (a Freqtrade database does not), and what the reviewer must know. */
  local?: LocalSideFacts;
  /** How the broker's file was read: what the reviewer must know ("WARNING: …" for the loud ones). */
  broker?: BrokerSideFacts;
  verdict: string;
}

export interface LocalSideFacts {
  cashCovered: boolean;
  notes: string[];
}

export interface BrokerSideFacts {
  notes: string[];
}

export interface ReconcileRun {
  runId: string;
  createdAt: string;
  actor: string;
  against: string;
  format: BrokerFormat;
  fileName: string;
  fileSha256: string;
  strategy: ReconcileStrategy;
  tolerances: Tolerances;
  /** The checkpoint taken before a sync, to undo it. */
  checkpointId: string | null;
  /** The run this one re-checks, if any. */
  recheckOf: string | null;
  summary: ReconcileSummary;
}

export interface ReconcileReport extends ReconcileRun {
  discrepancies: Discrepancy[];
}

/**
 * A symbol mapping (broker symbol → desk symbol, one account's) must be one-to-one: the first two
 * broker symbols, in order, that it sends to one desk symbol, or null when there are none.
 */
export function manyToOne(map: Readonly<Record<string, string>>): { symbol: string; brokerSymbols: [string, string] } | null {
  const first = new Map<string, string>();
  for (const broker of Object.keys(map).sort()) {
    const symbol = map[broker];
    const prev = first.get(symbol);
    if (prev !== undefined) return { symbol, brokerSymbols: [prev, broker] };
    first.set(symbol, broker);
  }
  return null;
}
