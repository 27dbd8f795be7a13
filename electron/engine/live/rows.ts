// Mapping between database rows (snake_case, decimals as TEXT) and domain objects.
import type { Account, CashBalance, Order, Position, RiskState, Strategy } from '../../../shared/domain';
import { isOpenStatus } from '../../../shared/domain';
import { Dec, toStored } from '../../../shared/decimal';

export interface AccountRow {
  account_id: string;
  name: string;
  broker: string;
  kind: Account['kind'];
  account_type: Account['accountType'];
  base_currency: string;
  created_at: string;
}
export const toAccount = (r: AccountRow): Account => ({
  accountId: r.account_id,
  name: r.name,
  broker: r.broker,
  kind: r.kind,
  accountType: r.account_type,
  baseCurrency: r.base_currency,
  createdAt: r.created_at,
});
export const fromAccount = (a: Account): AccountRow => ({
  account_id: a.accountId,
  name: a.name,
  broker: a.broker,
  kind: a.kind,
  account_type: a.accountType,
  base_currency: a.baseCurrency,
  created_at: a.createdAt,
});

export interface StrategyRow {
  strategy_id: string;
  account_id: string;
  name: string;
  status: Strategy['status'];
  cash: string;
  state_json: string;
  updated_at: string;
}
export const toStrategy = (r: StrategyRow): Strategy => ({
  strategyId: r.strategy_id,
  accountId: r.account_id,
  name: r.name,
  status: r.status,
  cash: r.cash,
  state: JSON.parse(r.state_json),
  updatedAt: r.updated_at,
});

export interface PositionRow {
  strategy_id: string;
  symbol: string;
  account_id: string;
  quantity: string;
  avg_price: string | null;
  last_price: string | null;
  currency: string;
  updated_at: string;
}
export const toPosition = (r: PositionRow): Position => ({
  accountId: r.account_id,
  strategyId: r.strategy_id,
  symbol: r.symbol,
  quantity: r.quantity,
  avgPrice: r.avg_price,
  costBasis: r.avg_price === null ? null : toStored(new Dec(r.quantity).times(r.avg_price)),
  lastPrice: r.last_price,
  currency: r.currency,
  updatedAt: r.updated_at,
});
export const fromPosition = (p: Omit<Position, 'costBasis'>): PositionRow => ({
  strategy_id: p.strategyId,
  symbol: p.symbol,
  account_id: p.accountId,
  quantity: p.quantity,
  avg_price: p.avgPrice,
  last_price: p.lastPrice,
  currency: p.currency,
  updated_at: p.updatedAt,
});

export interface OrderRow {
  order_id: string;
  client_order_id: string | null;
  broker_order_id: string | null;
  account_id: string;
  strategy_id: string;
  symbol: string;
  side: Order['side'];
  type: Order['type'];
  quantity: string;
  filled_quantity: string;
  limit_price: string | null;
  stop_price: string | null;
  avg_fill_price: string | null;
  status: Order['status'];
  is_open: number;
  parent_order_id: string | null;
  stop_order_id: string | null;
  take_profit_order_id: string | null;
  created_at: string;
  updated_at: string;
}
export const toOrder = (r: OrderRow): Order => ({
  orderId: r.order_id,
  clientOrderId: r.client_order_id,
  brokerOrderId: r.broker_order_id,
  accountId: r.account_id,
  strategyId: r.strategy_id,
  symbol: r.symbol,
  side: r.side,
  type: r.type,
  quantity: r.quantity,
  filledQuantity: r.filled_quantity,
  limitPrice: r.limit_price,
  stopPrice: r.stop_price,
  avgFillPrice: r.avg_fill_price,
  status: r.status,
  parentOrderId: r.parent_order_id,
  stopOrderId: r.stop_order_id,
  takeProfitOrderId: r.take_profit_order_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const fromOrder = (o: Order): OrderRow => ({
  order_id: o.orderId,
  client_order_id: o.clientOrderId,
  broker_order_id: o.brokerOrderId,
  account_id: o.accountId,
  strategy_id: o.strategyId,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  quantity: o.quantity,
  filled_quantity: o.filledQuantity,
  limit_price: o.limitPrice,
  stop_price: o.stopPrice,
  avg_fill_price: o.avgFillPrice,
  status: o.status,
  is_open: isOpenStatus(o.status) ? 1 : 0,
  parent_order_id: o.parentOrderId,
  stop_order_id: o.stopOrderId,
  take_profit_order_id: o.takeProfitOrderId,
  created_at: o.createdAt,
  updated_at: o.updatedAt,
});

export interface CashRow {
  account_id: string;
  currency: string;
  amount: string;
  updated_at: string;
}
export const toCash = (r: CashRow): CashBalance => ({
  accountId: r.account_id,
  currency: r.currency,
  amount: r.amount,
  updatedAt: r.updated_at,
});

export interface RiskRow {
  account_id: string;
  strategy_id: string;
  peak_value: string;
  daily_start_value: string;
  trading_enabled: number;
  halt_reason: string | null;
  limits_json: string;
  updated_at: string;
}
export const toRisk = (r: RiskRow): RiskState => ({
  accountId: r.account_id,
  strategyId: r.strategy_id,
  peakValue: r.peak_value,
  dailyStartValue: r.daily_start_value,
  tradingEnabled: r.trading_enabled === 1,
  haltReason: r.halt_reason,
  limits: JSON.parse(r.limits_json) as Record<string, string>,
  updatedAt: r.updated_at,
});
export const fromRisk = (r: RiskState): RiskRow => ({
  account_id: r.accountId,
  strategy_id: r.strategyId,
  peak_value: r.peakValue,
  daily_start_value: r.dailyStartValue,
  trading_enabled: r.tradingEnabled ? 1 : 0,
  halt_reason: r.haltReason,
  limits_json: JSON.stringify(r.limits),
  updated_at: r.updatedAt,
});
