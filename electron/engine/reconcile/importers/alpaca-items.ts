// Items as the Alpaca API returns them: numbers are strings (JSON numbers are taken too, from
// their exact digits), symbols may carry stray spaces, shorts have a negative qty and/or side
// "short". Alpaca objects carry many more members; only the ones reconciliation needs are read.
import type { BrokerOrder, BrokerPosition } from '../../../../shared/api/reconcile';
import { formatPath, type JsonPath } from '../../state-files/json-source';
import type { FirstSeen } from './duplicates';
import { given, type BrokerFieldReader } from './json-reader';
import { fillProblem, signedQuantity } from './quantities';
import { settleStatus } from './statuses';

export function readAlpacaPosition(r: BrokerFieldReader, item: unknown, path: JsonPath, seen: FirstSeen<JsonPath>): BrokerPosition | undefined {
  const p = r.object(item, path);
  if (!p) return undefined;
  const at = (key: string): JsonPath => [...path, key];
  const symbol = r.symbol(r.required(p, path, 'symbol'), at('symbol'));
  const qty = r.decimal(r.required(p, path, 'qty'), at('qty'));
  const side = given(p, 'side') ? r.oneOf(p.side, at('side'), ['long', 'short'] as const) : null;
  const avgPrice = r.optionalDecimal(p, path, 'avg_entry_price', { positive: true });
  if (!symbol || !qty || side === undefined || avgPrice === undefined) return undefined;
  const signed = signedQuantity(qty, side);
  if (signed.problem !== undefined) return r.fail(at('qty'), signed.problem);
  r.unique(seen, symbol, at('symbol'), symbol);
  return { at: formatPath(path), symbol, quantity: signed.value, avgPrice };
}

/** An order and the legs of a bracket / OCO order, each an order of its own. */
export function readAlpacaOrder(r: BrokerFieldReader, item: unknown, path: JsonPath, seen: FirstSeen<JsonPath>): BrokerOrder[] | undefined {
  const o = r.object(item, path);
  if (!o) return undefined;
  const order = readOne(r, o, path, seen);
  const legs = given(o, 'legs') ? (r.array(o.legs, [...path, 'legs']) ?? []) : [];
  const out = order ? [order] : [];
  legs.forEach((leg, i) => {
    const at = [...path, 'legs', i];
    const legOrder = r.object(leg, at);
    const read = legOrder && readOne(r, legOrder, at, seen);
    if (read) out.push(read);
  });
  return out;
}

function readOne(r: BrokerFieldReader, o: Record<string, unknown>, path: JsonPath, seen: FirstSeen<JsonPath>): BrokerOrder | undefined {
  const at = (key: string): JsonPath => [...path, key];
  const brokerOrderId = r.optionalId(o, path, 'id');
  const clientOrderId = r.optionalId(o, path, 'client_order_id');
  const symbol = r.symbol(r.required(o, path, 'symbol'), at('symbol'));
  const side = r.oneOf(r.required(o, path, 'side'), at('side'), ['buy', 'sell'] as const);
  // A notional order is sized in money (notional: "500", qty: null): its quantity is not reported.
  const notional = !given(o, 'qty') && given(o, 'notional') ? r.decimal(o.notional, at('notional'), { positive: true }) : null;
  const quantity = given(o, 'qty') ? r.decimal(o.qty, at('qty'), { positive: true }) : notional !== null ? null : r.fail(at('qty'), 'required but missing (or a notional)');
  const limitPrice = r.optionalDecimal(o, path, 'limit_price', { positive: true });
  const status = given(o, 'status') ? r.orderStatus(o.status, at('status')) : 'open';
  const filled = given(o, 'filled_qty') ? r.decimal(o.filled_qty, at('filled_qty'), { nonNegative: true }) : filledWithout(r, at('filled_qty'), status, quantity);
  if (brokerOrderId === null && clientOrderId === null) return r.fail(path, 'an order needs an id or a client_order_id');
  if (brokerOrderId === undefined || clientOrderId === undefined) return undefined;
  if (!symbol || !side || quantity === undefined || notional === undefined || limitPrice === undefined || !status || filled === undefined) return undefined;
  const problem = quantity === null ? null : fillProblem(quantity, filled);
  if (problem) return r.fail(at('filled_qty'), problem);
  r.uniqueOrder(seen, path, brokerOrderId);
  const order: BrokerOrder = { at: formatPath(path), brokerOrderId, clientOrderId, symbol, side, quantity, filledQuantity: filled, limitPrice, status: settleStatus(status, filled) };
  if (notional !== null) order.notional = notional;
  return order;
}

/** An order without filled_qty: all of it when filled, none when not; a filled notional order must say. */
function filledWithout(r: BrokerFieldReader, path: JsonPath, status: string | undefined, quantity: string | null | undefined): string | undefined {
  if (status !== 'filled') return '0';
  if (quantity === null) return r.fail(path, 'required for a filled notional order (its quantity is not reported)');
  return quantity;
}
