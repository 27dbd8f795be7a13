// Which SQLite files are Lifeboat's own. Every Lifeboat database carries APPLICATION_ID in its
// header (SQLite's `application_id`, set by migration 6); databases made before it are recognised by
// their first migration. Any other SQLite file named lifeboat.db — another program's — is refused
// for reading and writing alike, because opening it for writing would migrate (rewrite) it.
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';

/** "LFBT" */
export const APPLICATION_ID = 0x4c464254;
const FIRST_MIGRATION = 'live state and audit trail';

export type Identity = 'lifeboat' | 'legacy' | 'empty';

export function identify(db: Database, path: string): Identity {
  const id = db.pragma('application_id', { simple: true }) as number;
  if (id === APPLICATION_ID) return 'lifeboat';
  if (id !== 0) {
    throw new LifeboatError(
      'bad_request',
      `not a Lifeboat database: its SQLite application_id is 0x${(id >>> 0).toString(16).padStart(8, '0')}, not Lifeboat's 0x${APPLICATION_ID.toString(16)} (another program's file); Lifeboat will not read or change it`,
      path,
    );
  }
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]);
  if (tables.length === 0) return 'empty';
  if (tables.includes('schema_migrations')) {
    const first = db.prepare('SELECT name FROM schema_migrations WHERE version = 1').pluck().get();
    if (first === FIRST_MIGRATION) return 'legacy';
  }
  const shown = tables.slice(0, 6).join(', ') + (tables.length > 6 ? `, … (${tables.length} tables)` : '');
  throw new LifeboatError(
    'bad_request',
    `not a Lifeboat database: it holds another program's tables (${shown}) and no Lifeboat schema; Lifeboat will not read or change it`,
    path,
  );
}
