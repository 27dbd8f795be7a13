// Migration 4 on a real state folder written by the previous release (schema 3: chunk-list roots,
// no state hash, a change log of keys only). See test/fixtures/upgrade/README.md for how it was made.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { verifyAudit } from '../../../electron/engine/audit/audit-log';
import { computeLiveAccs, hashesOf, stateRoot } from '../../../electron/engine/checkpoints/state-hash';
import { CODE_SCHEMA_VERSION, STATE_SCHEMA_VERSION } from '../../../electron/engine/store/migrations/migrate';
import { ensureStateFolder } from '../../../electron/engine/store/state-folder';
import { tempDir } from '../../support/temp-state';

const FIXTURE = join(__dirname, '../../fixtures/upgrade');
const made = JSON.parse(readFileSync(join(FIXTURE, 'schema3-desk.json'), 'utf8')) as { a: string; aRoot: string; b: string; bRoot: string; pending: number };

function oldDesk(): string {
  const stateDir = join(tempDir(), 'desk');
  const paths = ensureStateFolder(stateDir);
  writeFileSync(paths.db, gunzipSync(readFileSync(join(FIXTURE, 'schema3-desk.db.gz'))));
  return stateDir;
}

describe('upgrading a schema 3 state folder', () => {
  it('is refused by a read-only open with a clear way forward', () => {
    const stateDir = oldDesk();
    expect(() => Engine.open({ stateDir, mode: 'read', purpose: 'test' })).toThrow(new RegExp(`schema 3.*needs ${CODE_SCHEMA_VERSION}.*Open it for writing once`));
  });

  it('restates every checkpoint under the new root, audited, and keeps every row and every rollback', async () => {
    const stateDir = oldDesk();
    const backup = join(tempDir(), 'before.db');
    copyFileSync(join(stateDir, 'lifeboat.db'), backup);
    const engine = Engine.open({ stateDir, mode: 'write', purpose: 'test' });
    try {
      const cp = engine.checkpoints;
      const db = engine.store.db;
      expect(STATE_SCHEMA_VERSION).toBe(4);
      // The triggers' state hash starts equal to a full rehash of the rows.
      const full = () => stateRoot(STATE_SCHEMA_VERSION, hashesOf(computeLiveAccs(db)));
      expect(cp.stateHash().rootHash).toBe(full());
      expect(cp.changedRows()).toBe(made.pending);

      // Both checkpoints: new roots, verified from their chunks, and the restatement audited.
      const a = cp.get(made.a);
      const b = cp.get(made.b);
      expect(a.rootHash).not.toBe(made.aRoot);
      expect(cp.verifyAll().every((r) => r.ok)).toBe(true);
      const restated = db.prepare(`SELECT details FROM audit_log WHERE action = 'checkpoint.restate' ORDER BY seq`).pluck().all() as string[];
      expect(restated.map((d) => JSON.parse(d))).toEqual([
        expect.objectContaining({ checkpointId: made.a, previousRootHash: made.aRoot, rootHash: a.rootHash }),
        expect.objectContaining({ checkpointId: made.b, previousRootHash: made.bRoot, rootHash: b.rootHash }),
      ]);
      expect(verifyAudit(db).ok).toBe(true);

      // The change log from before the upgrade has no earlier texts: the next checkpoint is taken whole…
      const c = cp.create('manual', 'after upgrade');
      expect(c.rootHash).toBe(full());
      expect(JSON.parse(db.prepare('SELECT manifest_json FROM checkpoints WHERE checkpoint_id = ?').pluck().get(c.checkpointId) as string).layer).toBeUndefined();
      // …and the one after is a layer.
      db.prepare(`UPDATE positions SET last_price = '1.5' WHERE (strategy_id, symbol) IN (SELECT strategy_id, symbol FROM positions ORDER BY symbol LIMIT 3)`).run();
      const d = cp.create('manual');
      expect(d.changedRows).toBe(3);
      expect(JSON.parse(db.prepare('SELECT manifest_json FROM checkpoints WHERE checkpoint_id = ?').pluck().get(d.checkpointId) as string).layer.parent).toBe(c.checkpointId);

      // Rolling back to a checkpoint written before the upgrade lands exactly on its restated root.
      cp.rollback(made.a, {});
      expect(cp.stateHash().rootHash).toBe(a.rootHash);
      expect(full()).toBe(a.rootHash);
      cp.rollback(made.b, {});
      expect(cp.stateHash().rootHash).toBe(b.rootHash);
    } finally {
      await engine.close();
    }
  });
});
