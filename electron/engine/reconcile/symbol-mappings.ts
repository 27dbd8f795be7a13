// The per-account symbol mapping table, editable, used on both sides of every run. One-to-one per
// account (one-to-one.ts), on accounts of this desk.
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import { requireAccount } from './accounts';
import { refuseManyToOne } from './one-to-one';
import type { SymbolMap } from './symbols';

export interface SymbolMapping {
  accountId: string;
  brokerSymbol: string;
  symbol: string;
}

export function listMappings(db: Database, accountId?: string): SymbolMapping[] {
  const rows = db
    .prepare('SELECT account_id, broker_symbol, symbol FROM symbol_mappings WHERE (@a IS NULL OR account_id = @a) ORDER BY account_id, broker_symbol')
    .all({ a: accountId ?? null }) as { account_id: string; broker_symbol: string; symbol: string }[];
  // An account with stored mappings is listed even if it has left the desk, so they can be removed.
  if (accountId !== undefined && rows.length === 0) requireAccount(db, accountId, 'accountId');
  return rows.map((r) => ({ accountId: r.account_id, brokerSymbol: r.broker_symbol, symbol: r.symbol }));
}

const storedMap = (db: Database, accountId: string): SymbolMap => new Map(listMappings(db, accountId).map((m) => [m.brokerSymbol, m.symbol]));

/**
 * The stored mappings, plus a run's own (which win), per account. The run's own are refused (at
 * "symbols") for an account not on the desk, or when they, or they with the stored ones, are not
 * one-to-one. Stored ones that are not (an older database's) are the matcher's to refuse.
 */
export function loadMappings(db: Database, extra?: Record<string, Record<string, string>>): Map<string, SymbolMap> {
  const out = new Map<string, SymbolMap>();
  const add = (accountId: string, broker: string, symbol: string) => (out.get(accountId) ?? out.set(accountId, new Map()).get(accountId)!).set(broker, symbol);
  for (const m of listMappings(db)) add(m.accountId, m.brokerSymbol, m.symbol);
  for (const [accountId, map] of Object.entries(extra ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    requireAccount(db, accountId, 'symbols', 'the symbol mappings name account');
    const fresh = new Map(Object.entries(map));
    const stored = storedMap(db, accountId);
    for (const broker of fresh.keys()) stored.delete(broker);
    refuseManyToOne(db, accountId, fresh, stored, 'symbols', "the run's symbol mappings");
    for (const [broker, symbol] of fresh) add(accountId, broker, symbol);
  }
  return out;
}

export function setMapping(db: Database, m: SymbolMapping): void {
  if (!m.brokerSymbol.trim() || !m.symbol.trim()) throw new LifeboatError('bad_request', 'a mapping needs a broker symbol and a desk symbol');
  requireAccount(db, m.accountId, 'accountId');
  db.transaction(() => {
    const others = storedMap(db, m.accountId);
    others.delete(m.brokerSymbol.trim());
    refuseManyToOne(db, m.accountId, new Map([[m.brokerSymbol.trim(), m.symbol.trim()]]), others, 'symbol', 'the mapping');
    db.prepare(
      `INSERT INTO symbol_mappings (account_id, broker_symbol, symbol) VALUES (?, ?, ?)
       ON CONFLICT (account_id, broker_symbol) DO UPDATE SET symbol = excluded.symbol`,
    ).run(m.accountId, m.brokerSymbol.trim(), m.symbol.trim());
    appendAudit(db, 'symbols.map', { ...m });
  })();
}

export function removeMapping(db: Database, accountId: string, brokerSymbol: string): void {
  db.transaction(() => {
    const r = db.prepare('DELETE FROM symbol_mappings WHERE account_id = ? AND broker_symbol = ?').run(accountId, brokerSymbol);
    if (r.changes === 0) requireAccount(db, accountId, 'accountId');
    if (r.changes === 0) throw new LifeboatError('not_found', `no mapping for ${brokerSymbol} in ${accountId}`);
    appendAudit(db, 'symbols.unmap', { accountId, brokerSymbol });
  })();
}
