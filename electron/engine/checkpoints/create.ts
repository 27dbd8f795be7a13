// Taking a checkpoint: capture the live state against the base, store the new chunks and the
// manifest, move the base, clear the change log, audit — all in one IMMEDIATE transaction, so a
// checkpoint is wholly visible or absent and always a single point in time.
import type { Database } from 'better-sqlite3';
import type { CheckpointInfo, CheckpointType } from '../../../shared/api/checkpoints';
import { appendAudit } from '../audit/audit-log';
import { CODE_SCHEMA_VERSION } from '../store/migrations';
import { captureLive, type Capture } from './capture';
import { insertCheckpoint, readBase, writeBase } from './catalog';
import type { ChunkStore } from './chunk-store';
import { checkpointId } from './ids';
import { loadAllEntries, makeManifest, type Manifest, type TableEntries } from './manifest';

export interface LiveSnapshot {
  manifest: Manifest;
  capture: Capture;
}

/** The live state's manifest as a checkpoint taken now would have it; stores nothing. */
export function snapshotLive(db: Database, chunks: ChunkStore): LiveSnapshot {
  return db.transaction(() => {
    const base = readBase(db);
    const capture = captureLive(db, chunks, base ? loadAllEntries(chunks, base.manifest) : null);
    return { manifest: makeManifest(CODE_SCHEMA_VERSION, capture.entries).manifest, capture };
  })();
}

export function createCheckpoint(
  db: Database,
  chunks: ChunkStore,
  opts: { type: CheckpointType; label?: string | null; at?: Date; details?: Record<string, unknown> },
): CheckpointInfo {
  return db
    .transaction(() => {
      const at = opts.at ?? new Date();
      const base = readBase(db);
      const capture = captureLive(db, chunks, base ? loadAllEntries(chunks, base.manifest) : null);
      const { manifest, pages } = makeManifest(CODE_SCHEMA_VERSION, capture.entries);
      const newBytes = storeChunks(chunks, capture, pages, manifest, base?.manifest ?? null);
      const info: CheckpointInfo = {
        checkpointId: freshId(db, opts.type, at),
        type: opts.type,
        label: opts.label ?? null,
        createdAt: at.toISOString(),
        schemaVersion: CODE_SCHEMA_VERSION,
        rootHash: manifest.root,
        counts: Object.fromEntries(Object.entries(manifest.tables).map(([t, m]) => [t, m.rows])),
        changedRows: capture.changedRows,
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

function storeChunks(chunks: ChunkStore, capture: Capture, pages: { hash: string; data: Buffer }[], manifest: Manifest, base: Manifest | null): number {
  let bytes = 0;
  for (const list of Object.values(capture.entries as TableEntries)) {
    for (const e of list) {
      const data = capture.built.get(e.hash);
      if (data) bytes += chunks.put('rows', e.hash, data, capture.previous.get(e.hash));
    }
  }
  // An index page is compressed against the page that stood at its place in the base manifest.
  const previousPage = new Map<string, string>();
  for (const [table, t] of Object.entries(manifest.tables)) {
    t.pages.forEach((hash, i) => {
      const old = base?.tables[table]?.pages[i];
      if (old && old !== hash) previousPage.set(hash, old);
    });
  }
  for (const p of pages) bytes += chunks.put('index', p.hash, p.data, previousPage.get(p.hash));
  return bytes;
}
