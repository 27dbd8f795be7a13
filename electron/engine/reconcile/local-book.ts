// Our side of a reconciliation: positions, open orders and cash per account, from the live state,
// a checkpoint, or a Freqtrade database; and our closed orders, for broker orders that name one.
import type { Account, AccountType } from '../../../shared/domain';

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
  /** Closed orders, looked up by the ids a broker order carries. */
  closedOrders: ClosedOrders;
  cash: LocalCash[];
  /** Symbols the desk knows per account (positions and orders), for symbol resolution. */
  knownSymbols: Map<string, Set<string>>;
  /** False when our side keeps no cash (a Freqtrade database): cash is then not compared. Absent = true. */
  cashCovered?: boolean;
  /** What the reviewer must know about how our side was read (a lost WAL, ...). */
  notes?: string[];
}

/** Just the fields a reconciliation reads, from an Order or any wider record. */
export const localOrder = (o: LocalOrder): LocalOrder => ({
  accountId: o.accountId,
  strategyId: o.strategyId,
  orderId: o.orderId,
  clientOrderId: o.clientOrderId,
  brokerOrderId: o.brokerOrderId,
  symbol: o.symbol,
  side: o.side,
  quantity: o.quantity,
  filledQuantity: o.filledQuantity,
  limitPrice: o.limitPrice,
  status: o.status,
});

/** A book from its parts; the symbols it knows are those of its positions, open orders and `symbols`. */
export function makeBook(
  source: string,
  accounts: Account[],
  positions: LocalPosition[],
  orders: LocalOrder[],
  closedOrders: ClosedOrders,
  cash: LocalCash[],
  symbols: { accountId: string; symbol: string }[],
): LocalBook {
  const knownSymbols = new Map<string, Set<string>>();
  for (const s of [...positions, ...orders, ...symbols]) (knownSymbols.get(s.accountId) ?? knownSymbols.set(s.accountId, new Set()).get(s.accountId)!).add(s.symbol);
  return {
    source,
    accounts: new Map(accounts.map((a) => [a.accountId, { accountType: a.accountType, baseCurrency: a.baseCurrency }])),
    positions,
    orders,
    closedOrders,
    cash,
    knownSymbols,
    cashCovered: true,
    notes: [],
  };
}

export interface ClosedOrders {
  /**
   * The closed order of this account the broker order names: by broker order id first, then by
   * client order id (ours, else our order id, which is what we send as the client order id).
   */
  find(accountId: string, brokerOrderId: string | null, clientOrderId: string | null): LocalOrder | null;
}
