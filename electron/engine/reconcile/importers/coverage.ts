// One line per account saying what a snapshot covers, for the preview before a run:
// "acct-x: positions 93, open orders 21, cash 4 currencies", or "positions not reported".
import type { BrokerSnapshot } from '../../../../shared/api/reconcile';

const OPEN = new Set(['open', 'partially_filled', 'pending_cancel']);

export function describeCoverage(snapshot: Pick<BrokerSnapshot, 'accounts'>): string[] {
  return snapshot.accounts.map((a) => {
    const positions = a.positions === null ? 'positions not reported' : `positions ${a.positions.length}`;
    let orders = 'orders not reported';
    if (a.orders !== null) {
      const open = a.orders.filter((o) => OPEN.has(o.status)).length;
      orders = open === a.orders.length ? `open orders ${open}` : `orders ${a.orders.length} (${open} open)`;
    }
    const cash = a.cash === null ? 'cash not reported' : `cash ${a.cash.length} ${a.cash.length === 1 ? 'currency' : 'currencies'}`;
    return `${a.accountId}: ${positions}, ${orders}, ${cash}`;
  });
}
