import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/engine/store/identity';
import { openDatabase } from '../../../electron/engine/store/database';
import { lifeboat, lifeboatJson } from '../../support/cli';
import { tempDir } from '../../support/temp-state';

/** Another program's SQLite database, sitting where Lifeboat's would be. */
function foreignFolder(applicationId = 0): { dir: string; db: string; bytes: Buffer } {
  const dir = tempDir();
  const db = join(dir, 'lifeboat.db');
  const raw = new Database(db);
  raw.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')`);
  if (applicationId) raw.pragma(`application_id = ${applicationId}`);
  raw.close();
  return { dir, db, bytes: readFileSync(db) };
}

describe('Lifeboat opens only its own databases', () => {
  it('a new database is marked with Lifeboat’s application_id', () => {
    const dir = tempDir();
    openDatabase(join(dir, 'lifeboat.db')).close();
    const raw = new Database(join(dir, 'lifeboat.db'), { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    raw.close();
  });

  it('another program’s database is refused for reading and for writing, naming its tables, and left byte for byte as it was', () => {
    const { dir, db, bytes } = foreignFolder();
    for (const args of [['status'], ['audit', 'verify'], ['state', 'export'], ['simulate', '--ticks', '1'], ['checkpoint', 'create'], ['serve', '--port', '0']]) {
      const r = lifeboat([...args, '--state', dir]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/not a Lifeboat database: it holds another program's tables \(notes\)/);
      expect(r.stderr, args.join(' ')).toContain(db);
      expect(r.stderr, args.join(' ')).not.toMatch(/schema 0|open it for writing|\n\s+at /);
    }
    expect(readFileSync(db).equals(bytes)).toBe(true);
    // Nothing was added beside it: no subfolders, no lock, no WAL.
    expect(readdirSync(dir).sort()).toEqual(['lifeboat.db']);
  });

  it('a database carrying another application_id is refused naming the id', () => {
    const { dir, db, bytes } = foreignFolder(0x12345678);
    const r = lifeboat(['status', '--state', dir, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).error).toMatchObject({ where: db, message: expect.stringMatching(/application_id is 0x12345678/) });
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  it('a file that is not SQLite at all is named as such', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lifeboat.db'), 'these are my notes, not a database\n'.repeat(200));
    const r = lifeboat(['status', '--state', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not an SQLite database/);
  });

  it('a Lifeboat database from before the mark is recognised by its migrations, and marked on its next write open', () => {
    // A state folder written by an earlier release (schema 3), with no application_id.
    const dir = join(tempDir(), 'desk');
    mkdirSync(dir);
    writeFileSync(join(dir, 'lifeboat.db'), gunzipSync(readFileSync(join(__dirname, '../../fixtures/upgrade/schema3-desk.db.gz'))));
    const old = new Database(join(dir, 'lifeboat.db'), { readonly: true });
    expect(old.pragma('application_id', { simple: true })).toBe(0);
    old.close();
    expect(lifeboat(['checkpoint', 'create', '--state', dir]).code).toBe(0);
    const after = new Database(join(dir, 'lifeboat.db'), { readonly: true });
    expect(after.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    after.close();
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
  });
});

describe('a state folder that lost its database', () => {
  it('is an error naming what is missing, for serve, demo and every write — never a fresh desk', () => {
    const dir = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', dir, '--seed', '5']);
    lifeboatJson(['checkpoint', 'create', '--state', dir]);
    lifeboatJson(['checkpoint', 'export', lifeboatJson(['checkpoint', 'list', '--state', dir]).checkpoints[0].checkpointId, '--state', dir]);
    const db = join(dir, 'lifeboat.db');
    writeFileSync(join(tempDir(), 'keep.db'), readFileSync(db));
    for (const f of ['lifeboat.db', 'lifeboat.db-wal', 'lifeboat.db-shm']) rmSync(join(dir, f), { force: true });
    for (const args of [['serve', '--port', '0'], ['demo'], ['simulate', '--ticks', '1'], ['status']]) {
      const r = lifeboat([...args, '--state', dir]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/lifeboat\.db is missing from a state folder that has held a desk \(found .*exports\/ \(6 files\)/);
      expect(r.stderr, args.join(' ')).toMatch(/demo-broker\//);
    }
    expect(existsSync(db)).toBe(false);
  });

  it('an empty folder, or one with only the empty layout, still becomes a new desk', () => {
    const dir = tempDir();
    for (const sub of ['inbox', 'exports', 'cold']) mkdirSync(join(dir, sub));
    expect(lifeboat(['demo', '--state', dir, '--seed', '2']).code).toBe(0);
    expect(existsSync(join(dir, 'lifeboat.db'))).toBe(true);
  });
});
