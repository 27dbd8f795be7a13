// The market moves: a random walk of the last price of one symbol a running strategy holds,
// applied to every position in that symbol within the account.
import type { Strategy } from '../../../../shared/domain';
import * as rows from '../../live/rows';
import * as inst from '../instruments';
import { places } from '../fixed';
import type { TickContext } from './tick-context';

export function movePrice(t: TickContext, s: Strategy): void {
  const r = t.rng;
  const n = t.positionCount(s.strategyId);
  if (n === 0) return;
  const row = t.positionRowAt(s.strategyId, r.int(0, n - 1));
  if (!row?.last_price) return;
  // A symbol moves at most once a tick.
  if (t.moves.some((m) => m.accountId === row.account_id && m.symbol === row.symbol)) return;
  const scale = Math.max(inst.priceScale(row.symbol), places(row.last_price));
  const next = r.walk(row.last_price, 80, scale);
  for (const p of t.positionsOfSymbol(row.account_id, row.symbol).map(rows.toPosition)) {
    t.store.putPosition({ ...p, lastPrice: next, updatedAt: t.now });
  }
  t.moves.push({ accountId: row.account_id, symbol: row.symbol, from: row.last_price, to: next });
  t.summary.pricesMoved++;
}
