// One numbered schema change, recorded in the database when applied (see migrate.ts).
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL cannot do, run after `sql` in the same transaction. */
  run?: (db: Database) => void;
}
