// Migration 9: self-contained chunks. Shipped: never edit it, add a new migration.
import type { Database } from 'better-sqlite3';
import { inflateRawSync } from 'node:zlib';
import { LifeboatError } from '../../../../shared/result';
import { chunkId } from '../../chunks/id';
import { compressChunk } from '../../chunks/codec';
import type { Migration } from './migration';

/**
 * Until now a chunk could be stored deflated against an older chunk as its dictionary (a delta), so
 * reading it needed that chunk too. Backups and tiers move chunks one by one, so every stored chunk
 * must decode alone (chunks/README.md): each delta is decoded, checked against its hash and stored
 * whole. The hashes, and so every checkpoint, stay as they were.
 */
function storeDeltasWhole(db: Database): void {
  const select = db.prepare('SELECT data, base_hash FROM chunks WHERE hash = ?');
  const update = db.prepare(`UPDATE chunks SET codec = 'deflate', data = ?, stored_size = ?, base_hash = NULL, depth = 0 WHERE hash = ?`);
  const decoded = new Map<string, Buffer>(); // bases are shared by up to 8 later versions
  const read = (hash: string): Buffer => {
    const known = decoded.get(hash);
    if (known) return known;
    const row = select.get(hash) as { data: Buffer; base_hash: string | null } | undefined;
    if (!row) throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is missing`, 'migration 9', { hash });
    let data: Buffer;
    try {
      data = row.base_hash ? inflateRawSync(row.data, { dictionary: read(row.base_hash) }) : inflateRawSync(row.data);
    } catch (err) {
      if (err instanceof LifeboatError) throw err;
      throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is damaged (does not decompress)`, 'migration 9', { hash });
    }
    if (chunkId(data) !== hash) throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is damaged (content does not match its hash)`, 'migration 9', { hash });
    if (decoded.size > 256) decoded.clear();
    decoded.set(hash, data);
    return data;
  };
  const deltas = db.prepare(`SELECT hash FROM chunks WHERE base_hash IS NOT NULL AND codec = 'deflate' ORDER BY depth, hash`).pluck().all() as string[];
  for (const hash of deltas) {
    const whole = compressChunk('deflate', read(hash));
    update.run(whole, whole.length, hash);
  }
}

export const migration9: Migration = {
  version: 9,
  name: 'self-contained chunks',
  sql: `
-- Every chunk is stored whole from now on; base_hash and depth stay (a column a foreign key names
-- cannot be dropped) and are always NULL and 0.
`,
  run: storeDeltasWhole,
};
