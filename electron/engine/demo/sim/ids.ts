// Ids for the simulator's orders: order ids from the tick's time and the run-wide sequence, and
// broker order ids in each broker's own style.
import { krakenOrderId, orderIdStamp } from '../order-ids';
import type { TickContext } from './tick-context';

/** ord-YYYYMMDD-HHMMSS-s<seq>; skips ahead if an id is somehow taken already. */
export function newOrderId(t: TickContext, seq: number): string {
  const stamp = orderIdStamp(t.now);
  let id = `ord-${stamp}-s${seq}`;
  while (t.store.order(id)) id = `ord-${stamp}-s${t.nextSeq()}`;
  return id;
}

/** A broker order id in the broker's own style, unique within the account. */
export function brokerOrderId(t: TickContext, accountId: string): string {
  const r = t.rng;
  const broker = t.account(accountId)?.broker ?? '';
  for (;;) {
    let id: string;
    if (broker === 'Alpaca') id = r.uuid();
    else if (broker === 'Kraken') id = krakenOrderId(r);
    else id = String(r.int(100_000_000_000, 999_999_999_999));
    if (!t.sql.brokerIdTaken.get(accountId, id)) return id;
  }
}
