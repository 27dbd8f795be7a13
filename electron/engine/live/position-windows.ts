// Windows of the positions list: a page of the positions that match a query, in its order, with
// how many match in all. Key order with nothing to narrow it is SQLite's index order, so SQLite
// windows it; a search, column filters (on market value and P&L too: worked out, not stored) or
// another order (decimals compared exactly, shared/positions.ts) are done here, once per write:
// scrolling asks for window after window of the same query.
import type { Database, Statement } from 'better-sqlite3';
import type { PositionPage, PositionQuery } from '../../../shared/api/contract';
import { PositionQuery as PositionQuerySchema } from '../../../shared/api/contract';
import type { Position } from '../../../shared/domain';
import { positionMatcher, positionView, sortPositions, type PositionView } from '../../../shared/positions';
import { activeFilters } from '../../../shared/table-filters';
import * as rows from './rows';
import { writeMarker } from './write-mark';

type Scope = { accountId?: string; strategyId?: string };
const WHERE = `WHERE (@accountId IS NULL OR account_id = @accountId) AND (@strategyId IS NULL OR strategy_id = @strategyId)`;

export class PositionWindows {
  /** The last sorted list, for the next window of the same query. */
  private sorted: { key: string; sorted: PositionView[]; inScope: number } | null = null;
  private readonly stmts = new Map<string, Statement>();
  private readonly writeMark: () => string;

  constructor(
    private readonly db: Database,
    /** The positions in scope, in key order (LiveStore.positions). */
    private readonly inScope: (scope: Scope) => Position[],
  ) {
    this.writeMark = writeMarker(db);
  }

  /** Prepared on first use: a store may be made before its tables (a database being migrated). */
  private stmt(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  page(input: PositionQuery): PositionPage {
    const q = PositionQuerySchema.parse(input);
    const scope = { accountId: q.accountId ?? null, strategyId: q.strategyId ?? null };
    const filters = activeFilters(q.filters);
    if (!q.sort && !q.search?.trim() && filters.length === 0) {
      const total = (this.stmt(`SELECT COUNT(*) AS n FROM positions ${WHERE}`).get(scope) as { n: number }).n;
      const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
      const r = this.stmt(`SELECT * FROM positions ${WHERE} ORDER BY account_id ${dir}, strategy_id ${dir}, symbol ${dir} LIMIT @limit OFFSET @offset`).all({
        ...scope,
        limit: q.limit,
        offset: q.offset,
      }) as rows.PositionRow[];
      return { rows: r.map(rows.toPosition), total, inScope: total, offset: q.offset };
    }
    const key = JSON.stringify([this.writeMark(), q.accountId ?? '', q.strategyId ?? '', q.search ?? '', filters, q.sort ?? '', q.direction]);
    if (this.sorted?.key !== key) {
      const inScope = this.inScope(q);
      const matches = positionMatcher({ search: q.search, filters: q.filters });
      const sorted = sortPositions(inScope.map(positionView).filter(matches), q.sort, q.direction);
      this.sorted = { key, sorted, inScope: inScope.length };
    }
    const { sorted, inScope } = this.sorted;
    const window = sorted.slice(q.offset, q.offset + q.limit).map(({ marketValue: _m, unrealizedPnl: _u, ...p }) => p);
    return { rows: window, total: sorted.length, inScope, offset: q.offset };
  }
}
