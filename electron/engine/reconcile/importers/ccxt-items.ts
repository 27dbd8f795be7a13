// Items of CCXT's unified structures: a position (fetchPositions), an order (fetchOpenOrders) and
// the totals of a balance (fetchBalance). CCXT objects carry many more members (info, leverage,
// ...); only the ones reconciliation needs are read (notional only for an inverse contract's size
// in coin), the rest are left alone.
import { isLosslessNumber } from 'lossless-json';
import type { BrokerCash, BrokerOrder, BrokerPosition } from '../../../../shared/api/reconcile';
import { formatPath, type JsonPath } from '../../state-files/json-source';
import type { FirstSeen } from './duplicates';
import { given, type BrokerFieldReader } from './json-reader';
import { contractsTimesSize, filledFromRemaining, fillProblem, signedQuantity } from './quantities';
import { settleStatus } from './statuses';

export interface SeenPosition {
  path: JsonPath;
  side: 'long' | 'short' | null;
}

/**
 * Linear: quantity = contracts × contractSize (default 1), in the base currency. Inverse (inverse: true,
 * or linear: false): quantity = contracts, with contractSize carried as what one contract is worth in
 * the quote currency (contracts × contractSize is a USD amount, not coins) and, when ccxt gives its
 * notional (in the settle coin), the size in coin beside it. Negative for side "short"; avgPrice =
 * entryPrice.
 */
export function readCcxtPosition(r: BrokerFieldReader, item: unknown, path: JsonPath, seen: FirstSeen<SeenPosition>): BrokerPosition | undefined {
  const p = r.object(item, path);
  if (!p) return undefined;
  const at = (key: string): JsonPath => [...path, key];
  const symbol = r.symbol(r.required(p, path, 'symbol'), at('symbol'));
  const contracts = r.decimal(r.required(p, path, 'contracts'), at('contracts'));
  const inverse = readInverse(r, p, path);
  const contractSize = given(p, 'contractSize')
    ? r.decimal(p.contractSize, at('contractSize'), { positive: true })
    : inverse
      ? r.fail(at('contractSize'), 'required for an inverse contract (what one contract is worth in the quote currency)')
      : '1';
  const side = given(p, 'side') ? r.oneOf(p.side, at('side'), ['long', 'short'] as const) : null;
  if (!symbol || !contracts || !contractSize || side === undefined || inverse === undefined) return undefined;

  if (side === null && contracts !== '0' && !contracts.startsWith('-')) {
    return r.fail(at('side'), `required for a position of ${contracts} contracts ("long" or "short")`);
  }
  const size = inverse ? { value: contracts } : contractsTimesSize(contracts, contractSize);
  if (size.problem !== undefined) return r.fail(at('contracts'), size.problem);
  const signed = signedQuantity(size.value, side);
  if (signed.problem !== undefined) return r.fail(at('contracts'), signed.problem);
  // Exchanges report an entry price of 0 for a flat position.
  const flatZeroPrice = signed.value === '0' && isZero(p.entryPrice);
  const avgPrice = flatZeroPrice ? null : r.optionalDecimal(p, path, 'entryPrice', { positive: true });
  if (avgPrice === undefined) return undefined;

  const first = seen.check(symbol, { path, side });
  if (first !== undefined) {
    const hedge = first.side !== side ? ' (a hedge-mode account? Lifeboat reconciles one net position per symbol)' : '';
    return r.fail(at('symbol'), `${symbol} appears twice (first at ${formatPath(first.path)})${hedge}`);
  }
  const position: BrokerPosition = { at: formatPath(path), symbol, quantity: signed.value, avgPrice };
  if (inverse) {
    position.contracts = { assetClass: derivativeKind(symbol), multiplier: contractSize, multiplierUnit: quoteOf(symbol) };
    // In coin: ccxt's notional, in the settle currency for an inverse contract; signed as the quantity is.
    const settle = settleOf(symbol);
    const notional = given(p, 'notional') ? r.decimal(p.notional, at('notional')) : null;
    if (notional === undefined) return undefined;
    if (notional !== null && settle) {
      const coin = signedQuantity(notional.replace(/^-/, ''), signed.value.startsWith('-') ? 'short' : 'long');
      if (coin.problem !== undefined) return r.fail(at('notional'), coin.problem);
      position.contracts.coin = { amount: coin.value, currency: settle };
    }
  }
  return position;
}

/** Whether a position is of an inverse contract: inverse, else the opposite of linear, else not. */
function readInverse(r: BrokerFieldReader, p: Record<string, unknown>, path: JsonPath): boolean | undefined {
  const inverse = given(p, 'inverse') ? r.boolean(p.inverse, [...path, 'inverse']) : null;
  const linear = given(p, 'linear') ? r.boolean(p.linear, [...path, 'linear']) : null;
  if (inverse === undefined || linear === undefined) return undefined;
  if (inverse !== null && linear !== null && inverse === linear) return r.fail([...path, 'inverse'], `inverse is ${inverse} and linear is ${linear}: one contract cannot be both or neither`);
  return inverse ?? (linear === null ? false : !linear);
}

/** "BTC/USD:BTC" → swap, "BTC/USD:BTC-240628" → future (ccxt's unified symbols). */
const derivativeKind = (symbol: string): string | null => {
  const settle = symbol.split(':')[1];
  return settle === undefined ? null : settle.includes('-') ? 'future' : 'swap';
};

/** The settle currency of a ccxt contract symbol ("BTC/USD:BTC-240628" → BTC). */
const settleOf = (symbol: string): string | null => /:([A-Za-z0-9]+)/.exec(symbol)?.[1]?.toUpperCase() ?? null;

/** The quote currency of a ccxt symbol ("BTC/USD:BTC" → USD), what an inverse contract's size is counted in. */
const quoteOf = (symbol: string): string | null => /^[^/]+\/([A-Za-z0-9]+)/.exec(symbol)?.[1]?.toUpperCase() ?? null;

/** An order; status "open" with a fill becomes partially_filled, a missing status means open. */
export function readCcxtOrder(r: BrokerFieldReader, item: unknown, path: JsonPath, seen: FirstSeen<JsonPath>): BrokerOrder | undefined {
  const o = r.object(item, path);
  if (!o) return undefined;
  const at = (key: string): JsonPath => [...path, key];
  const brokerOrderId = r.optionalId(o, path, 'id');
  const clientOrderId = r.optionalId(o, path, 'clientOrderId');
  const symbol = r.symbol(r.required(o, path, 'symbol'), at('symbol'));
  const side = r.oneOf(r.required(o, path, 'side'), at('side'), ['buy', 'sell'] as const);
  const quantity = r.decimal(r.required(o, path, 'amount'), at('amount'), { positive: true });
  const type = given(o, 'type') ? r.text(o.type, at('type')) : null;
  const limitPrice = type?.toLowerCase() === 'market' ? null : r.optionalDecimal(o, path, 'price', { positive: true });
  const status = given(o, 'status') ? r.orderStatus(o.status, at('status')) : 'open';
  if (brokerOrderId === null && clientOrderId === null) return r.fail(path, 'an order needs an id or a clientOrderId');
  if (brokerOrderId === undefined || clientOrderId === undefined) return undefined;
  if (!symbol || !side || !quantity || type === undefined || limitPrice === undefined || !status) return undefined;

  const filled = readFilled(r, o, path, quantity, status);
  if (filled === undefined) return undefined;
  r.uniqueOrder(seen, path, brokerOrderId);
  return {
    at: formatPath(path),
    brokerOrderId,
    clientOrderId,
    symbol,
    side,
    quantity,
    filledQuantity: filled,
    limitPrice,
    status: settleStatus(status, filled),
  };
}

/** filled, else amount − remaining, else all of it for a closed order and none for an open one. */
function readFilled(r: BrokerFieldReader, o: Record<string, unknown>, path: JsonPath, quantity: string, status: string): string | undefined {
  let filled: string | undefined;
  if (given(o, 'filled')) filled = r.decimal(o.filled, [...path, 'filled'], { nonNegative: true });
  else if (given(o, 'remaining')) {
    const remaining = r.decimal(o.remaining, [...path, 'remaining'], { nonNegative: true });
    if (remaining === undefined) return undefined;
    const done = filledFromRemaining(quantity, remaining);
    if (done.problem !== undefined) return r.fail([...path, 'remaining'], done.problem);
    filled = done.value;
  } else filled = status === 'filled' ? quantity : '0';
  if (filled === undefined) return undefined;
  const problem = fillProblem(quantity, filled);
  return problem ? r.fail([...path, 'filled'], problem) : filled;
}

/** Cash = fetchBalance.total, one entry per currency; an explicit 0 is kept (it is information). */
export function readCcxtBalance(r: BrokerFieldReader, value: unknown, path: JsonPath): BrokerCash[] | undefined {
  const balance = r.object(value, path);
  if (!balance) return undefined;
  const totalPath = [...path, 'total'];
  const total = r.object(r.required(balance, path, 'total'), totalPath);
  if (!total) return undefined;
  const out: BrokerCash[] = [];
  const paths: JsonPath[] = [];
  for (const [code, amount] of Object.entries(total)) {
    const at = [...totalPath, code];
    const currency = r.currency(code, at);
    const value = amount === null ? r.fail(at, `null: the exchange reported no total for ${code}; fill it in or remove it`) : r.decimal(amount, at);
    if (!currency || value === undefined) continue;
    out.push({ at: formatPath(at), currency, amount: value });
    paths.push(at);
  }
  r.uniqueCash(out, paths);
  return out;
}

const isZero = (v: unknown): boolean => {
  const raw = isLosslessNumber(v) ? v.value : v;
  return typeof raw === 'string' && /^0+(\.0+)?$/.test(raw);
};
