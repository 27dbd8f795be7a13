// Migration 10: a reconciliation sync's checkpoint has a type of its own. An earlier release typed
// it pre_rollback; upgrading re-types those (and only those), keeping ids, roots and verification.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/store/database';
import { migrate } from '../../../electron/engine/store/migrations/migrate';
import { MIGRATIONS } from '../../../electron/engine/store/migrations/list';
import { tempDir } from '../../support/temp-state';

describe('migration 10: pre-sync checkpoints', () => {
  it('re-types the syncs’ pre_rollback checkpoints as pre_sync and leaves every other row as it was', () => {
    const path = join(tempDir(), 'lifeboat.db');
    const raw = new Database(path);
    migrate(raw, path, MIGRATIONS.filter((m) => m.version < 10));
    const put = raw.prepare(
      `INSERT INTO checkpoints (checkpoint_id, type, label, created_at, schema_version, root_hash, counts_json, changed_rows, new_bytes, manifest_json, status)
       VALUES (?, ?, ?, '2026-11-20T21:00:00.000Z', 4, 'root', '{}', 0, 0, '{}', 'ok')`,
    );
    put.run('PRB_20261120_210000_aaaa', 'pre_rollback', 'before reconciliation sync REC_20261120_210000_ab12');
    put.run('PRB_20261120_210000_bbbb', 'pre_rollback', 'before rollback to MAN_20261120_200000_cccc');
    put.run('MAN_20261120_210000_dddd', 'manual', 'before reconciliation sync (a manual label)');
    const before = raw.prepare('SELECT * FROM checkpoints ORDER BY checkpoint_id').all() as Record<string, unknown>[];
    raw.close();

    const db = openDatabase(path); // migrates to the newest schema
    const after = db.prepare('SELECT * FROM checkpoints ORDER BY checkpoint_id').all() as Record<string, unknown>[];
    expect(after.map((r) => [r.checkpoint_id, r.type])).toEqual([
      ['MAN_20261120_210000_dddd', 'manual'],
      ['PRB_20261120_210000_aaaa', 'pre_sync'],
      ['PRB_20261120_210000_bbbb', 'pre_rollback'],
    ]);
    expect(after.map(({ type: _t, ...rest }) => rest)).toEqual(before.map(({ type: _t, ...rest }) => rest));
    // The new type is accepted from now on; a made-up one still is not.
    expect(() => db.prepare(`UPDATE checkpoints SET type = 'pre_sync' WHERE checkpoint_id = 'MAN_20261120_210000_dddd'`).run()).not.toThrow();
    expect(() => db.prepare(`UPDATE checkpoints SET type = 'whatever' WHERE checkpoint_id = 'MAN_20261120_210000_dddd'`).run()).toThrow(/CHECK constraint/);
    db.close();
  });
});
