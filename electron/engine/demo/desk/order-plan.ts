// The shape of the order history before any order is built: single orders and brackets of three,
// when each was placed, which are still open, and a few forced types and statuses so that every
// type and status appears even on the small desk.
import type { OrderStatus, OrderType } from '../../../../shared/domain';
import type { Rng } from '../rng';
import { HOUR, DAY, type Profile } from './profile';

export interface Group {
  t: number;
  bracket: boolean;
  open: boolean;
  /** For open brackets: parent filled with working children, or parent pending with held children. */
  openKind?: 'working' | 'pending';
  forcedType?: OrderType;
  forcedStatus?: OrderStatus;
}

const OPEN_CYCLE: readonly OrderStatus[] = ['new', 'accepted', 'partially_filled', 'pending_cancel'];
const CLOSED_CYCLE: readonly (readonly [OrderType, OrderStatus])[] = [
  ['market', 'filled'],
  ['limit', 'cancelled'],
  ['stop', 'rejected'],
  ['stop_limit', 'expired'],
];

/** The order groups, oldest first, with the open ones marked. */
export function planOrderGroups(p: Profile, asOfMs: number, r: Rng): Group[] {
  const spanMs = p.historyDays * DAY;
  // 1. The order groups (single orders and brackets of three) and their times, oldest first.
  const groups: Group[] = [];
  let n = 0;
  while (n < p.orders) {
    const bracket = p.orders - n >= 3 && r.chance(p.bracketRate);
    groups.push({ t: asOfMs - r.int(0, spanMs), bracket, open: false });
    n += bracket ? 3 : 1;
  }
  groups.sort((a, b) => a.t - b.t);
  // 2. Which are still open: mostly the newest, plus a few stale good-till-cancelled ones.
  const target = r.int(p.openOrders[0], p.openOrders[1]);
  let open = 0;
  const recentCut = asOfMs - 36 * HOUR;
  let firstRecent = groups.findIndex((g) => g.t >= recentCut);
  if (firstRecent < 0) firstRecent = groups.length;
  for (let k = Math.max(2, Math.floor(target * 0.05)); k > 0 && firstRecent > 0; k--) {
    const g = groups[r.int(0, firstRecent - 1)];
    if (!g.open && !g.bracket) {
      g.open = true;
      open++;
    }
  }
  let forcedOpen = 0;
  for (let i = groups.length - 1; i >= 0 && open < target; i--) {
    const g = groups[i];
    if (g.open || !r.chance(0.6)) continue;
    g.open = true;
    if (g.bracket) {
      // A working bracket has two open orders (the children), a pending one all three.
      g.openKind = r.chance(0.55) ? 'working' : 'pending';
      open += g.openKind === 'working' ? 2 : 3;
    } else {
      if (forcedOpen < OPEN_CYCLE.length) g.forcedStatus = OPEN_CYCLE[forcedOpen++];
      open++;
    }
  }
  let forcedClosed = 0;
  for (const g of groups) {
    if (g.open || g.bracket || forcedClosed >= CLOSED_CYCLE.length) continue;
    [g.forcedType, g.forcedStatus] = CLOSED_CYCLE[forcedClosed++];
  }
  return groups;
}
