// Items of Lifeboat's own snapshot file: the BrokerSnapshot shape with decimals as strings,
// read strictly (it is our format, so an unknown field is a mistake, not an extension).
import type { BrokerCash, BrokerOrder, BrokerOrderStatus, BrokerPosition, ContractTerms } from '../../../../shared/api/reconcile';
import { formatPath, type JsonPath } from '../../state-files/json-source';
import type { FirstSeen } from './duplicates';
import { given, type BrokerFieldReader } from './json-reader';
import { fillProblem } from './quantities';

const POSITION_FIELDS = ['symbol', 'quantity', 'avgPrice', 'contracts'];
const CONTRACT_FIELDS = ['assetClass', 'multiplier', 'multiplierUnit', 'coin'];
const ORDER_FIELDS = ['brokerOrderId', 'clientOrderId', 'symbol', 'side', 'quantity', 'notional', 'filledQuantity', 'limitPrice', 'status'];
const CASH_FIELDS = ['currency', 'amount'];
const STATUSES: readonly BrokerOrderStatus[] = ['open', 'partially_filled', 'pending_cancel', 'filled', 'cancelled', 'rejected', 'expired'];

export function readLifeboatPosition(r: BrokerFieldReader, item: unknown, path: JsonPath, seen: FirstSeen<JsonPath>): BrokerPosition | undefined {
  const p = r.object(item, path);
  if (!p) return undefined;
  r.strictKeys(p, path, POSITION_FIELDS);
  const symbol = r.symbol(r.required(p, path, 'symbol'), [...path, 'symbol']);
  const quantity = r.decimal(r.required(p, path, 'quantity'), [...path, 'quantity']);
  const avgPrice = r.optionalDecimal(p, path, 'avgPrice', { positive: true });
  const contracts = given(p, 'contracts') ? readContracts(r, p.contracts, [...path, 'contracts']) : null;
  if (!symbol || !quantity || avgPrice === undefined || contracts === undefined) return undefined;
  r.unique(seen, symbol, [...path, 'symbol'], symbol);
  return { at: formatPath(path), symbol, quantity, avgPrice, ...(contracts ? { contracts } : {}) };
}

function readContracts(r: BrokerFieldReader, value: unknown, path: JsonPath): ContractTerms | undefined {
  const c = r.object(value, path);
  if (!c) return undefined;
  r.strictKeys(c, path, CONTRACT_FIELDS);
  const text = (key: string) => (given(c, key) ? r.text(c[key], [...path, key]) : null);
  const assetClass = text('assetClass');
  const multiplierUnit = text('multiplierUnit');
  const multiplier = r.decimal(r.required(c, path, 'multiplier'), [...path, 'multiplier'], { positive: true });
  const coin = given(c, 'coin') ? readCoin(r, c.coin, [...path, 'coin']) : null;
  if (assetClass === undefined || multiplierUnit === undefined || multiplier === undefined || coin === undefined) return undefined;
  return { assetClass, multiplier, multiplierUnit, ...(coin ? { coin } : {}) };
}

function readCoin(r: BrokerFieldReader, value: unknown, path: JsonPath): { amount: string; currency: string } | undefined {
  const c = r.object(value, path);
  if (!c) return undefined;
  r.strictKeys(c, path, ['amount', 'currency']);
  const amount = r.decimal(r.required(c, path, 'amount'), [...path, 'amount']);
  const currency = r.text(r.required(c, path, 'currency'), [...path, 'currency']);
  if (amount === undefined || !currency) return undefined;
  return { amount, currency };
}

export function readLifeboatOrder(r: BrokerFieldReader, item: unknown, path: JsonPath, seen: FirstSeen<JsonPath>): BrokerOrder | undefined {
  const o = r.object(item, path);
  if (!o) return undefined;
  r.strictKeys(o, path, ORDER_FIELDS);
  const at = (key: string): JsonPath => [...path, key];
  const brokerOrderId = r.optionalId(o, path, 'brokerOrderId');
  const clientOrderId = r.optionalId(o, path, 'clientOrderId');
  const symbol = r.symbol(r.required(o, path, 'symbol'), at('symbol'));
  const side = r.oneOf(r.required(o, path, 'side'), at('side'), ['buy', 'sell'] as const);
  // quantity null: not reported, allowed for an order sized in money (notional).
  const notional = r.optionalDecimal(o, path, 'notional', { positive: true });
  const quantity = given(o, 'quantity') || notional === null ? r.decimal(r.required(o, path, 'quantity'), at('quantity'), { positive: true }) : null;
  const filledQuantity = r.decimal(r.required(o, path, 'filledQuantity'), at('filledQuantity'), { nonNegative: true });
  const limitPrice = r.optionalDecimal(o, path, 'limitPrice', { positive: true });
  const status = r.oneOf(r.required(o, path, 'status'), at('status'), STATUSES);
  if (brokerOrderId === null && clientOrderId === null) return r.fail(path, 'an order needs a brokerOrderId or a clientOrderId');
  if (brokerOrderId === undefined || clientOrderId === undefined) return undefined;
  if (!symbol || !side || quantity === undefined || notional === undefined || !filledQuantity || limitPrice === undefined || !status) return undefined;
  const problem = quantity === null ? null : fillProblem(quantity, filledQuantity);
  if (problem) return r.fail(at('filledQuantity'), problem);
  r.uniqueOrder(seen, path, brokerOrderId);
  return { at: formatPath(path), brokerOrderId, clientOrderId, symbol, side, quantity, ...(notional !== null ? { notional } : {}), filledQuantity, limitPrice, status };
}

export function readLifeboatCash(r: BrokerFieldReader, item: unknown, path: JsonPath, seen: FirstSeen<JsonPath>): BrokerCash | undefined {
  const c = r.object(item, path);
  if (!c) return undefined;
  r.strictKeys(c, path, CASH_FIELDS);
  const currency = r.currency(r.required(c, path, 'currency'), [...path, 'currency']);
  const amount = r.decimal(r.required(c, path, 'amount'), [...path, 'amount']);
  if (!currency || amount === undefined) return undefined;
  r.unique(seen, currency, [...path, 'currency'], `currency ${currency}`);
  return { at: formatPath(path), currency, amount };
}
