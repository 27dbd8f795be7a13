// The columns of the two windowed lists, positions and orders, and which of them hold decimals:
// decided here once. The engine filters and sorts with it, the API takes filters on these columns
// only, and the console's tables show decimal columns (aligned, exact, ">0"-style filters) from it.
import type { FilterKind } from './table-filters';

/** A positions window's columns, market value and unrealized P&L worked out (shared/positions.ts). */
export const POSITION_COLUMNS = {
  accountId: 'text',
  strategyId: 'text',
  symbol: 'text',
  quantity: 'decimal',
  avgPrice: 'decimal',
  lastPrice: 'decimal',
  costBasis: 'decimal',
  marketValue: 'decimal',
  unrealizedPnl: 'decimal',
  currency: 'text',
  updatedAt: 'text',
} as const satisfies Record<string, FilterKind>;
export type PositionColumn = keyof typeof POSITION_COLUMNS;

/** An orders window's columns. */
export const ORDER_COLUMNS = {
  updatedAt: 'text',
  orderId: 'text',
  symbol: 'text',
  side: 'text',
  status: 'text',
  type: 'text',
  quantity: 'decimal',
  filledQuantity: 'decimal',
  limitPrice: 'decimal',
  stopPrice: 'decimal',
  avgFillPrice: 'decimal',
  accountId: 'text',
  strategyId: 'text',
  clientOrderId: 'text',
  brokerOrderId: 'text',
  parentOrderId: 'text',
  createdAt: 'text',
} as const satisfies Record<string, FilterKind>;
export type OrderColumn = keyof typeof ORDER_COLUMNS;

export const columnIds = <C extends string>(columns: Record<C, FilterKind>): [C, ...C[]] => Object.keys(columns) as [C, ...C[]];

export const isDecimalColumn = <C extends string>(columns: Record<C, FilterKind>, column: C): boolean => columns[column] === 'decimal';
