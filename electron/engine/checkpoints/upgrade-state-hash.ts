// Migration 4's work in code: install the hashing triggers, compute the live state hash once, and
// restate every stored checkpoint under the new root hash (its rows are unchanged; the root now
// commits to each table's LtHash rather than to how its rows were chunked). Each restated root is
// audited, so a root quoted before the upgrade can still be traced to its checkpoint.
import { inflateRawSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import { parseChunk, parsePage, sha256, type ChunkEntry } from './chunker';
import { changeTrackingSql } from './change-tracking';
import type { Manifest, TableManifest } from './manifest';
import { accBytes, accDigest, addAcc, computeLiveAccs, emptyAcc, recordsAcc, stateRoot, type Acc } from './state-hash';
import { CHECKPOINT_TABLES } from './tables';

/**
 * Migration 4 changes no checkpointed table, so a restated checkpoint's rows are valid under
 * schema 4 as they are, and it is restated as of schema 4 (a rollback target needs the schema the
 * live tables have).
 */
const RESTATED_SCHEMA = 4;

interface ManifestV1 {
  version: 1;
  schemaVersion: number;
  root: string;
  tables: Record<string, { rows: number; root: string; pages: string[] }>;
}

export function upgradeToStateHash(db: Database): void {
  db.exec(changeTrackingSql(db));
  const insert = db.prepare('INSERT INTO state_hash (table_name, row_count, acc) VALUES (?, ?, ?)');
  for (const [table, { rows, acc }] of Object.entries(computeLiveAccs(db))) insert.run(table, rows, accBytes(acc));

  const chunk = schema3Chunks(db);
  const partials = new Map<string, Acc>();
  const restate = (old: ManifestV1): Manifest => {
    const tables: Record<string, TableManifest> = {};
    for (const t of CHECKPOINT_TABLES) {
      const tm = old.tables[t.name] ?? { rows: 0, root: '', pages: [] };
      const acc = emptyAcc();
      for (const page of tm.pages) {
        for (const e of parsePage(chunk(page, `${t.name} index page`)) as ChunkEntry[]) {
          let part = partials.get(e.hash);
          if (!part) partials.set(e.hash, (part = recordsAcc(t.name, parseChunk(chunk(e.hash, `${t.name} chunk`)).map((r) => r.text))));
          addAcc(acc, part);
        }
      }
      tables[t.name] = { rows: tm.rows, digest: accDigest(acc), root: tm.root, pages: tm.pages };
    }
    return { version: 2, schemaVersion: RESTATED_SCHEMA, root: stateRoot(RESTATED_SCHEMA, tables), tables };
  };

  const checkpoints = db.prepare('SELECT checkpoint_id, manifest_json FROM checkpoints ORDER BY created_at').all() as { checkpoint_id: string; manifest_json: string }[];
  const update = db.prepare('UPDATE checkpoints SET root_hash = ?, manifest_json = ?, schema_version = ? WHERE checkpoint_id = ?');
  const restated = new Map<string, Manifest>();
  for (const c of checkpoints) {
    const old = JSON.parse(c.manifest_json) as ManifestV1;
    const manifest = restate(old);
    restated.set(c.checkpoint_id, manifest);
    update.run(manifest.root, JSON.stringify(manifest), RESTATED_SCHEMA, c.checkpoint_id);
    appendAudit(db, 'checkpoint.restate', {
      checkpointId: c.checkpoint_id,
      previousRootHash: old.root,
      previousSchemaVersion: old.schemaVersion,
      rootHash: manifest.root,
      schemaVersion: RESTATED_SCHEMA,
      reason: 'root hash v2: per-table LtHash',
    });
  }
  const base = db.prepare('SELECT checkpoint_id, manifest_json FROM live_base').get() as { checkpoint_id: string; manifest_json: string } | undefined;
  if (base) {
    const manifest = restated.get(base.checkpoint_id) ?? restate(JSON.parse(base.manifest_json) as ManifestV1);
    db.prepare('UPDATE live_base SET manifest_json = ?').run(JSON.stringify(manifest));
  }
}

/**
 * Reads chunks as schema 3 stored them (deflate, perhaps against a base chunk as the dictionary),
 * each checked against its hash. A migration reads the tables as they are when it runs, so this
 * does not go through today's ChunkCache, whose table has gained columns since.
 */
function schema3Chunks(db: Database): (hash: string, where: string) => Buffer {
  const select = db.prepare('SELECT data, base_hash FROM chunks WHERE hash = ?');
  const bases = new Map<string, Buffer>(); // a base is the dictionary of up to 8 later versions
  const read = (hash: string, where: string): Buffer => {
    const row = select.get(hash) as { data: Buffer; base_hash: string | null } | undefined;
    if (!row) throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is missing`, where, { hash });
    const dictionary = row.base_hash ? base(row.base_hash, where) : undefined;
    let data: Buffer;
    try {
      data = dictionary ? inflateRawSync(row.data, { dictionary }) : inflateRawSync(row.data);
    } catch {
      throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is damaged (does not decompress)`, where, { hash });
    }
    if (sha256(data) !== hash) throw new LifeboatError('verification_failed', `chunk ${hash.slice(0, 12)} is damaged (content does not match its hash)`, where, { hash });
    return data;
  };
  const base = (hash: string, where: string): Buffer => {
    let data = bases.get(hash);
    if (!data) {
      if (bases.size >= 4096) bases.clear();
      bases.set(hash, (data = read(hash, where)));
    }
    return data;
  };
  return read;
}
