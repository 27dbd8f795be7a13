// Taking a checkpoint, in one IMMEDIATE transaction, so it is wholly visible or absent and always a
// single point in time:
//  - usually as a layer: the change log's rows (before and after) stored as layer chunks, and the
//    root read from the state hash the triggers keep: O(changed rows), no chunk rebuilt;
//  - whole when there is nothing to layer on (the first checkpoint, or a change log from before
//    layers existed): chunk lists captured from the live rows.
// Then the base moves, the change log is cleared, the checkpoint is audited, and its chunks and
// catalog row are stored last (a layer's compressed bytes may still be coming from a packing thread).
import type { Database } from 'better-sqlite3';
import type { CheckpointInfo, CheckpointType, LiveCheck } from '../../../shared/api/checkpoints';
import { LifeboatError } from '../../../shared/result';
import { describeLiveCheck } from './live-check';
import { anchorAudit, appendAudit } from '../audit/audit-log';
import { STATE_SCHEMA_VERSION } from '../store/migrations/migrate';
import { captureLive, type Capture, type Materialized } from './capture';
import { insertCheckpoint, readBase, writeBase } from './catalog';
import type { ChunkCache } from './chunk-cache';
import { checkpointId } from './ids';
import { packInThisThread, type Packer } from './layer-packer';
import { changeLogChunks, changeLogComplete } from './layers';
import { makeManifest, type LayerRef, type Manifest } from './manifest';
import { liveTableHashes, stateRoot } from './state-hash';

type Base = NonNullable<ReturnType<typeof readBase>>;

export interface LiveSnapshot {
  manifest: Manifest;
  capture: Capture;
}

/** The live state as chunk lists on top of its (materialized) base; stores nothing. */
export function snapshotLive(db: Database, chunks: ChunkCache, base: Materialized | null): LiveSnapshot {
  const capture = captureLive(db, chunks, base);
  return { manifest: makeManifest(STATE_SCHEMA_VERSION, capture.entries, liveTableHashes(db)).manifest, capture };
}

/** The live state's root hash, as the triggers keep it: O(1). */
export function liveRoot(db: Database): string {
  return stateRoot(STATE_SCHEMA_VERSION, liveTableHashes(db));
}

export interface CreateOptions {
  type: CheckpointType;
  label?: string | null;
  at?: Date;
  details?: Record<string, unknown>;
  /** The base as chunk lists, for a whole capture on top of a layered base. */
  materializeBase: () => Materialized;
  /** Packs a layer's chunks (in this thread unless given). */
  packer?: () => Packer;
  /**
   * Checks the live rows against the kept state hash before a whole capture reads them. A layer
   * stores the change log's texts, which the triggers wrote with the hash, so it needs no check.
   */
  checkLive?: () => LiveCheck;
}

export function createCheckpoint(db: Database, chunks: ChunkCache, opts: CreateOptions): CheckpointInfo {
  return db
    .transaction(() => {
      const at = opts.at ?? new Date();
      const base = readBase(db);
      const hashes = liveTableHashes(db);
      const taken = base && changeLogComplete(db) ? takeLayer(db, chunks, base, hashes, opts.packer?.() ?? packInThisThread()) : takeWhole(db, chunks, base, hashes, opts);
      const checkpointId = freshId(db, opts.type, at);
      // What does not need the layer's compressed bytes first: a packing thread may still be at them.
      writeBase(db, checkpointId, taken.manifest);
      db.prepare('DELETE FROM change_log').run();
      const audited = appendAudit(db, 'checkpoint.create', {
        checkpointId,
        type: opts.type,
        label: opts.label ?? null,
        rootHash: taken.manifest.root,
        changedRows: taken.changedRows,
        ...opts.details,
      });
      const newBytes = taken.store(); // waits for a packing thread's bytes, if it has any left
      const info: CheckpointInfo = {
        checkpointId,
        type: opts.type,
        label: opts.label ?? null,
        createdAt: at.toISOString(),
        schemaVersion: STATE_SCHEMA_VERSION,
        rootHash: taken.manifest.root,
        counts: Object.fromEntries(Object.entries(taken.manifest.tables).map(([t, m]) => [t, m.rows])),
        changedRows: taken.changedRows,
        newBytes,
        pinned: false,
        status: 'unverified',
        statusDetail: null,
        verifiedAt: null,
      };
      insertCheckpoint(db, info, taken.manifest);
      anchorAudit(db, `checkpoint ${checkpointId}`, audited);
      return info;
    })
    .immediate();
}

interface Taken {
  manifest: Manifest;
  changedRows: number;
  /** Stores the chunks the checkpoint needs; returns the bytes newly stored. */
  store: () => number;
}

/** The change log as a layer on the base: O(changed rows). */
function takeLayer(db: Database, chunks: ChunkCache, base: Base, hashes: Manifest['tables'], packer: Packer): Taken {
  const layerChunks = changeLogChunks(db, packer);
  const tables = Object.fromEntries([...layerChunks.tables].map(([table, list]) => [table, list.map((c) => c.hash)]));
  const layer: LayerRef = { parent: base.checkpointId, parentRoot: base.manifest.root, rows: layerChunks.rows, tables };
  return {
    manifest: { version: 2, schemaVersion: STATE_SCHEMA_VERSION, root: stateRoot(STATE_SCHEMA_VERSION, hashes), tables: hashes, layer },
    changedRows: layerChunks.rows,
    store: () => {
      const stored = packer.finish();
      let bytes = 0;
      for (const list of layerChunks.tables.values()) for (const c of list) bytes += chunks.putCompressed('rows', c.hash, c.data, stored.get(c.hash)!, 'brotli');
      return bytes;
    },
  };
}

/** Chunk lists captured from the live rows (on the base's, when there is one). */
function takeWhole(db: Database, chunks: ChunkCache, base: Base | null, hashes: Manifest['tables'], opts: CreateOptions): Taken {
  const check = opts.checkLive?.();
  if (check && !check.ok) throw new LifeboatError('verification_failed', `no checkpoint taken: ${describeLiveCheck(check)}. Run \`lifeboat state check\` for the list`);
  const capture = captureLive(db, chunks, base ? opts.materializeBase() : null);
  const { manifest, pages } = makeManifest(STATE_SCHEMA_VERSION, capture.entries, hashes);
  return { manifest, changedRows: capture.changedRows, store: () => storeChunks(chunks, capture, pages) };
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
  chunks: ChunkCache,
  capture: Pick<Capture, 'entries' | 'built'>,
  pages: { hash: string; data: Buffer }[],
): number {
  let bytes = 0;
  for (const list of Object.values(capture.entries)) {
    for (const e of list) {
      const data = capture.built.get(e.hash);
      if (data) bytes += chunks.put('rows', e.hash, data);
    }
  }
  for (const p of pages) bytes += chunks.put('index', p.hash, p.data);
  return bytes;
}
