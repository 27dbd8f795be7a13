// The matcher's own guard: two broker positions of one account whose symbols resolve to one desk
// symbol (a many-to-one mapping an older database still holds, or a mapped symbol the broker also
// reports under the desk's name) would be compared as one position, and a sync would merge them.
// Refused. (Orders are matched by their ids, so an order may spell a symbol unlike its position.)
import type { BrokerAccountSnapshot } from '../../../shared/api/reconcile';
import { LifeboatError } from '../../../shared/result';
import { resolveSymbol, type SymbolMap } from './symbols';

export function refuseMergedSymbols(account: BrokerAccountSnapshot, mapping: SymbolMap, known: ReadonlySet<string>, fileName: string): void {
  const seen = new Map<string, { brokerSymbol: string; at: string }>();
  for (const item of account.positions ?? []) {
    const r = resolveSymbol(item.symbol, mapping, known);
    if (r.symbol === null && r.lookalike !== null) continue; // reported as unmapped, compared with nothing
    const symbol = r.symbol ?? item.symbol;
    const first = seen.get(symbol);
    if (!first) {
      seen.set(symbol, { brokerSymbol: item.symbol, at: item.at });
      continue;
    }
    if (first.brokerSymbol === item.symbol) continue;
    const [a, b] = [first, { brokerSymbol: item.symbol, at: item.at }].sort((x, y) => x.brokerSymbol.localeCompare(y.brokerSymbol));
    const how = (s: string) => (mapping.get(s) === symbol ? `mapped to ${symbol}` : `the desk's own name`);
    const mapped = [a, b].map((x) => x.brokerSymbol).filter((s) => mapping.get(s) === symbol);
    throw new LifeboatError(
      'bad_request',
      `account ${account.accountId}: broker symbols ${a.brokerSymbol} (${where(a.at)}, ${how(a.brokerSymbol)}) and ${b.brokerSymbol} (${where(b.at)}, ${how(b.brokerSymbol)}) ` +
        `both resolve to desk symbol ${symbol}; comparing them as one would merge their positions, so nothing was compared or changed. ` +
        `Make the mapping one-to-one (\`lifeboat reconcile symbols --account ${account.accountId} --remove ${mapped[mapped.length - 1] ?? b.brokerSymbol}\`, or fix the mapping file), then run again`,
      fileName,
    );
  }
}

const where = (at: string) => at || 'in the file';
