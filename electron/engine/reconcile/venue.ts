// Whether a broker file is from the venue its account is at: CCXT files name their exchange
// ("binance", "krakenfutures"); the desk knows each account's broker ("Binance", "Kraken"). A file
// from another venue is most likely the wrong file for the account: a loud note, not a refusal.
import type { BrokerSnapshot } from '../../../shared/api/reconcile';

const plain = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Same venue when one name starts with the other, case, spaces and punctuation aside ("binanceusdm" is Binance's). */
export function sameVenue(fileVenue: string, deskBroker: string): boolean {
  const a = plain(fileVenue);
  const b = plain(deskBroker);
  return a !== '' && b !== '' && (a.startsWith(b) || b.startsWith(a));
}

/** One warning per account whose file names a venue other than the desk's broker for it. */
export function venueWarnings(snapshot: Pick<BrokerSnapshot, 'accounts'>, brokerOf: (accountId: string) => string | null): string[] {
  return snapshot.accounts.flatMap((a) => {
    const broker = brokerOf(a.accountId);
    if (!a.venue || broker === null || sameVenue(a.venue, broker)) return [];
    return [`WARNING: the file says account ${a.accountId} is at "${a.venue}", but on this desk ${a.accountId} is an account at ${broker}: is this the right file for it?`];
  });
}
