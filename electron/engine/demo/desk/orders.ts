// The desk's order history: the planned groups built into orders by the strategies that placed
// them, and bulk-inserted oldest first.
import { isOpenStatus } from '../../../../shared/domain';
import { LifeboatError } from '../../../../shared/result';
import type { Rng } from '../rng';
import { insertOrder } from './bulk-sql';
import { bracketOrders } from './bracket-order';
import type { Desk } from './desk';
import { planOrderGroups } from './order-plan';
import { singleOrder } from './single-order';

export function buildOrders(desk: Desk, r: Rng): void {
  const p = desk.profile;
  const groups = planOrderGroups(p, desk.asOfMs, r);
  // Who placed them: any strategy (the busier the more), but open orders only where trading is allowed.
  const allPicker = new Picker(desk.strategies.map((s) => (s.spec.status === 'running' ? 1 : s.spec.status === 'paused' ? 0.6 : 0.3) * (0.5 + r.float())));
  const openPicker = new Picker(desk.strategies.map((s) => (s.openAllowed ? 1 : 0)));
  // Build and insert, oldest first, so ids and broker ids grow with time.
  const report = desk.batchProgress(Math.max(1000, Math.floor(p.orders / 20)), () => `orders ${desk.counts.orders}/${p.orders}`);
  let seq = 0;
  for (const g of groups) {
    const st = desk.strategies[(g.open ? openPicker : allPicker).pick(r)];
    const orders = g.bracket ? bracketOrders(desk, g, st, seq, r) : [singleOrder(desk, g, st, seq, r)];
    for (const o of orders) {
      insertOrder(desk.bulk, o);
      if (isOpenStatus(o.status)) desk.counts.openOrders++;
    }
    seq += orders.length;
    desk.counts.orders += orders.length;
    report.add(orders.length);
  }
  report.flush();
}

/** Weighted index picking by binary search over cumulative weights. */
class Picker {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(weights: number[]) {
    let t = 0;
    for (const w of weights) this.cumulative.push((t += Math.max(0, w)));
    this.total = t;
    if (!(t > 0)) throw new LifeboatError('internal', 'no strategy can place orders');
  }

  pick(r: Rng): number {
    const x = r.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
