// Windows of the orders list: a page of the orders that match a query, in its order, with how
// many match in all and per status. SQLite narrows and orders them; column filters are the
// console's own (shared/table-filters.ts: decimals compared exactly, which SQL cannot do on text),
// run inside the query as a function of this connection. A filtered match is kept until the next
// write, so scrolling through it (or picking a status) does not scan 200,000 orders again.
import type { Database } from 'better-sqlite3';
import type { OrderPage, OrderQuery } from '../../../shared/api/contract';
import { OrderQuery as OrderQuerySchema } from '../../../shared/api/contract';
import type { Order, OrderStatus } from '../../../shared/domain';
import { ORDER_COLUMNS, type OrderColumn } from '../../../shared/list-columns';
import { activeFilters, matcherOf, type CellMatcher, type FilterKind } from '../../../shared/table-filters';
import * as rows from './rows';
import { writeMarker } from './write-mark';

type ParsedQuery = ReturnType<typeof OrderQuerySchema.parse>;

/** Each order column's name in the orders table. */
const SQL_COLUMN: Record<OrderColumn, keyof rows.OrderRow> = {
  updatedAt: 'updated_at',
  orderId: 'order_id',
  symbol: 'symbol',
  side: 'side',
  status: 'status',
  type: 'type',
  quantity: 'quantity',
  filledQuantity: 'filled_quantity',
  limitPrice: 'limit_price',
  stopPrice: 'stop_price',
  avgFillPrice: 'avg_fill_price',
  accountId: 'account_id',
  strategyId: 'strategy_id',
  clientOrderId: 'client_order_id',
  brokerOrderId: 'broker_order_id',
  parentOrderId: 'parent_order_id',
  createdAt: 'created_at',
};
const SORT_COLUMN = { updatedAt: 'updated_at', createdAt: 'created_at', symbol: 'symbol', status: 'status' } as const;

/** The SQL function a column filter runs as: lifeboat_cell_matches(kind, filter, value) → 1 or 0. */
const CELL_MATCHES = 'lifeboat_cell_matches';

export class OrderWindows {
  /** The last filtered match (ids and statuses in the query's order), for the next window of it. */
  private matched: { key: string; ids: string[]; statuses: OrderStatus[] } | null = null;
  private readonly writeMark: () => string;

  constructor(private readonly db: Database) {
    this.writeMark = writeMarker(db);
    const matchers = new Map<string, CellMatcher>();
    db.function(CELL_MATCHES, { deterministic: true }, (kind, filter, value) => {
      const key = `${kind}\u0000${filter}`;
      let test = matchers.get(key);
      if (!test) {
        // A handful of filters are in use at a time; the map never grows past a few screens' worth.
        if (matchers.size > 256) matchers.clear();
        matchers.set(key, (test = matcherOf(kind as FilterKind, String(filter))));
      }
      return test(value as string | null) ? 1 : 0;
    });
  }

  page(input: OrderQuery): OrderPage {
    const q = OrderQuerySchema.parse(input);
    return activeFilters(q.filters).length === 0 ? this.sqlPage(q) : this.filteredPage(q);
  }

  /** Without column filters SQLite windows the match itself, from its indexes. */
  private sqlPage(q: ParsedQuery): OrderPage {
    const { where, args } = narrowing(q);
    const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const byStatusRows = this.db.prepare(`SELECT status, COUNT(*) AS n FROM orders ${base} GROUP BY status`).all(...args) as { status: OrderStatus; n: number }[];
    const statusWhere = q.status ? `${base ? base + ' AND' : 'WHERE'} status = ?` : base;
    const statusArgs = q.status ? [...args, q.status] : args;
    const total = q.status ? (byStatusRows.find((r) => r.status === q.status)?.n ?? 0) : byStatusRows.reduce((n, r) => n + r.n, 0);
    const page = this.db.prepare(`SELECT * FROM orders ${statusWhere} ORDER BY ${orderBy(q)} LIMIT ? OFFSET ?`).all(...statusArgs, q.limit, q.offset) as rows.OrderRow[];
    return { rows: page.map(rows.toOrder), total, offset: q.offset, byStatus: Object.fromEntries(byStatusRows.map((r) => [r.status, r.n])) };
  }

  /** With column filters: the whole match once per write (without its status, so the counts cover every status), windows cut from it. */
  private filteredPage(q: ParsedQuery): OrderPage {
    const filters = activeFilters(q.filters);
    const key = JSON.stringify([this.writeMark(), q.scope, q.accountId ?? '', q.strategyId ?? '', q.search ?? '', filters, q.sort, q.direction]);
    if (this.matched?.key !== key) {
      const { where, args } = narrowing(q);
      for (const [column, text] of filters) {
        where.push(`${CELL_MATCHES}(?, ?, ${SQL_COLUMN[column]}) = 1`);
        args.push(ORDER_COLUMNS[column], text);
      }
      const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const found = this.db.prepare(`SELECT order_id, status FROM orders ${base} ORDER BY ${orderBy(q)}`).raw().all(...args) as [string, OrderStatus][];
      this.matched = { key, ids: found.map((r) => r[0]), statuses: found.map((r) => r[1]) };
    }
    const { ids, statuses } = this.matched;
    const byStatus: Partial<Record<OrderStatus, number>> = {};
    for (const s of statuses) byStatus[s] = (byStatus[s] ?? 0) + 1;
    const inStatus = q.status ? ids.filter((_, i) => statuses[i] === q.status) : ids;
    const get = this.db.prepare('SELECT * FROM orders WHERE order_id = ?');
    const page: Order[] = [];
    for (const id of inStatus.slice(q.offset, q.offset + q.limit)) {
      const r = get.get(id) as rows.OrderRow | undefined;
      if (r) page.push(rows.toOrder(r));
    }
    return { rows: page, total: inStatus.length, offset: q.offset, byStatus };
  }
}

/** The WHERE terms of a query's scope, account, strategy and search. */
function narrowing(q: ParsedQuery): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.scope === 'open') where.push('is_open = 1');
  if (q.scope === 'completed') where.push('is_open = 0');
  if (q.accountId) (where.push('account_id = ?'), args.push(q.accountId));
  if (q.strategyId) (where.push('strategy_id = ?'), args.push(q.strategyId));
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    const match = (column: string) => `${column} LIKE ? ESCAPE '\\'`;
    where.push(`(${['symbol', 'order_id', 'client_order_id', 'broker_order_id'].map(match).join(' OR ')})`);
    args.push(like, like, like, like);
  }
  return { where, args };
}

/** The sort column, then the order id, both in the query's direction. */
function orderBy(q: ParsedQuery): string {
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  return `${SORT_COLUMN[q.sort]} ${dir}, order_id ${dir}`;
}
