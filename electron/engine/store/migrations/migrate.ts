// Numbered migrations, recorded in the database. The applied list must be a prefix of the known
// list; a database migrated by newer code is refused rather than misread.
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../../shared/result';
import type { Migration } from './migration';
import { MIGRATIONS } from './list';

export type { Migration } from './migration';

export const CODE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * The schema of the checkpointed tables, which every checkpoint records and every root hash commits
 * to: the last migration that changed them. A later migration that touches only Lifeboat's own
 * tables leaves earlier checkpoints valid rollback targets. A migration that changes a checkpointed
 * table raises this, and must restate the checkpoints before it (as migration 4 did) or leave them
 * to be refused as rollback targets.
 */
export const STATE_SCHEMA_VERSION = 4;

export function appliedMigrations(db: Database): { version: number; name: string }[] {
  const exists = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
    .get();
  if (!exists) return [];
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
}

/** Applies the migrations the database lacks, each in its own transaction. Returns those applied. */
export function migrate(db: Database, where: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied = appliedMigrations(db);
  const known = migrations;
  const newest = applied[applied.length - 1];
  if (newest && newest.version > known[known.length - 1].version) {
    throw new LifeboatError(
      'conflict',
      `database schema version ${newest.version} is newer than this Lifeboat understands (${known[known.length - 1].version}); use a newer Lifeboat`,
      where,
    );
  }
  applied.forEach((m, i) => {
    if (known[i]?.version !== m.version || known[i]?.name !== m.name) {
      throw new LifeboatError(
        'conflict',
        `database migration ${m.version} (${m.name}) does not match this Lifeboat's migration ${known[i]?.version} (${known[i]?.name})`,
        where,
      );
    }
  });
  const done: number[] = [];
  for (const m of known.slice(applied.length)) {
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
    done.push(m.version);
  }
  return done;
}
