// The scope of a reconciliation or a symbol mapping: an account of this desk, or a clear refusal
// naming the account and the accounts there are.
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';

export function deskAccountIds(db: Database): string[] {
  return db.prepare('SELECT account_id FROM accounts ORDER BY account_id').pluck().all() as string[];
}

/** Refuses (bad_request) an account that is not on the desk; `names` says who named it ("the snapshot names account"). */
export function requireAccount(db: Database, accountId: string, where: string, names?: string): void {
  if (db.prepare('SELECT 1 FROM accounts WHERE account_id = ?').get(accountId)) return;
  const known = deskAccountIds(db);
  throw new LifeboatError(
    'bad_request',
    `${names ? `${names} "${accountId}", which is` : `account "${accountId}" is`} not on this desk (${known.length ? `its accounts: ${known.join(', ')}` : 'it has no accounts yet'})`,
    where,
  );
}
