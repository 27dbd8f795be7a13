// Planting known differences into a copy of our books, one of each kind per account, so a
// reconciliation of the demo desk has a known right answer.
import type { BrokerAccountSnapshot, BrokerPosition, DiscrepancyKind } from '../../../../shared/api/reconcile';
import { Dec, toStored } from '../../../../shared/decimal';
import type { Rng } from '../rng';

export interface Planted {
  accountId: string;
  kind: DiscrepancyKind;
  symbol: string | null;
  orderRef: string | null;
}

const NEW_EQUITIES = ['DIS', 'NKE', 'SBUX', 'TGT', 'LOW', 'UPS', 'DE', 'CAT'];
const NEW_CRYPTO = ['LTC/USDT', 'DOGE/USDT', 'ADA/USDT', 'DOT/USDT', 'TRX/USDT', 'BCH/USDT'];

export interface PlantOptions {
  /** Whether the format can say an order was filled or cancelled (CCXT open orders cannot). */
  closedOrders: boolean;
  /** false: the format lists no orders at all (IBKR Flex): the orders section is not reported and nothing is planted there. */
  orders?: boolean;
  isCrypto: boolean;
  known: ReadonlySet<string>;
  /** Our order id for each client order id, so planted order differences name our order. */
  localOrderIds: ReadonlyMap<string, string>;
}

export function plant(account: BrokerAccountSnapshot, rng: Rng, options: PlantOptions): { account: BrokerAccountSnapshot; planted: Planted[] } {
  const a: BrokerAccountSnapshot = structuredClone(account);
  const planted: Planted[] = [];
  const note = (kind: DiscrepancyKind, symbol: string | null, orderRef: string | null) => planted.push({ accountId: a.accountId, kind, symbol, orderRef });
  const positions = a.positions!;
  const [qty, price, gone] = rng.sample(positions.filter((p) => p.avgPrice !== null), 3);
  if (qty) {
    const q = new Dec(qty.quantity);
    qty.quantity = toStored(q.plus(q.abs().gte(10) ? q.abs().div(10).floor().plus(1) : new Dec('0.5')));
    note('quantity_mismatch', qty.symbol, null);
  }
  if (price) {
    price.avgPrice = toStored(new Dec(price.avgPrice!).times('1.02').toDecimalPlaces(6));
    note('price_mismatch', price.symbol, null);
  }
  if (gone) {
    a.positions = positions.filter((p) => p !== gone);
    note('missing_at_broker', gone.symbol, null);
  }
  const candidates = (options.isCrypto ? NEW_CRYPTO : NEW_EQUITIES).filter((s) => !options.known.has(s));
  if (candidates.length) {
    const symbol = rng.pick(candidates);
    a.positions!.push({ symbol, quantity: options.isCrypto ? '1.25' : '40', avgPrice: options.isCrypto ? '71.4' : '102.37', at: '' });
    note('missing_locally', symbol, null);
  }

  if (options.orders === false) a.orders = null;
  else plantOrders(a, positions, rng, options, note);

  const cash = a.cash!.find((c) => !new Dec(c.amount).isZero()) ?? a.cash![0];
  if (cash) {
    cash.amount = toStored(new Dec(cash.amount).plus('125.5'));
    note('cash_mismatch', cash.currency, null);
  }
  return { account: a, planted };
}

/** `positions` are the account's positions as they came (the external order is for the first of them). */
function plantOrders(
  a: BrokerAccountSnapshot,
  positions: BrokerPosition[],
  rng: Rng,
  options: PlantOptions,
  note: (kind: DiscrepancyKind, symbol: string | null, orderRef: string | null) => void,
): void {
  const orders = a.orders!;
  const plain = rng.shuffle(orders.filter((o) => o.status === 'open' && o.clientOrderId));
  if (options.closedOrders && plain.length) {
    const filled = plain.shift()!;
    filled.status = 'filled';
    filled.filledQuantity = filled.quantity ?? filled.filledQuantity; // the demo's orders always have a quantity
    note('order_status_mismatch', null, options.localOrderIds.get(filled.clientOrderId!) ?? null);
  }
  const orphan = plain.shift();
  const cancelling = orders.find((o) => o.status === 'pending_cancel' && o.clientOrderId);
  a.orders = orders.filter((o) => o !== orphan && o !== cancelling);
  if (orphan) note('orphaned_order', null, options.localOrderIds.get(orphan.clientOrderId!) ?? null);
  if (cancelling) note('outcome_unknown', null, options.localOrderIds.get(cancelling.clientOrderId!) ?? null);
  const external = positions[0];
  if (external) {
    const id = `EXT-${a.accountId}-${rng.hex(6)}`;
    a.orders.push({ brokerOrderId: id, clientOrderId: null, symbol: external.symbol, side: 'sell', quantity: options.isCrypto ? '0.5' : '5', filledQuantity: '0', limitPrice: external.avgPrice && toStored(new Dec(external.avgPrice).toSignificantDigits(8)), status: 'open', at: '' });
    note('external_order', external.symbol, id);
  }
}
