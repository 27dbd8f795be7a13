// A bot's state file after detection and validation: every decimal canonical, every timestamp
// ISO UTC, every item still knowing its JSON path so a later (database) check can point at it.
import type { Order } from '../../../shared/domain';
import type { JsonPath } from './json-locate';

export type StateFileFormat = 'strategy-checkpoint' | 'execution-checkpoint';

export interface ParsedPosition {
  path: JsonPath;
  /** Where the quantity is written (the item's `quantity`, or the map entry itself). */
  quantityPath: JsonPath;
  symbol: string;
  /** May be negative (a short); whether the account allows that is checked on import. */
  quantity: string;
  avgPrice: string | null;
  lastPrice: string | null;
  /** null: the file did not say (the importer derives it from the symbol or the account). */
  currency: string | null;
}

export interface ParsedOrder
  extends Pick<
    Order,
    'orderId' | 'clientOrderId' | 'brokerOrderId' | 'symbol' | 'side' | 'type' | 'quantity' | 'filledQuantity' | 'limitPrice' | 'stopPrice' | 'avgFillPrice' | 'status'
  > {
  path: JsonPath;
  /** null: the file did not say (the importer uses the checkpoint's timestamp). */
  createdAt: string | null;
}

interface ParsedCommon {
  fileName: string;
  /** Accepted, but worth a word in the import report and audit entry (`file:line:col: path: what`). */
  warnings: string[];
  /** When the bot wrote the checkpoint, ISO UTC. */
  timestamp: string;
  /** The file's own `account_id`, if any. */
  accountId: string | null;
  positions: ParsedPosition[];
  openOrders: ParsedOrder[];
  completedOrders: ParsedOrder[];
  /** The strategy's cash (cash_balance / cash), canonical; sign checked against the account on import. */
  cash: string;
  cashPath: JsonPath;
  /** `file:line:col` of a JSON path, for errors found after parsing. */
  where(path: JsonPath): string;
}

export interface StrategyCheckpointFile extends ParsedCommon {
  format: 'strategy-checkpoint';
  strategyName: string;
  /** strategy_state as plain JSON (exact numbers a float cannot hold are kept as strings). */
  strategyState: Record<string, unknown>;
}

export interface ExecutionCheckpointFile extends ParsedCommon {
  format: 'execution-checkpoint';
  simulatorId: string;
  version: string | number;
  initialCash: string;
  peakValue: string;
  dailyStartValue: string;
  tradingEnabled: boolean;
  /** Every top-level key the format does not define: the simulator's configuration. */
  config: Record<string, unknown>;
}

export type ParsedStateFile = StrategyCheckpointFile | ExecutionCheckpointFile;
