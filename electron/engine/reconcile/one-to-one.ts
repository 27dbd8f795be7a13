// Symbol mappings are one-to-one per account: two broker symbols that land on one desk symbol would
// be compared as one position, and a sync would merge them (delete one, add its quantity to the other).
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';

const hint = (accountId: string, brokerSymbol: string) => `lifeboat reconcile symbols --account ${accountId} --remove ${brokerSymbol}`;

export function manyToOneMessage(accountId: string, a: string, b: string, symbol: string, why: string): string {
  const [x, y] = [a, b].sort();
  return `broker symbols ${x} and ${y} would both map to desk symbol ${symbol} in account ${accountId} (${why}); a symbol mapping must be one-to-one, or their positions would be merged into one`;
}

/** Whether the desk has traded or holds this symbol in this account: a broker spelling it so means it. */
export function isDeskSymbol(db: Database, accountId: string, symbol: string): boolean {
  return (
    db.prepare('SELECT 1 FROM positions WHERE account_id = ? AND symbol = ? UNION ALL SELECT 1 FROM orders WHERE account_id = ? AND symbol = ? LIMIT 1').get(accountId, symbol, accountId, symbol) !==
    undefined
  );
}

/**
 * Refuses (bad_request, at `where`) new mappings `fresh` (broker → desk) that, with the account's
 * other mappings `others`, are not one-to-one: a second broker symbol for a desk symbol, or one of
 * the account's own desk symbols sent to another desk symbol the broker would also report as itself.
 */
export function refuseManyToOne(db: Database, accountId: string, fresh: Map<string, string>, others: Map<string, string>, where: string, source: string): void {
  const all = new Map([...others, ...fresh]);
  for (const [broker, symbol] of [...fresh].sort(([a], [b]) => a.localeCompare(b))) {
    const other = [...all].find(([b, s]) => s === symbol && b !== broker)?.[0];
    if (other !== undefined) {
      const why = fresh.has(other) ? `${source} maps both` : `${other} already maps to it; remove that first with \`${hint(accountId, other)}\``;
      throw new LifeboatError('bad_request', manyToOneMessage(accountId, broker, other, symbol, why), where);
    }
    if (broker !== symbol && !all.has(symbol) && isDeskSymbol(db, accountId, broker)) {
      const why = `${broker} is one of the account's own desk symbols and ${symbol} maps to itself`;
      throw new LifeboatError('bad_request', manyToOneMessage(accountId, broker, symbol, symbol, why), where);
    }
  }
}
