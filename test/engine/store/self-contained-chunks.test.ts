// Migration 9 on a real state folder of an earlier release, whose chunks were partly stored as
// deltas against other chunks: afterwards every chunk decodes alone, and every checkpoint verifies
// and rolls back as before.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { MemoryChunkRepository } from '../../../electron/engine/chunks/memory-repository';
import { ensureStateFolder } from '../../../electron/engine/store/state-folder';
import { tempDir } from '../../support/temp-state';

const FIXTURE = join(__dirname, '../../fixtures/upgrade');

describe('migration 9: self-contained chunks', () => {
  it('stores every delta chunk whole, with the same hash, and every checkpoint still verifies', async () => {
    const stateDir = join(tempDir(), 'desk');
    const paths = ensureStateFolder(stateDir);
    writeFileSync(paths.db, gunzipSync(readFileSync(join(FIXTURE, 'schema3-desk.db.gz'))));
    const before = new Database(paths.db, { readonly: true });
    const deltas = before.prepare('SELECT hash FROM chunks WHERE base_hash IS NOT NULL ORDER BY hash').pluck().all() as string[];
    const all = before.prepare('SELECT hash FROM chunks ORDER BY hash').pluck().all() as string[];
    before.close();
    expect(deltas.length).toBeGreaterThan(0);

    const engine = Engine.open({ stateDir, mode: 'write', purpose: 'test' });
    try {
      const db = engine.store.db;
      expect(db.prepare('SELECT COUNT(*) FROM chunks WHERE base_hash IS NOT NULL OR depth != 0').pluck().get()).toBe(0);
      expect(db.prepare('SELECT hash FROM chunks ORDER BY hash').pluck().all()).toEqual(all);
      // Each one, copied alone into an empty repository, reads back: nothing else is needed.
      const repo = engine.checkpoints.chunks.repository;
      for (const id of deltas) {
        const alone = new MemoryChunkRepository();
        alone.putStored(id, repo.getStored(id)!);
        expect(alone.get(id).equals(repo.get(id))).toBe(true);
      }
      expect(engine.checkpoints.verifyAll().every((r) => r.ok)).toBe(true);
    } finally {
      await engine.close();
    }
  });
});
