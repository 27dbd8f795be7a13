// Remembering where a key was first seen, so a duplicate can name both places; and the client
// order ids a venue repeats, which are noted, never refused.
import type { BrokerAccountSnapshot } from '../../../../shared/api/reconcile';

export class FirstSeen<At> {
  private readonly seen = new Map<string, At>();

  /** Where `key` was seen before (a duplicate), or undefined after recording it here. */
  check(key: string, at: At): At | undefined {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, at);
    return first;
  }
}

/** The client order ids that more than one of the account's orders carry, with how many carry each. */
export function repeatedClientIds(orders: readonly { clientOrderId: string | null }[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const o of orders) if (o.clientOrderId) count.set(o.clientOrderId, (count.get(o.clientOrderId) ?? 0) + 1);
  for (const [id, n] of count) if (n < 2) count.delete(id);
  return count;
}

/**
 * One note per account whose orders repeat a client order id. Some venues do not keep them unique
 * (CCXT reports clientOrderId "0" for every Kraken order placed without a user reference): those
 * orders are matched by the broker's order id alone.
 */
export function repeatedClientIdNotes(accounts: readonly BrokerAccountSnapshot[]): string[] {
  return accounts.flatMap((a) => {
    const repeated = [...repeatedClientIds(a.orders ?? [])];
    if (!repeated.length) return [];
    const shown = repeated.slice(0, 3).map(([id, n]) => `${JSON.stringify(id)} (${n} orders)`);
    const more = repeated.length > 3 ? ` and ${repeated.length - 3} more` : '';
    const ids = repeated.length === 1 ? `client order id ${shown[0]}` : `client order ids ${shown.join(', ')}${more}`;
    return [`${a.accountId}: the broker repeats ${ids}, so it does not identify an order there: those orders are matched by the broker's order id alone.`];
  });
}
