// Positions as the explorer shows them: with market value and unrealized P&L worked out exactly
// (decimal.js, never floats) by shared/positions.ts, the same code the engine sorts windows with.
import type { Position } from '../../../shared/domain';
import { positionView, type PositionView } from '../../../shared/positions';

export { positionView, type PositionView };

export function positionKey(p: Pick<Position, 'accountId' | 'strategyId' | 'symbol'>): string {
  return `${p.accountId}/${p.strategyId}/${p.symbol}`;
}

/**
 * positionView over a list, reusing the view of every position that did not change since the
 * last call: a live refresh recomputes (and re-renders) only the moved ones.
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
