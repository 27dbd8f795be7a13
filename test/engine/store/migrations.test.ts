import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/store/database';
import { appliedMigrations, CODE_SCHEMA_VERSION, migrate, STATE_SCHEMA_VERSION, type Migration } from '../../../electron/engine/store/migrations/migrate';
import { CHECKPOINT_TABLES } from '../../../electron/engine/checkpoints/tables';
import { MIGRATIONS } from '../../../electron/engine/store/migrations/list';
import { tempDir } from '../../support/temp-state';

describe('migrations', () => {
  it('a new database gets every migration, recorded with its name', () => {
    const db = openDatabase(join(tempDir(), 'lifeboat.db'));
    expect(appliedMigrations(db).map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('opening again applies nothing', () => {
    const path = join(tempDir(), 'lifeboat.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(migrate(db, path)).toEqual([]);
    db.close();
  });

  it('applies only the missing migrations, in order', () => {
    const path = join(tempDir(), 'lifeboat.db');
    const db = new Database(path);
    const next: Migration[] = [...MIGRATIONS, { version: CODE_SCHEMA_VERSION + 1, name: 'later', sql: 'CREATE TABLE later (x TEXT);' }];
    expect(migrate(db, path, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db, path, next)).toEqual([CODE_SCHEMA_VERSION + 1]);
    db.close();
  });

  it('leaves the checkpointed tables as they were at STATE_SCHEMA_VERSION, which checkpoints record', () => {
    // A migration that changes a checkpointed table must raise STATE_SCHEMA_VERSION (see migrations.ts).
    const columns = (migrations: readonly Migration[]) => {
      const path = join(tempDir(), 'lifeboat.db');
      const db = new Database(path);
      migrate(db, path, migrations);
      const shape = CHECKPOINT_TABLES.map((t) => [t.name, db.pragma(`table_info(${t.name})`)]);
      db.close();
      return shape;
    };
    const upTo = MIGRATIONS.filter((m) => m.version <= STATE_SCHEMA_VERSION);
    expect(upTo.length).toBeGreaterThan(0);
    expect(columns(MIGRATIONS)).toEqual(columns(upTo));
  });

  it('refuses a database migrated by newer code', () => {
    const path = join(tempDir(), 'lifeboat.db');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(CODE_SCHEMA_VERSION + 5, 'from the future', 'x');
    raw.close();
    expect(() => openDatabase(path)).toThrowError(/newer than this Lifeboat understands/);
  });

  it('refuses a database whose applied migrations differ from the known ones', () => {
    const path = join(tempDir(), 'lifeboat.db');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.prepare('UPDATE schema_migrations SET name = ? WHERE version = 1').run('something else');
    raw.close();
    expect(() => openDatabase(path)).toThrowError(/does not match/);
  });

  it('refuses a file that is not a database, saying so', () => {
    const path = join(tempDir(), 'lifeboat.db');
    require('node:fs').writeFileSync(path, 'this is not sqlite'.repeat(100));
    expect(() => openDatabase(path)).toThrowError(/not an SQLite database, or its header is damaged/);
  });
});
