// New orders: a strategy picks a symbol (mostly one it holds), a side that fits its position, a
// size it can afford and a type with limit and stop prices near the market; some entries come
// as brackets with a stop-loss and a take-profit child. A market order fills at once.
import type { Account, Order, OrderSide, OrderType, Position, Strategy } from '../../../../shared/domain';
import { Dec, toStored } from '../../../../shared/decimal';
import * as rows from '../../live/rows';
import * as inst from '../instruments';
import type { Rng } from '../rng';
import { floorLots, places, timesBps } from '../fixed';
import { fill } from './fills';
import { brokerOrderId, newOrderId } from './ids';
import type { TickContext } from './tick-context';

export function place(t: TickContext, s: Strategy): void {
  const r = t.rng;
  const account = t.account(s.accountId);
  if (!account) return;
  const what = chooseSymbol(t, s, account, r);
  if (what === null) return;
  const { symbol, holding } = what;
  const priceText = t.marketPrice(s.accountId, s.strategyId, symbol) ?? inst.referencePrice(symbol);
  const price = new Dec(priceText);
  if (price.lte(0)) return;
  const held = holding ? new Dec(holding.quantity) : new Dec(0);
  let side: OrderSide;
  if (held.gt(0)) side = r.chance(0.45) ? 'sell' : 'buy';
  else if (held.lt(0)) side = r.chance(0.55) ? 'buy' : 'sell';
  else side = account.accountType === 'cash' || r.chance(0.7) ? 'buy' : 'sell';
  const currency = holding?.currency ?? inst.instrumentCurrency(symbol);
  const qty = orderQuantity(t, { account, symbol, currency, side, price, held }, r);
  if (qty === null) return;

  const type = r.weighted<OrderType>([['market', 30], ['limit', 50], ['stop', 10], ['stop_limit', 10]]);
  const scale = Math.max(inst.priceScale(symbol), places(priceText));
  const dir = side === 'buy' ? 1 : -1;
  const at = (bps: number) => {
    const v = timesBps(price, bps).toDecimalPlaces(scale, Dec.ROUND_HALF_EVEN);
    return toStored(v.gt(0) ? v : new Dec(10).pow(-scale), scale);
  };
  let limitPrice: string | null = null;
  let stopPrice: string | null = null;
  if (type === 'limit') limitPrice = at(-dir * r.int(0, 60));
  if (type === 'stop' || type === 'stop_limit') stopPrice = at(dir * r.int(30, 250));
  if (type === 'stop_limit') limitPrice = toStored(timesBps(stopPrice!, dir * r.int(10, 40)), scale);
  const bracket = (type === 'limit' || type === 'market') && r.chance(0.12);

  const seq = t.nextSeq();
  const orderId = newOrderId(t, seq);
  const status = type === 'market' || r.chance(0.6) ? 'accepted' : 'new';
  const order: Order = {
    orderId,
    clientOrderId: `${s.name}-s${seq}`,
    brokerOrderId: status === 'accepted' ? brokerOrderId(t, s.accountId) : null,
    accountId: s.accountId,
    strategyId: s.strategyId,
    symbol,
    side,
    type,
    quantity: toStored(qty),
    filledQuantity: '0',
    limitPrice,
    stopPrice,
    avgFillPrice: null,
    status,
    parentOrderId: null,
    stopOrderId: null,
    takeProfitOrderId: null,
    createdAt: t.now,
    updatedAt: t.now,
  };
  const children = bracket ? bracketChildren(order, limitPrice ?? priceText, dir, scale, r) : [];
  for (const o of [order, ...children]) {
    t.store.putOrder(o);
    t.summary.created.push(o.orderId);
  }
  const a = t.act(s.strategyId);
  a.placed += 1 + children.length;
  a.signal = { symbol, side };
  // A market order trades at once.
  if (type === 'market') fill(t, order, true);
}

/** What to trade: mostly something the strategy holds, sometimes something new. */
function chooseSymbol(t: TickContext, s: Strategy, account: Account, r: Rng): { symbol: string; holding: Position | null } | null {
  const n = t.positionCount(s.strategyId);
  if (n > 0 && r.chance(0.75)) {
    const row = t.positionRowAt(s.strategyId, r.int(0, n - 1));
    if (row) {
      const holding = rows.toPosition(row);
      return { symbol: holding.symbol, holding };
    }
  }
  const symbol = newSymbol(account, r);
  return symbol === null ? null : { symbol, holding: t.store.position(s.strategyId, symbol) };
}

function newSymbol(account: Account, r: Rng): string | null {
  if (account.kind === 'crypto') {
    if (!inst.isKnownQuote(account.baseCurrency)) return null;
    const coin = r.pick(Object.keys(inst.COINS).filter((c) => c !== account.baseCurrency));
    return `${coin}/${account.baseCurrency}`;
  }
  const byCurrency: Record<string, inst.Market> = { USD: 'US', EUR: 'EU', GBP: 'UK', JPY: 'JP' };
  const market = byCurrency[account.baseCurrency] ?? 'US';
  return r.pick(inst.catalogSymbols(market));
}

/**
 * Whole lots worth a few hundred to twenty thousand dollars, or null to place nothing. A cash
 * account buys with at most a fifth of its cash and sells at most what it holds; a margin
 * account always places at least the smallest quantity it can trade.
 */
function orderQuantity(
  t: TickContext,
  o: { account: Account; symbol: string; currency: string; side: OrderSide; price: Dec; held: Dec },
  r: Rng,
): Dec | null {
  const { account, symbol, currency, side, price, held } = o;
  const qScale = inst.quantityScale(symbol);
  const lot = new Dec(inst.lotMultiple(symbol));
  const floorLot = (x: Dec) => floorLots(x, lot, qScale);
  let notional = inst.convert(new Dec(r.int(200, 20_000)), 'USD', currency) ?? new Dec(r.int(200, 20_000));
  if (account.accountType === 'cash' && side === 'buy') {
    const cash = new Dec(t.store.cash(account.accountId, currency));
    if (cash.lte(0)) return null;
    notional = Dec.min(notional, cash.div(5));
  }
  let qty = floorLot(notional.div(price));
  if (account.accountType === 'cash' && side === 'sell') qty = Dec.min(qty, floorLot(held));
  if (qty.lte(0)) {
    if (account.accountType === 'cash') return null;
    qty = lot.times(new Dec(10).pow(-qScale));
  }
  return qty;
}

/** A stop-loss and a take-profit for `order`, held (status new) until it fills. */
function bracketChildren(order: Order, entry: string, dir: number, scale: number, r: Rng): Order[] {
  const exit: OrderSide = order.side === 'buy' ? 'sell' : 'buy';
  const child = (suffix: string, childType: OrderType, bps: number): Order => {
    const trigger = toStored(timesBps(entry, bps), scale);
    return {
      ...order,
      orderId: `${order.orderId}-${suffix}`,
      clientOrderId: `${order.clientOrderId}-${suffix}`,
      brokerOrderId: null,
      side: exit,
      type: childType,
      status: 'new',
      limitPrice: childType === 'limit' ? trigger : null,
      stopPrice: childType === 'stop' ? trigger : null,
      parentOrderId: order.orderId,
    };
  };
  // Built from the parent before it is linked, so the children carry no links of their own.
  const stop = child('sl', 'stop', -dir * r.int(150, 500));
  const tp = child('tp', 'limit', dir * r.int(200, 800));
  order.stopOrderId = stop.orderId;
  order.takeProfitOrderId = tp.orderId;
  return [stop, tp];
}
