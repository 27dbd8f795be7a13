// Writing a broker snapshot the way each broker's tools would: CCXT unified JSON (numbers as JSON
// numbers, written from their exact digits), Alpaca JSON (numbers as strings, some symbols with
// stray spaces), CSV with its column mapping, and Lifeboat's canonical JSON.
import type { BrokerAccountSnapshot } from '../../../../shared/api/reconcile';
import { canonicalJson } from '../../../../shared/canonical-json';

/** A decimal written as a bare JSON number, digit for digit (never through a JS float). */
class Num {
  constructor(readonly digits: string) {}
}
const num = (d: string | null) => (d === null ? null : new Num(d));

function json(value: unknown, indent = ''): string {
  const next = indent + '  ';
  if (value instanceof Num) return value.digits;
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => next + json(v, next)).join(',\n')}\n${indent}]` : '[]';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length ? `{\n${entries.map(([k, v]) => `${next}${JSON.stringify(k)}: ${json(v, next)}`).join(',\n')}\n${indent}}` : '{}';
  }
  return JSON.stringify(value);
}

/** Several accounts in one file: { timestamp, accounts: { <id>: { fetchBalance, fetchPositions, fetchOpenOrders } } }. */
export function writeCcxt(accounts: BrokerAccountSnapshot[], timestampMs: number): string {
  return json({ timestamp: new Num(String(timestampMs)), accounts: Object.fromEntries(accounts.map((a) => [a.accountId, ccxtAccount(a)])) }) + '\n';
}

function ccxtAccount(a: BrokerAccountSnapshot) {
  return {
    fetchBalance: { total: Object.fromEntries(a.cash!.map((c) => [c.currency, num(c.amount)])) },
    fetchPositions: a.positions!.map((p) => ({
      symbol: p.symbol,
      contracts: num(p.quantity.replace('-', '')),
      contractSize: new Num('1'),
      side: p.quantity.startsWith('-') ? 'short' : 'long',
      entryPrice: num(p.avgPrice),
    })),
    fetchOpenOrders: a.orders!.map((o) => ({
      id: o.brokerOrderId,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      type: o.limitPrice ? 'limit' : 'market',
      amount: num(o.quantity),
      filled: num(o.filledQuantity),
      price: num(o.limitPrice),
      status: 'open',
    })),
  };
}

const ALPACA_STATUS: Record<string, string> = { open: 'new', partially_filled: 'partially_filled', pending_cancel: 'pending_cancel', filled: 'filled', cancelled: 'canceled', rejected: 'rejected', expired: 'expired' };

export function writeAlpaca(a: BrokerAccountSnapshot, currency: string): string {
  const cash = a.cash!.find((c) => c.currency === currency)?.amount ?? '0';
  return JSON.stringify(
    {
      account_id: a.accountId,
      account: { cash, currency },
      positions: a.positions!.map((p, i) => ({
        // Alpaca's symbols sometimes come padded; the importer must trim them.
        symbol: i % 7 === 3 ? ` ${p.symbol} ` : p.symbol,
        qty: p.quantity,
        avg_entry_price: p.avgPrice,
        side: p.quantity.startsWith('-') ? 'short' : 'long',
      })),
      orders: a.orders!.map((o) => ({
        id: o.brokerOrderId,
        client_order_id: o.clientOrderId,
        symbol: o.symbol,
        side: o.side,
        qty: o.quantity,
        notional: o.notional,
        filled_qty: o.filledQuantity,
        limit_price: o.limitPrice,
        status: ALPACA_STATUS[o.status],
      })),
    },
    null,
    2,
  ) + '\n';
}

export const CSV_COLUMNS = ['account', 'kind', 'symbol', 'quantity', 'avg_price', 'side', 'order_id', 'client_order_id', 'filled_quantity', 'limit_price', 'status', 'currency', 'amount'] as const;

/** The CSV, with crypto symbols spelled BASE-QUOTE as many brokers' exports do, and its mapping. */
export function writeCsv(accounts: BrokerAccountSnapshot[]): { csv: string; mapping: string } {
  const symbols: Record<string, Record<string, string>> = {};
  const spell = (accountId: string, s: string) => {
    if (!s.includes('/')) return s;
    const broker = s.replace('/', '-');
    (symbols[accountId] ??= {})[broker] = s;
    return broker;
  };
  const cell = (v: string | null) => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [CSV_COLUMNS.join(',')];
  const row = (r: Partial<Record<(typeof CSV_COLUMNS)[number], string | null>>) => lines.push(CSV_COLUMNS.map((c) => cell(r[c] ?? null)).join(','));
  for (const a of accounts) {
    for (const p of a.positions!) row({ account: a.accountId, kind: 'position', symbol: spell(a.accountId, p.symbol), quantity: p.quantity, avg_price: p.avgPrice });
    for (const o of a.orders!) {
      row({ account: a.accountId, kind: 'order', symbol: spell(a.accountId, o.symbol), quantity: o.quantity, side: o.side, order_id: o.brokerOrderId, client_order_id: o.clientOrderId, filled_quantity: o.filledQuantity, limit_price: o.limitPrice, status: o.status });
    }
    for (const c of a.cash!) row({ account: a.accountId, kind: 'cash', currency: c.currency, amount: c.amount });
  }
  const columns = {
    account: 'account', kind: 'kind', symbol: 'symbol', quantity: 'quantity', avgPrice: 'avg_price', side: 'side', orderId: 'order_id',
    clientOrderId: 'client_order_id', filledQuantity: 'filled_quantity', limitPrice: 'limit_price', status: 'status', currency: 'currency', amount: 'amount',
  };
  return { csv: '\uFEFF' + lines.join('\r\n') + '\r\n', mapping: canonicalJson({ columns, symbols }, 2) + '\n' };
}

export function writeLifeboat(accounts: BrokerAccountSnapshot[], asOf: string): string {
  const strip = <T extends { at: string }>(x: T) => {
    const { at: _at, ...rest } = x;
    return rest;
  };
  return canonicalJson(
    {
      format: 'lifeboat-broker-snapshot',
      version: 1,
      asOf,
      accounts: accounts.map((a) => ({ accountId: a.accountId, positions: a.positions?.map(strip) ?? null, orders: a.orders?.map(strip) ?? null, cash: a.cash?.map(strip) ?? null })),
    },
    2,
  ) + '\n';
}
