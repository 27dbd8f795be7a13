// The live state of a desk, as stored and as sent over the wire.
// Every money or quantity field is a canonical decimal string (see decimal.ts).

export type AccountKind = 'equities' | 'crypto';
export type AccountType = 'cash' | 'margin';

export interface Account {
  accountId: string;
  name: string;
  broker: string;
  kind: AccountKind;
  /** A cash account may never hold a negative balance; a margin account may borrow. */
  accountType: AccountType;
  baseCurrency: string;
  createdAt: string;
}

export type StrategyStatus = 'running' | 'paused' | 'stopped';

export interface Strategy {
  strategyId: string;
  accountId: string;
  name: string;
  status: StrategyStatus;
  /** Cash the strategy believes it has, in the account's base currency. */
  cash: string;
  /** The strategy's own JSON document (indicators, counters, config). */
  state: unknown;
  updatedAt: string;
}

export interface Position {
  accountId: string;
  strategyId: string;
  symbol: string;
  quantity: string;
  /** Average entry price; null when the source did not say. */
  avgPrice: string | null;
  /** quantity × avgPrice, in the position's currency; null when avgPrice is unknown. */
  costBasis: string | null;
  lastPrice: string | null;
  currency: string;
  updatedAt: string;
}

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];
export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export const ORDER_STATUSES = [
  'new',
  'accepted',
  'partially_filled',
  'pending_cancel',
  'filled',
  'cancelled',
  'rejected',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['new', 'accepted', 'partially_filled', 'pending_cancel'];
export const isOpenStatus = (s: OrderStatus): boolean => OPEN_ORDER_STATUSES.includes(s);

export interface Order {
  orderId: string;
  clientOrderId: string | null;
  brokerOrderId: string | null;
  accountId: string;
  strategyId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: string;
  filledQuantity: string;
  limitPrice: string | null;
  stopPrice: string | null;
  avgFillPrice: string | null;
  status: OrderStatus;
  parentOrderId: string | null;
  stopOrderId: string | null;
  takeProfitOrderId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CashBalance {
  accountId: string;
  currency: string;
  amount: string;
  updatedAt: string;
}

/** Risk state of an account (strategyId '') or of one strategy within it. */
export interface RiskState {
  accountId: string;
  strategyId: string;
  peakValue: string;
  dailyStartValue: string;
  tradingEnabled: boolean;
  haltReason: string | null;
  /** Limits such as maxPositionValue, maxDailyLoss: decimal strings by name. */
  limits: Record<string, string>;
  updatedAt: string;
}

export interface Artifact {
  name: string;
  version: number;
  sha256: string;
  size: number;
  strategyId: string | null;
  createdAt: string;
}

export interface Setting {
  key: string;
  value: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: unknown;
  prevHash: string;
  hash: string;
}
