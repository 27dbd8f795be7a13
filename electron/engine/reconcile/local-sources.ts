// Loading our books: from the live state, from a checkpoint, or from a Freqtrade database
// (tradesv3.sqlite, opened read-only: open trades become one strategy's positions).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Account } from '../../../shared/domain';
import { canonical } from '../../../shared/decimal';
import { decimalProblem } from '../../../shared/decimal';
import { LifeboatError } from '../../../shared/result';
import type { Engine } from '../engine';
import { getCheckpoint } from '../checkpoints/catalog';
import { readTable } from '../checkpoints/read-checkpoint';
import type { Row } from '../checkpoints/records';
import type { LocalBook, LocalCash, LocalOrder, LocalPosition } from './local-book';

export function loadLocalBook(engine: Engine, against: string, accountForFreqtrade?: string): LocalBook {
  if (against === 'live') return liveBook(engine);
  if (against.startsWith('freqtrade:')) return freqtradeBook(engine, against.slice('freqtrade:'.length), accountForFreqtrade);
  return checkpointBook(engine, against);
}

function book(source: string, accounts: Account[], positions: LocalPosition[], orders: LocalOrder[], cash: LocalCash[], symbols: { accountId: string; symbol: string }[]): LocalBook {
  const knownSymbols = new Map<string, Set<string>>();
  for (const s of [...positions, ...orders, ...symbols]) (knownSymbols.get(s.accountId) ?? knownSymbols.set(s.accountId, new Set()).get(s.accountId)!).add(s.symbol);
  return {
    source,
    accounts: new Map(accounts.map((a) => [a.accountId, { accountType: a.accountType, baseCurrency: a.baseCurrency }])),
    positions,
    orders,
    cash,
    knownSymbols,
  };
}

function liveBook(engine: Engine): LocalBook {
  const store = engine.store;
  return store.db.transaction(() => {
    const symbols = store.db.prepare('SELECT DISTINCT account_id AS accountId, symbol FROM orders').all() as { accountId: string; symbol: string }[];
    return book(
      'live',
      store.accounts(),
      store.positions().map((p) => ({ accountId: p.accountId, strategyId: p.strategyId, symbol: p.symbol, quantity: p.quantity, avgPrice: p.avgPrice })),
      store.openOrders().map(orderOf),
      store.cashBalances().map((c) => ({ accountId: c.accountId, currency: c.currency, amount: c.amount })),
      symbols,
    );
  })();
}

const orderOf = (o: { accountId: string; strategyId: string; orderId: string; clientOrderId: string | null; brokerOrderId: string | null; symbol: string; side: 'buy' | 'sell'; quantity: string; filledQuantity: string; limitPrice: string | null; status: string }): LocalOrder => ({
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

function checkpointBook(engine: Engine, id: string): LocalBook {
  getCheckpoint(engine.store.db, id);
  const content = engine.checkpoints.materialized(id);
  const table = (name: string) => readTable(engine.checkpoints.chunks, content, name);
  const s = (r: Row, c: string) => (r[c] === null ? null : String(r[c]));
  const orders = table('orders');
  return book(
    id,
    table('accounts').map((r) => ({ accountId: String(r.account_id), accountType: r.account_type as Account['accountType'], baseCurrency: String(r.base_currency) }) as Account),
    table('positions').map((r) => ({ accountId: String(r.account_id), strategyId: String(r.strategy_id), symbol: String(r.symbol), quantity: String(r.quantity), avgPrice: s(r, 'avg_price') })),
    orders
      .filter((r) => r.is_open === 1)
      .map((r) => ({
        accountId: String(r.account_id),
        strategyId: String(r.strategy_id),
        orderId: String(r.order_id),
        clientOrderId: s(r, 'client_order_id'),
        brokerOrderId: s(r, 'broker_order_id'),
        symbol: String(r.symbol),
        side: r.side as 'buy' | 'sell',
        quantity: String(r.quantity),
        filledQuantity: String(r.filled_quantity),
        limitPrice: s(r, 'limit_price'),
        status: String(r.status),
      })),
    table('cash_balances').map((r) => ({ accountId: String(r.account_id), currency: String(r.currency), amount: String(r.amount) })),
    orders.map((r) => ({ accountId: String(r.account_id), symbol: String(r.symbol) })),
  );
}

/** Freqtrade keeps floats in SQLite; their shortest round-trip text is the exact value it meant. */
function ftDecimal(value: unknown, where: string): string {
  const text = typeof value === 'number' ? String(value) : String(value ?? '0');
  const plain = /e/i.test(text) ? expandExponent(text) : text;
  const problem = decimalProblem(plain);
  if (problem) throw new LifeboatError('bad_request', problem, where);
  return canonical(plain);
}

function expandExponent(text: string): string {
  // Tiny or huge floats print with an exponent (1e-7); write them out in plain digits.
  const [mantissa, exp] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = (mantissa.replace('-', '').indexOf('.') === -1 ? mantissa.replace('-', '').length : mantissa.replace('-', '').indexOf('.')) + Number(exp);
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + body.replace(/^0+(?=\d)/, '');
}

function freqtradeBook(engine: Engine, path: string, accountId?: string): LocalBook {
  if (!existsSync(path)) throw new LifeboatError('bad_request', 'no such Freqtrade database', path);
  const account = accountId ? engine.store.account(accountId) : engine.store.accounts()[0];
  if (!account) throw new LifeboatError('bad_request', `name the account these Freqtrade trades belong to (--account on the command line)`, path);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new LifeboatError('bad_request', `cannot open the Freqtrade database (${(err as Error).message})`, path);
  }
  try {
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    if (!tables.has('trades') || !tables.has('orders')) throw new LifeboatError('bad_request', 'not a Freqtrade database (needs tables trades and orders)', path);
    const columns = new Set((db.pragma('table_info(trades)') as { name: string }[]).map((c) => c.name));
    const trades = db.prepare(`SELECT * FROM trades WHERE is_open = 1 ORDER BY id`).all() as Record<string, unknown>[];
    const positions = new Map<string, LocalPosition>();
    for (const t of trades) {
      const where = `${path}: trades id ${t.id}`;
      const strategyId = `freqtrade-${String(t.strategy ?? 'strategy')}`;
      const symbol = String(t.pair);
      const amount = ftDecimal(t.amount, `${where} amount`);
      const signed = columns.has('is_short') && t.is_short ? canonical(`-${amount}`.replace('--', '')) : amount;
      const prev = positions.get(symbol);
      if (prev) {
        throw new LifeboatError('bad_request', `two open trades for ${symbol}; Lifeboat keeps one position per symbol and strategy`, where);
      }
      positions.set(symbol, { accountId: account.accountId, strategyId, symbol, quantity: signed, avgPrice: ftDecimal(t.open_rate, `${where} open_rate`) });
    }
    const orders = (db.prepare(`SELECT * FROM orders WHERE ft_is_open = 1 ORDER BY id`).all() as Record<string, unknown>[]).map((o): LocalOrder => {
      const where = `${path}: orders id ${o.id}`;
      return {
        accountId: account.accountId,
        strategyId: 'freqtrade',
        orderId: `ft-${o.id}`,
        clientOrderId: null,
        brokerOrderId: o.order_id === null || o.order_id === undefined ? null : String(o.order_id),
        symbol: String(o.ft_pair ?? o.symbol),
        side: String(o.side ?? o.ft_order_side) === 'sell' ? 'sell' : 'buy',
        quantity: ftDecimal(o.amount, `${where} amount`),
        filledQuantity: ftDecimal(o.filled ?? 0, `${where} filled`),
        limitPrice: o.price === null || o.price === undefined ? null : ftDecimal(o.price, `${where} price`),
        status: 'accepted',
      };
    });
    return book(`freqtrade:${path}`, [account], [...positions.values()], orders, [], []);
  } finally {
    db.close();
  }
}
