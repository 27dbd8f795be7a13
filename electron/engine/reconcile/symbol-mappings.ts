// The per-account symbol mapping table, editable, used on both sides of every run, on accounts of
// this desk.
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import { requireAccount } from './accounts';
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

/**
 * The stored mappings, plus a run's own (which win), per account. The run's own are refused (at
 * "symbols") for an account not on the desk.
 */
export function loadMappings(db: Database, extra?: Record<string, Record<string, string>>): Map<string, SymbolMap> {
  const out = new Map<string, SymbolMap>();
  const add = (accountId: string, broker: string, symbol: string) => (out.get(accountId) ?? out.set(accountId, new Map()).get(accountId)!).set(broker, symbol);
  for (const m of listMappings(db)) add(m.accountId, m.brokerSymbol, m.symbol);
  for (const [accountId, map] of Object.entries(extra ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    requireAccount(db, accountId, 'symbols', 'the symbol mappings name account');
    for (const [broker, symbol] of Object.entries(map)) add(accountId, broker, symbol);
  }
  return out;
}

export function setMapping(db: Database, m: SymbolMapping): void {
  if (!m.brokerSymbol.trim() || !m.symbol.trim()) throw new LifeboatError('bad_request', 'a mapping needs a broker symbol and a desk symbol');
  requireAccount(db, m.accountId, 'accountId');
  db.transaction(() => {
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
