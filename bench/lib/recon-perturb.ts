// A deterministic ~1% perturbation of a broker snapshot, for the reconcile bench: the broker's view
// of our own books (exactSnapshot) with a known list of differences planted in it, so the run's
// discrepancies can be checked against what was planted.
//
// Per account, from its own seeded stream (so an account is perturbed the same way whichever other
// accounts a format carries):
//   positions  pct% changed — alternately the quantity (quantity_mismatch) and the average price
//              (price_mismatch; a position without one gets a quantity change); a tenth as many
//              dropped (missing_at_broker) and as many added with a symbol the desk never traded
//              (missing_locally), at least one of each;
//   orders     pct% of the open orders closed at the broker, filled or cancelled
//              (order_status_mismatch) — a format that lists open orders only (CCXT) cannot say
//              that, so there the order is left out instead (orphaned_order, or outcome_unknown for
//              an order we were cancelling); one more left out (orphaned_order / outcome_unknown) and
//              one open order we do not know (external_order);
//   cash       one non-zero balance off by 125.5 (cash_mismatch).
import type { BrokerAccountSnapshot, BrokerOrder, DiscrepancyKind } from '../../shared/api/reconcile';
import { Dec, toStored } from '../../shared/decimal';
import { createRng } from '../../electron/engine/demo/rng';

export interface PlantedDifference {
  accountId: string;
  kind: DiscrepancyKind;
  /** Desk symbol (positions), currency (cash), or the order's symbol. */
  symbol: string | null;
  /** Our order id (order kinds), the broker's id (external_order), else null. */
  orderRef: string | null;
}

export interface PerturbOptions {
  seed: number;
  /** Percent of positions and of open orders to change (default 1). */
  pct: number;
  /** Whether the format can carry an order's closed status (CCXT's fetchOpenOrders cannot). */
  closedOrders: boolean;
  /** Symbols the desk knows per account: an added position must use a symbol outside them. */
  knownSymbols: ReadonlyMap<string, ReadonlySet<string>>;
  /** Our order id for each client order id in the snapshot (exactSnapshot sends clientOrderId ?? orderId). */
  localOrderIds: ReadonlyMap<string, string>;
  /** Crypto accounts get crypto-looking added symbols (BASE/QUOTE). */
  isCrypto: (accountId: string) => boolean;
}

export interface Perturbed {
  accounts: BrokerAccountSnapshot[];
  planted: PlantedDifference[];
  /** What was changed, by kind of change (not by discrepancy kind). */
  changes: { positionsQuantity: number; positionsPrice: number; positionsDropped: number; positionsAdded: number; ordersClosed: number; ordersDropped: number; ordersExternal: number; cash: number };
}

/** The key a discrepancy and a planted difference share: account, kind, and symbol or order reference. */
export function differenceKey(d: { accountId: string; kind: DiscrepancyKind; symbol: string | null; orderRef: string | null }): string {
  const orderKind = d.kind === 'order_status_mismatch' || d.kind === 'orphaned_order' || d.kind === 'outcome_unknown' || d.kind === 'external_order';
  return `${d.accountId}|${d.kind}|${orderKind ? (d.orderRef ?? '') : (d.symbol ?? '')}`;
}

export function perturbSnapshot(exact: readonly BrokerAccountSnapshot[], options: PerturbOptions): Perturbed {
  const changes: Perturbed['changes'] = { positionsQuantity: 0, positionsPrice: 0, positionsDropped: 0, positionsAdded: 0, ordersClosed: 0, ordersDropped: 0, ordersExternal: 0, cash: 0 };
  const planted: PlantedDifference[] = [];
  const accounts = exact.map((source) => {
    const a: BrokerAccountSnapshot = structuredClone(source);
    const rng = createRng(options.seed, `bench-reconcile:${a.accountId}`);
    const note = (kind: DiscrepancyKind, symbol: string | null, orderRef: string | null) => planted.push({ accountId: a.accountId, kind, symbol, orderRef });

    // -- positions ------------------------------------------------------------------------------
    const positions = a.positions ?? [];
    const changed = Math.round((positions.length * options.pct) / 100);
    const few = Math.max(1, Math.round(changed / 10));
    const picked = rng.sample(positions, changed + few);
    const dropped = new Set(picked.slice(0, few));
    picked.slice(few).forEach((p, i) => {
      if (i % 2 === 1 && p.avgPrice !== null) {
        const old = new Dec(p.avgPrice);
        let price = old.times('1.02').toDecimalPlaces(8);
        if (price.eq(old)) price = old.plus('0.00000001');
        p.avgPrice = toStored(price);
        changes.positionsPrice++;
        note('price_mismatch', p.symbol, null);
      } else {
        // Away from zero, so the position never becomes flat (which would read as missing_at_broker).
        const q = new Dec(p.quantity);
        const step = q.abs().gte(10) ? q.abs().div(10).floor().plus(1) : new Dec('0.5');
        p.quantity = toStored(q.isNegative() ? q.minus(step) : q.plus(step));
        changes.positionsQuantity++;
        note('quantity_mismatch', p.symbol, null);
      }
    });
    for (const p of dropped) note('missing_at_broker', p.symbol, null);
    changes.positionsDropped += dropped.size;
    const kept = positions.filter((p) => !dropped.has(p));
    const known = options.knownSymbols.get(a.accountId) ?? new Set<string>();
    const taken = new Set(kept.map((p) => p.symbol));
    const crypto = options.isCrypto(a.accountId);
    for (let i = 0, added = 0; added < few; i++) {
      const symbol = crypto ? `BNCH${i}/USDT` : `BNCH${i}`;
      if (known.has(symbol) || taken.has(symbol)) continue;
      kept.push({ symbol, quantity: crypto ? '1.25' : '40', avgPrice: crypto ? '71.4' : '102.37', at: '' });
      note('missing_locally', symbol, null);
      added++;
    }
    changes.positionsAdded += few;
    if (a.positions) a.positions = kept;

    // -- orders ---------------------------------------------------------------------------------
    if (a.orders) {
      const orders = a.orders;
      const closing = Math.max(1, Math.round((orders.length * options.pct) / 100));
      const [orphan, ...closed] = rng.sample(orders, closing + 1);
      const ours = (o: BrokerOrder) => options.localOrderIds.get(o.clientOrderId ?? '') ?? o.clientOrderId;
      // The kind a left-out order reads as: we were cancelling it, so its end cannot be told.
      const leftOut = (o: BrokerOrder): DiscrepancyKind => (o.status === 'pending_cancel' ? 'outcome_unknown' : 'orphaned_order');
      const drop = new Set<BrokerOrder>();
      if (orphan) {
        drop.add(orphan);
        note(leftOut(orphan), orphan.symbol, ours(orphan));
        changes.ordersDropped++;
      }
      for (const o of closed) {
        const filled = rng.chance(0.5);
        if (!options.closedOrders) {
          drop.add(o);
          note(leftOut(o), o.symbol, ours(o));
          changes.ordersDropped++;
          continue;
        }
        o.status = filled ? 'filled' : 'cancelled';
        if (filled) o.filledQuantity = o.quantity ?? o.filledQuantity; // the bench's orders come from ours: always a quantity
        note('order_status_mismatch', o.symbol, ours(o));
        changes.ordersClosed++;
      }
      a.orders = orders.filter((o) => !drop.has(o));
      const external = kept.find((p) => p.avgPrice !== null && known.has(p.symbol));
      if (external) {
        const id = `EXT-${a.accountId}-${rng.hex(8)}`;
        a.orders.push({ brokerOrderId: id, clientOrderId: null, symbol: external.symbol, side: 'sell', quantity: crypto ? '0.5' : '5', filledQuantity: '0', limitPrice: external.avgPrice, status: 'open', at: '' });
        note('external_order', external.symbol, id);
        changes.ordersExternal++;
      }
    }

    // -- cash -----------------------------------------------------------------------------------
    const cash = a.cash?.find((c) => !new Dec(c.amount).isZero()) ?? a.cash?.[0];
    if (cash) {
      cash.amount = toStored(new Dec(cash.amount).plus('125.5'));
      note('cash_mismatch', cash.currency, null);
      changes.cash++;
    }
    return a;
  });
  return { accounts, planted, changes };
}
