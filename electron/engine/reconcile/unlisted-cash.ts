// A currency we hold that the broker's cash section does not list was not reported by the broker:
// it is named for the reviewer, never compared as "0 at the broker" (a broker lists what it lists;
// none of the formats says its list is complete).
import type { BrokerSnapshot } from '../../../shared/api/reconcile';
import { Dec } from '../../../shared/decimal';
import type { LocalBook } from './local-book';

/** One note per account whose broker cash leaves out a currency we hold (a non-zero amount). */
export function unlistedCashNotes(book: Pick<LocalBook, 'cash' | 'cashCovered'>, snapshot: Pick<BrokerSnapshot, 'accounts'>): string[] {
  if (book.cashCovered === false) return [];
  return snapshot.accounts.flatMap((a) => {
    if (a.cash === null) return [];
    const listed = new Set(a.cash.map((c) => c.currency));
    const ours = book.cash.filter((c) => c.accountId === a.accountId && !listed.has(c.currency) && !new Dec(c.amount).isZero());
    if (!ours.length) return [];
    const sorted = [...ours].sort((x, y) => x.currency.localeCompare(y.currency));
    const held = sorted.map((c) => `${c.amount} ${c.currency}`).join(', ');
    return [`${a.accountId}: the broker's cash does not list ${sorted.map((c) => c.currency).join(', ')} (we hold ${held}): not reported by the broker, so not compared.`];
  });
}
