// Taking a checkpoint, in one IMMEDIATE transaction, so it is wholly visible or absent and always a
// single point in time:
//  - usually as a layer: the change log's rows (before and after) stored as layer chunks, and the
//    root read from the state hash the triggers keep: O(changed rows), no chunk rebuilt;
//  - whole when there is nothing to layer on (the first checkpoint, or a change log from before
//    layers existed): chunk lists captured from the live rows.
// Then the base moves, the change log is cleared, and the checkpoint is audited.
import type { Database } from 'better-sqlite3';
import type { CheckpointInfo, CheckpointType } from '../../../shared/api/checkpoints';
import { appendAudit } from '../audit/audit-log';
import { CODE_SCHEMA_VERSION } from '../store/migrations';
import { captureLive, type Capture, type Materialized } from './capture';
import { insertCheckpoint, readBase, writeBase } from './catalog';
import type { ChunkStore } from './chunk-store';
import { checkpointId } from './ids';
import { changeLogChunks, changeLogComplete } from './layers';
import { makeManifest, type LayerRef, type Manifest } from './manifest';
import { liveTableHashes, stateRoot } from './state-hash';

export interface LiveSnapshot {
  manifest: Manifest;
  capture: Capture;
}

/** The live state as chunk lists on top of its (materialized) base; stores nothing. */
export function snapshotLive(db: Database, chunks: ChunkStore, base: Materialized | null): LiveSnapshot {
  const capture = captureLive(db, chunks, base);
  return { manifest: makeManifest(CODE_SCHEMA_VERSION, capture.entries, liveTableHashes(db)).manifest, capture };
}

/** The live state's root hash, as the triggers keep it: O(1). */
export function liveRoot(db: Database): string {
  return stateRoot(CODE_SCHEMA_VERSION, liveTableHashes(db));
}

export interface CreateOptions {
  type: CheckpointType;
  label?: string | null;
  at?: Date;
  details?: Record<string, unknown>;
  /** The base as chunk lists, for a whole capture on top of a layered base. */
  materializeBase: () => Materialized;
}

export function createCheckpoint(db: Database, chunks: ChunkStore, opts: CreateOptions): CheckpointInfo {
  return db
    .transaction(() => {
      const at = opts.at ?? new Date();
      const base = readBase(db);
      const hashes = liveTableHashes(db);
      
      let manifest: Manifest;
      let newBytes = 0;
      let changedRows: number;
      if (base && changeLogComplete(db)) {
        const tables: Record<string, string[]> = {};
        const layerChunks = changeLogChunks(db);
        changedRows = layerChunks.rows;
        for (const [table, list] of layerChunks.tables) {
          tables[table] = list.map((c) => {
            // Deflate's fastest level: a layer is on the checkpoint's path, and most of its bytes are
            // rows after (the rows before are mostly patches), which level 1 compresses nearly as well.
            newBytes += chunks.put('rows', c.hash, c.data, undefined, 1);
            return c.hash;
          });
        }
        const layer: LayerRef = { parent: base.checkpointId, parentRoot: base.manifest.root, rows: changedRows, tables };
        manifest = { version: 2, schemaVersion: CODE_SCHEMA_VERSION, root: stateRoot(CODE_SCHEMA_VERSION, hashes), tables: hashes, layer };
      } else {
        const capture = captureLive(db, chunks, base ? opts.materializeBase() : null);
        const made = makeManifest(CODE_SCHEMA_VERSION, capture.entries, hashes);
        manifest = made.manifest;
        newBytes = storeChunks(chunks, capture, made.pages, manifest, base?.manifest ?? null);
        changedRows = capture.changedRows;
      }
      const info: CheckpointInfo = {
        checkpointId: freshId(db, opts.type, at),
        type: opts.type,
        label: opts.label ?? null,
        createdAt: at.toISOString(),
        schemaVersion: CODE_SCHEMA_VERSION,
        rootHash: manifest.root,
        counts: Object.fromEntries(Object.entries(manifest.tables).map(([t, m]) => [t, m.rows])),
        changedRows,
        newBytes,
        pinned: false,
        status: 'unverified',
        statusDetail: null,
        verifiedAt: null,
      };
      insertCheckpoint(db, info, manifest);
      writeBase(db, info.checkpointId, manifest);
      db.prepare('DELETE FROM change_log').run();
      appendAudit(db, 'checkpoint.create', {
        checkpointId: info.checkpointId,
        type: info.type,
        label: info.label,
        rootHash: info.rootHash,
        changedRows: info.changedRows,
        ...opts.details,
      });
      return info;
    })
    .immediate();
}

/** Ids carry the second and 16 random bits; many checkpoints in one second may need another draw. */
function freshId(db: Database, type: CheckpointType, at: Date): string {
  const taken = db.prepare('SELECT 1 FROM checkpoints WHERE checkpoint_id = ?');
  for (;;) {
    const id = checkpointId(type, at);
    if (!taken.get(id)) return id;
  }
}

/** Stores the chunks a capture built and its index pages; returns the bytes newly stored. */
export function storeChunks(
  chunks: ChunkStore,
  capture: Pick<Capture, 'entries' | 'built' | 'previous'>,
  pages: { hash: string; data: Buffer }[],
  manifest: Manifest,
  base: Manifest | null,
): number {
  let bytes = 0;
  for (const list of Object.values(capture.entries)) {
    for (const e of list) {
      const data = capture.built.get(e.hash);
      if (data) bytes += chunks.put('rows', e.hash, data, capture.previous.get(e.hash));
    }
  }
  // An index page is compressed against the page that stood at its place in the base manifest.
  const previousPage = new Map<string, string>();
  for (const [table, t] of Object.entries(manifest.tables)) {
    t.pages?.forEach((hash, i) => {
      const old = base?.tables[table]?.pages?.[i];
      if (old && old !== hash) previousPage.set(hash, old);
    });
  }
  for (const p of pages) bytes += chunks.put('index', p.hash, p.data, previousPage.get(p.hash));
  return bytes;
}
