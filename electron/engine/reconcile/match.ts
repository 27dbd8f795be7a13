// Matching a broker snapshot against our books: a pure function from (books, snapshot, symbol
// mappings, tolerances) to the list of discrepancies, in a stable order with stable item ids.
import type { BrokerAccountSnapshot, BrokerOrder, BrokerSnapshot, ContractTerms, Discrepancy, DiscrepancyKind, Severity, Tolerances } from '../../../shared/api/reconcile';
import { DISCREPANCY_KINDS } from '../../../shared/api/reconcile';
import { Dec, toStored, ZERO } from '../../../shared/decimal';
import type { LocalBook, LocalOrder, LocalPosition } from './local-book';
import { refuseMergedSymbols } from './symbol-collisions';
import { resolveSymbol, type SymbolMap } from './symbols';
import { netAveragePrice } from './average-price';
import { toleranceFor, withinTolerance } from './tolerance';
import { repeatedClientIds } from './importers/duplicates';

/** A discrepancy before it is numbered (item ids follow the final order). */
type Unnumbered = Omit<Discrepancy, 'itemId' | 'resolution' | 'resolutionReason' | 'resolvedBy' | 'resolvedAt'>;

const SEVERITY: Record<DiscrepancyKind, Severity> = {
  missing_locally: 'critical',
  missing_at_broker: 'critical',
  quantity_mismatch: 'critical',
  price_mismatch: 'warning',
  order_status_mismatch: 'warning',
  orphaned_order: 'warning',
  external_order: 'critical',
  outcome_unknown: 'warning',
  cash_mismatch: 'critical',
  unmapped_symbol: 'warning',
};

const OPEN_AT_BROKER = new Set(['open', 'partially_filled', 'pending_cancel']);

export function matchSnapshot(book: LocalBook, snapshot: BrokerSnapshot, mappings: Map<string, SymbolMap>, tolerances: Tolerances): Discrepancy[] {
  const discrepancies: Unnumbered[] = [];
  for (const account of snapshot.accounts) {
    const mapping = mappings.get(account.accountId) ?? new Map();
    const known = book.knownSymbols.get(account.accountId) ?? new Set<string>();
    refuseMergedSymbols(account, mapping, known, snapshot.fileName);
    const toDesk = (brokerSymbol: string, at: string): string | null => {
      const r = resolveSymbol(brokerSymbol, mapping, known);
      if (r.symbol !== null) return r.symbol;
      if (r.lookalike === null) return brokerSymbol; // an instrument the desk has never traded
      discrepancies.push(discrepancy(account.accountId, 'unmapped_symbol', brokerSymbol, null, [], null, { symbol: brokerSymbol }, {}, false,
        `broker symbol ${brokerSymbol} has no mapping; it looks like ${r.lookalike} — add the mapping to compare it`, at));
      return null;
    };
    if (account.positions) discrepancies.push(...matchPositions(book, account, toDesk, tolerances));
    if (account.orders) discrepancies.push(...matchOrders(book, account, toDesk));
    if (account.cash && book.cashCovered !== false) discrepancies.push(...matchCash(book, account, tolerances));
  }
  discrepancies.sort(byAccountKindRef);
  return discrepancies.map((f, i) => ({
    ...f,
    itemId: `F${String(i + 1).padStart(4, '0')}`,
    resolution: null,
    resolutionReason: null,
    resolvedBy: null,
    resolvedAt: null,
  }));
}

function matchPositions(book: LocalBook, account: BrokerAccountSnapshot, toDesk: (s: string, at: string) => string | null, tolerances: Tolerances): Unnumbered[] {
  const out: Unnumbered[] = [];
  const accountId = account.accountId;
  const local = new Map<string, LocalPosition[]>();
  for (const p of book.positions) if (p.accountId === accountId) (local.get(p.symbol) ?? local.set(p.symbol, []).get(p.symbol)!).push(p);
  const broker = new Map<string, { quantity: Dec; avgPrice: string | null; contracts: ContractTerms | null; at: string }>();
  for (const p of account.positions!) {
    const symbol = toDesk(p.symbol, p.at);
    if (symbol === null) continue;
    const prev = broker.get(symbol);
    broker.set(symbol, {
      quantity: (prev?.quantity ?? ZERO).plus(p.quantity),
      avgPrice: prev ? null : p.avgPrice,
      contracts: prev ? null : (p.contracts ?? null),
      at: prev ? `${prev.at}, ${p.at}` : p.at,
    });
  }
  const qtyTol = toleranceFor(tolerances, accountId, 'quantity');
  const priceTol = toleranceFor(tolerances, accountId, 'price');
  for (const symbol of [...new Set([...local.keys(), ...broker.keys()])].sort()) {
    const mine = local.get(symbol) ?? [];
    const theirs = broker.get(symbol);
    const strategies = mine.map((p) => p.strategyId).sort();
    const localQty = mine.reduce((n, p) => n.plus(p.quantity), ZERO);
    const localAvg = netAveragePrice(mine);
    const localView = mine.length ? { quantity: toStored(localQty), avgPrice: localAvg } : null;
    if (!theirs || theirs.quantity.isZero()) {
      if (!localQty.isZero()) {
        out.push(discrepancy(accountId, 'missing_at_broker', symbol, null, strategies, localView, theirs ? { quantity: '0', avgPrice: null } : null,
          { quantity: toStored(localQty.neg()) }, false, `we hold ${toStored(localQty)} ${symbol}; the broker reports no position`, theirs?.at ?? null));
      }
      continue;
    }
    const brokerView = { quantity: toStored(theirs.quantity), avgPrice: theirs.avgPrice, ...contractView(theirs.contracts) };
    if (localQty.isZero()) {
      out.push(discrepancy(accountId, 'missing_locally', symbol, null, [], null, brokerView, { quantity: toStored(theirs.quantity) }, false,
        `the broker holds ${toStored(theirs.quantity)} ${symbol}; we have no position`, theirs.at));
      continue;
    }
    if (!theirs.quantity.eq(localQty)) {
      const tolerated = withinTolerance(toStored(localQty), toStored(theirs.quantity), qtyTol);
      out.push(discrepancy(accountId, 'quantity_mismatch', symbol, null, strategies, localView, brokerView, { quantity: toStored(theirs.quantity.minus(localQty)) }, tolerated,
        `we hold ${toStored(localQty)} ${symbol}, the broker ${toStored(theirs.quantity)}`, theirs.at));
    }
    if (localAvg !== null && theirs.avgPrice !== null && !samePrice(localAvg, theirs.avgPrice)) {
      const tolerated = withinTolerance(localAvg, theirs.avgPrice, priceTol);
      out.push(discrepancy(accountId, 'price_mismatch', symbol, null, strategies, localView, brokerView, { avgPrice: toStored(new Dec(theirs.avgPrice).minus(localAvg)) }, tolerated,
        `average price ${localAvg} here, ${theirs.avgPrice} at the broker`, theirs.at));
    }
  }
  return out;
}

/** Prices compare at the broker's own precision: its 64123.5 is our 64123.4999… averaged over legs. */
function samePrice(local: string, broker: string): boolean {
  const scale = broker.includes('.') ? broker.length - broker.indexOf('.') - 1 : 0;
  return new Dec(local).toDecimalPlaces(scale, Dec.ROUND_HALF_EVEN).eq(broker);
}

function matchOrders(book: LocalBook, account: BrokerAccountSnapshot, toDesk: (s: string, at: string) => string | null): Unnumbered[] {
  const out: Unnumbered[] = [];
  const accountId = account.accountId;
  const mine = book.orders.filter((o) => o.accountId === accountId);
  const byBrokerId = new Map<string, BrokerOrder>();
  const byClientId = new Map<string, BrokerOrder>();
  // A client order id the broker repeats (Kraken's "0") identifies no order: those match by broker id alone.
  const repeated = repeatedClientIds(account.orders!);
  const clientId = (o: BrokerOrder) => (o.clientOrderId && !repeated.has(o.clientOrderId) ? o.clientOrderId : null);
  for (const o of account.orders!) {
    if (o.brokerOrderId) byBrokerId.set(o.brokerOrderId, o);
    if (clientId(o)) byClientId.set(clientId(o)!, o);
  }
  const matched = new Set<BrokerOrder>();
  for (const o of mine) {
    const theirs =
      (o.brokerOrderId ? byBrokerId.get(o.brokerOrderId) : undefined) ??
      (o.clientOrderId ? byClientId.get(o.clientOrderId) : undefined) ??
      byClientId.get(o.orderId);
    const localView = orderView(o);
    if (theirs) {
      matched.add(theirs);
      if (OPEN_AT_BROKER.has(theirs.status)) continue;
      out.push(discrepancy(accountId, 'order_status_mismatch', o.symbol, o.orderId, [o.strategyId], localView, brokerOrderView(theirs),
        { filledQuantity: toStored(new Dec(theirs.filledQuantity).minus(o.filledQuantity)) }, false,
        `order ${o.orderId} is ${o.status} here but ${theirs.status} at the broker`, theirs.at, theirs.status === 'filled' ? 'critical' : undefined));
    } else if (o.status === 'pending_cancel') {
      out.push(discrepancy(accountId, 'outcome_unknown', o.symbol, o.orderId, [o.strategyId], localView, null, {}, false,
        `order ${o.orderId} was being cancelled and the broker no longer lists it: filled or cancelled cannot be told from this snapshot`, null));
    } else {
      out.push(discrepancy(accountId, 'orphaned_order', o.symbol, o.orderId, [o.strategyId], localView, null, {}, false,
        `order ${o.orderId} is ${o.status} here; the broker does not list it as open`, null));
    }
  }
  for (const theirs of account.orders!) {
    if (matched.has(theirs) || !OPEN_AT_BROKER.has(theirs.status)) continue;
    // Open at the broker, closed here (filled or cancelled since the broker's snapshot, or by us).
    const closed = book.closedOrders.find(accountId, theirs.brokerOrderId, clientId(theirs));
    if (closed) {
      out.push(discrepancy(accountId, 'order_status_mismatch', closed.symbol, closed.orderId, [closed.strategyId], orderView(closed), brokerOrderView(theirs),
        { filledQuantity: toStored(new Dec(theirs.filledQuantity).minus(closed.filledQuantity)) }, false,
        `order ${closed.orderId} is ${closed.status} here but ${theirs.status} at the broker`, theirs.at));
      continue;
    }
    const symbol = toDesk(theirs.symbol, theirs.at) ?? theirs.symbol;
    const ref = theirs.brokerOrderId ?? clientId(theirs) ?? theirs.at;
    out.push(discrepancy(accountId, 'external_order', symbol, ref, [], null, brokerOrderView(theirs), {}, false,
      `the broker has an open ${theirs.side} order ${ref} for ${sizeText(theirs, symbol)} that we do not know`, theirs.at));
  }
  return out;
}

function matchCash(book: LocalBook, account: BrokerAccountSnapshot, tolerances: Tolerances): Unnumbered[] {
  const out: Unnumbered[] = [];
  const accountId = account.accountId;
  const mine = new Map(book.cash.filter((c) => c.accountId === accountId).map((c) => [c.currency, c.amount]));
  const theirs = new Map<string, { amount: Dec; at: string }>();
  for (const c of account.cash!) {
    const prev = theirs.get(c.currency);
    theirs.set(c.currency, { amount: (prev?.amount ?? ZERO).plus(c.amount), at: prev ? `${prev.at}, ${c.at}` : c.at });
  }
  const tol = toleranceFor(tolerances, accountId, 'cash');
  // A currency the broker does not list is not reported (unlisted-cash.ts names it), never "0 at the broker".
  for (const currency of [...theirs.keys()].sort()) {
    const local = mine.get(currency) ?? '0';
    const broker = theirs.get(currency)!;
    const brokerAmount = toStored(broker.amount);
    if (new Dec(local).eq(brokerAmount)) continue;
    out.push(discrepancy(accountId, 'cash_mismatch', currency, null, [], { amount: local }, { amount: brokerAmount },
      { amount: toStored(new Dec(brokerAmount).minus(local)) }, withinTolerance(local, brokerAmount, tol),
      `${currency} cash is ${local} here, ${brokerAmount} at the broker`, broker.at));
  }
  return out;
}

/** A position counted in contracts says so: "OPT × 100", "swap × 100 USD · -0.01875 BTC" (an inverse one in coin too). */
const contractView = (c: ContractTerms | null): { contract?: string } =>
  c === null ? {} : { contract: `${c.assetClass ? `${c.assetClass} ` : ''}× ${c.multiplier}${c.multiplierUnit ? ` ${c.multiplierUnit}` : ''}${c.coin ? ` · ${c.coin.amount} ${c.coin.currency}` : ''}` };

const orderView = (o: LocalOrder) => ({
  orderId: o.orderId,
  brokerOrderId: o.brokerOrderId,
  clientOrderId: o.clientOrderId,
  side: o.side,
  quantity: o.quantity,
  filledQuantity: o.filledQuantity,
  limitPrice: o.limitPrice,
  status: o.status,
});

/** "5 AAPL", or for an order sized in money "AAPL worth 500 (quantity not reported)". */
const sizeText = (o: BrokerOrder, symbol: string) =>
  o.quantity !== null ? `${o.quantity} ${symbol}` : `${symbol}${o.notional ? ` worth ${o.notional}` : ''} (quantity not reported)`;

const brokerOrderView = (o: BrokerOrder) => ({
  brokerOrderId: o.brokerOrderId,
  clientOrderId: o.clientOrderId,
  side: o.side,
  quantity: o.quantity,
  ...(o.notional ? { notional: o.notional } : {}),
  filledQuantity: o.filledQuantity,
  limitPrice: o.limitPrice,
  status: o.status,
  symbol: o.symbol,
});

function discrepancy(
  accountId: string,
  kind: DiscrepancyKind,
  symbol: string | null,
  orderRef: string | null,
  strategyIds: string[],
  local: Record<string, string | null> | null,
  broker: Record<string, string | null> | null,
  delta: Record<string, string>,
  withinTol: boolean,
  message: string,
  brokerAt: string | null,
  severity?: Severity,
): Unnumbered {
  return {
    accountId,
    kind,
    severity: withinTol ? 'info' : (severity ?? SEVERITY[kind]),
    symbol,
    orderRef,
    strategyIds: [...new Set(strategyIds)],
    local,
    broker,
    delta,
    withinTolerance: withinTol,
    message,
    brokerAt,
  };
}

const KIND_ORDER = new Map(DISCREPANCY_KINDS.map((k, i) => [k, i]));

function byAccountKindRef(a: Unnumbered, b: Unnumbered): number {
  return (
    a.accountId.localeCompare(b.accountId) ||
    KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! ||
    (a.symbol ?? '').localeCompare(b.symbol ?? '') ||
    (a.orderRef ?? '').localeCompare(b.orderRef ?? '')
  );
}
