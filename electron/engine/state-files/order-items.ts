// Order items of both checkpoint formats (pending_orders[], completed_orders[]), strictly:
// an unknown field, a missing price for its type or an impossible fill is refused with its path.
import { ORDER_SIDES, ORDER_TYPES, OPEN_ORDER_STATUSES, type OrderStatus } from '../../../shared/domain';
import { Dec } from '../../../shared/decimal';
import type { FieldReader } from './json-fields';
import { formatPath, type JsonPath } from './json-source';
import type { ParsedOrder } from './state-file-types';

export const ORDER_FIELDS = [
  'order_id',
  'symbol',
  'side',
  'quantity',
  'order_type',
  'price',
  'stop_price',
  'status',
  'filled_quantity',
  'avg_fill_price',
  'client_order_id',
  'broker_order_id',
  'created_at',
] as const;

const CLOSED_STATUSES: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected', 'expired'];

/** Order ids and broker order ids already seen in this file, to refuse duplicates. */
export interface SeenIds {
  orderIds: Map<string, JsonPath>;
  brokerIds: Map<string, JsonPath>;
}

export const newSeenIds = (): SeenIds => ({ orderIds: new Map(), brokerIds: new Map() });

export function readOrders(
  r: FieldReader,
  value: unknown,
  path: JsonPath,
  kind: 'open' | 'completed',
  seen: SeenIds,
): ParsedOrder[] {
  if (value === undefined) return []; // already reported as missing
  const items = r.array(value, path) ?? [];
  const out: ParsedOrder[] = [];
  items.forEach((item, i) => {
    const order = readOrder(r, item, [...path, i], kind, seen);
    if (order) out.push(order);
  });
  return out;
}

function readOrder(r: FieldReader, item: unknown, path: JsonPath, kind: 'open' | 'completed', seen: SeenIds): ParsedOrder | undefined {
  const o = r.object(item, path);
  if (!o) return undefined;
  r.strictKeys(o, path, ORDER_FIELDS);
  const at = (key: string): JsonPath => [...path, key];
  const given = (key: string) => o[key] !== undefined && o[key] !== null;

  const orderId = r.id(r.required(o, path, 'order_id'), at('order_id'));
  const symbol = r.text(r.required(o, path, 'symbol'), at('symbol'));
  const side = r.oneOf(r.required(o, path, 'side'), at('side'), ORDER_SIDES);
  const quantity = r.decimal(r.required(o, path, 'quantity'), at('quantity'), { positive: true });
  const type = given('order_type') ? r.oneOf(o.order_type, at('order_type'), ORDER_TYPES) : 'limit';
  const allowed = kind === 'open' ? OPEN_ORDER_STATUSES : CLOSED_STATUSES;
  const status =
    kind === 'open' && !given('status') ? 'new' : r.oneOf(r.required(o, path, 'status'), at('status'), allowed);
  const limitPrice = given('price') ? r.decimal(o.price, at('price'), { positive: true }) ?? null : null;
  const stopPrice = given('stop_price') ? r.decimal(o.stop_price, at('stop_price'), { positive: true }) ?? null : null;
  const avgFillPrice = given('avg_fill_price') ? r.decimal(o.avg_fill_price, at('avg_fill_price'), { positive: true }) ?? null : null;
  const filledQuantity = given('filled_quantity')
    ? r.decimal(o.filled_quantity, at('filled_quantity'), { nonNegative: true })
    : status === 'filled'
      ? quantity
      : '0';
  const clientOrderId = given('client_order_id') ? r.id(o.client_order_id, at('client_order_id')) ?? null : null;
  const brokerOrderId = given('broker_order_id') ? r.id(o.broker_order_id, at('broker_order_id')) ?? null : null;
  const createdAt = given('created_at') ? r.timestamp(o.created_at, at('created_at')) ?? null : null;

  if (type) checkPrices(r, path, type, given('price'), given('stop_price'));
  if (quantity && filledQuantity && new Dec(filledQuantity).gt(quantity)) {
    r.fail(at('filled_quantity'), `${filledQuantity} is more than the order quantity ${quantity}`);
  }
  if (status === 'filled' && quantity && filledQuantity && !new Dec(filledQuantity).eq(quantity)) {
    r.fail(at('filled_quantity'), `the order is filled, but only ${filledQuantity} of ${quantity} is filled`);
  }
  if (orderId !== undefined) noDuplicate(r, seen.orderIds, orderId, at('order_id'), 'order id');
  if (brokerOrderId) noDuplicate(r, seen.brokerIds, brokerOrderId, at('broker_order_id'), 'broker order id');

  if (!orderId || !symbol || !side || !quantity || !type || !status || filledQuantity === undefined) return undefined;
  return {
    path,
    orderId,
    clientOrderId,
    brokerOrderId,
    symbol,
    side,
    type,
    quantity,
    filledQuantity,
    limitPrice,
    stopPrice,
    avgFillPrice,
    status,
    createdAt,
  };
}

/** A limit price belongs to limit and stop_limit orders, a stop price to stop and stop_limit ones. */
function checkPrices(r: FieldReader, path: JsonPath, type: string, hasPrice: boolean, hasStop: boolean): void {
  const needsPrice = type === 'limit' || type === 'stop_limit';
  const needsStop = type === 'stop' || type === 'stop_limit';
  if (needsPrice && !hasPrice) r.fail([...path, 'price'], `a ${type} order needs a limit price`);
  if (!needsPrice && hasPrice) r.fail([...path, 'price'], `a ${type} order has no limit price; remove it or set order_type`);
  if (needsStop && !hasStop) r.fail([...path, 'stop_price'], `a ${type} order needs a stop price`);
  if (!needsStop && hasStop) r.fail([...path, 'stop_price'], `a ${type} order has no stop price; remove it or set order_type`);
}

function noDuplicate(r: FieldReader, seen: Map<string, JsonPath>, id: string, path: JsonPath, what: string): void {
  const first = seen.get(id);
  if (first) r.fail(path, `${what} ${JSON.stringify(id)} appears twice (first at ${formatPath(first)})`);
  else seen.set(id, path);
}
