// Our side of a reconciliation: positions, open orders and cash per account, from the live state,
// a checkpoint, or a Freqtrade database.
import type { AccountType } from '../../../shared/domain';

export interface LocalPosition {
  accountId: string;
  strategyId: string;
  symbol: string;
  quantity: string;
  avgPrice: string | null;
}

export interface LocalOrder {
  accountId: string;
  strategyId: string;
  orderId: string;
  clientOrderId: string | null;
  brokerOrderId: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: string;
  filledQuantity: string;
  limitPrice: string | null;
  status: string;
}

export interface LocalCash {
  accountId: string;
  currency: string;
  amount: string;
}

export interface LocalBook {
  /** What the book was read from: "live", a checkpoint id, or "freqtrade:PATH". */
  source: string;
  accounts: Map<string, { accountType: AccountType; baseCurrency: string }>;
  positions: LocalPosition[];
  /** Open orders only. */
  orders: LocalOrder[];
  cash: LocalCash[];
  /** Symbols the desk knows per account (positions and orders), for symbol resolution. */
  knownSymbols: Map<string, Set<string>>;
}
