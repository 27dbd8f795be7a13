// Positions as the explorer shows them: with market value and unrealized P&L worked out exactly
// (decimal.js, never floats), the way the engine sums them for the dashboard.
import type { Position } from '../../../shared/domain';
import { Dec, toStored } from '../../../shared/decimal';

export interface PositionView extends Position {
  /** quantity × last price; null without a last price. */
  marketValue: string | null;
  /** (last − avg) × quantity; null unless both prices are known. */
  unrealizedPnl: string | null;
}

export function positionView(p: Position): PositionView {
  const qty = new Dec(p.quantity);
  const marketValue = p.lastPrice === null ? null : toStored(qty.times(p.lastPrice));
  const unrealizedPnl =
    p.lastPrice === null || p.avgPrice === null ? null : toStored(new Dec(p.lastPrice).minus(p.avgPrice).times(qty));
  return { ...p, marketValue, unrealizedPnl };
}

export function positionKey(p: Pick<Position, 'accountId' | 'strategyId' | 'symbol'>): string {
  return `${p.accountId}/${p.strategyId}/${p.symbol}`;
}

/**
 * positionView over a list, reusing the view of every position that did not change since the
 * last call: a live refresh of 10,000 positions recomputes (and re-renders) only the moved ones.
 */
export function createPositionViews(): (positions: readonly Position[]) => PositionView[] {
  let previous = new Map<string, { signature: string; view: PositionView }>();
  return (positions) => {
    const next = new Map<string, { signature: string; view: PositionView }>();
    const views = positions.map((p) => {
      const key = positionKey(p);
      const signature = `${p.quantity}|${p.avgPrice}|${p.lastPrice}|${p.costBasis}|${p.currency}|${p.updatedAt}`;
      const old = previous.get(key);
      const view = old && old.signature === signature ? old.view : positionView(p);
      next.set(key, { signature, view });
      return view;
    });
    previous = next;
    return views;
  };
}
