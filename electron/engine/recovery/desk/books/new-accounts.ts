// The accounts a fresh desk gets from a broker snapshot (pure). A snapshot names its accounts but
// not all of what the desk keeps about one: where the person says (--venue, --kind, --account-type,
// --base-currency, for every account of the file) that wins; else it is told from the file, and
// what cannot be told is refused naming the field to give.
import type { Account, AccountKind, AccountType } from '../../../../../shared/domain';
import type { BrokerAccountSnapshot, BrokerFormat, BrokerSnapshot } from '../../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../../shared/result';

export interface AccountChoices {
  venue?: string;
  kind?: AccountKind;
  accountType?: AccountType;
  baseCurrency?: string;
}

/** The brokers a format is of by itself; the other formats must say (CCXT names its exchange) or be told. */
const BROKER_OF: Partial<Record<BrokerFormat, string>> = { alpaca: 'Alpaca', 'ibkr-flex': 'IBKR' };

const negative = (d: string) => d.startsWith('-');

function baseCurrencyOf(a: BrokerAccountSnapshot, kind: AccountKind): string | null {
  const currencies = [...new Set((a.cash ?? []).map((c) => c.currency))];
  if (currencies.length === 1) return currencies[0];
  // The currency prices are quoted in: USD for equities, the stablecoin for crypto, when it is among them.
  for (const usual of kind === 'crypto' ? ['USDT', 'USDC', 'USD'] : ['USD']) if (currencies.includes(usual)) return usual;
  return null;
}

export function accountsFor(snapshot: BrokerSnapshot, given: AccountChoices, at: string): Account[] {
  return snapshot.accounts.map((a) => {
    const where = `account ${a.accountId} of ${snapshot.fileName}`;
    const broker = given.venue ?? a.venue ?? BROKER_OF[snapshot.format];
    if (!broker) throw new LifeboatError('bad_request', `the file does not say which broker ${a.accountId} is at: give --venue NAME`, 'venue');
    const symbols = [...(a.positions ?? []), ...(a.orders ?? [])].map((x) => x.symbol);
    const kind: AccountKind = given.kind ?? (snapshot.format === 'ccxt' || symbols.some((s) => s.includes('/')) ? 'crypto' : 'equities');
    // A short or a negative balance is borrowing: only a margin account may.
    const borrows = (a.positions ?? []).some((p) => negative(p.quantity)) || (a.cash ?? []).some((c) => negative(c.amount));
    const accountType: AccountType = given.accountType ?? (borrows ? 'margin' : 'cash');
    const baseCurrency = given.baseCurrency ?? baseCurrencyOf(a, kind);
    if (!baseCurrency) {
      const listed = (a.cash ?? []).map((c) => c.currency);
      throw new LifeboatError('bad_request', `cannot tell the base currency of ${where} (${listed.length ? `its cash is in ${listed.join(', ')}` : 'it reports no cash'}): give --base-currency CODE`, 'base-currency');
    }
    return { accountId: a.accountId, name: a.accountId, broker, kind, accountType, baseCurrency, createdAt: at };
  });
}
