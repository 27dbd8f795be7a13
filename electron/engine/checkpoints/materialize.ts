// A layered checkpoint is its parent plus its layer. Materializing one finds the nearest ancestor
// that lists its chunks, applies the layers since (composed: each key rebuilt once), and yields the
// chunk lists — in memory for a read, or stored in place (compaction) so later reads start there.
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { applyChanges, type Materialized } from './capture';
import { findManifest, getCheckpoint } from './catalog';
import type { ChunkCache } from './chunk-cache';
import { storeChunks } from './create';
import { readLayerTable } from './layers';
import { isMaterialized, loadAllEntries, makeManifest, type Manifest } from './manifest';

export interface MaterializedCheckpoint extends Materialized {
  manifest: Manifest;
  /** The materialized ancestor it was built from, and how many layers were applied. */
  from: string;
  layers: number;
}

/** The chain from a checkpoint back to (not including) its nearest materialized ancestor, newest first. */
export function layerChain(db: Database, id: string, manifest: Manifest): { chain: { id: string; manifest: Manifest }[]; root: { id: string; manifest: Manifest } } {
  const chain: { id: string; manifest: Manifest }[] = [];
  let at = { id, manifest };
  while (!isMaterialized(at.manifest)) {
    chain.push(at);
    const layer = at.manifest.layer;
    if (!layer) throw new LifeboatError('verification_failed', `checkpoint ${at.id} lists neither chunks nor a layer`, at.id);
    const parent = findManifest(db, layer.parent);
    if (!parent) throw new LifeboatError('verification_failed', `checkpoint ${at.id} is stored as changes on ${layer.parent}, which is missing`, at.id);
    if (parent.root !== layer.parentRoot) {
      throw new LifeboatError('verification_failed', `checkpoint ${at.id} was taken on ${layer.parent} with root ${layer.parentRoot.slice(0, 12)}, which now has ${parent.root.slice(0, 12)}`, at.id);
    }
    at = { id: layer.parent, manifest: parent };
  }
  return { chain, root: at };
}

export function materialize(db: Database, chunks: ChunkCache, id: string, manifest = getCheckpoint(db, id).manifest): MaterializedCheckpoint {
  const { chain, root } = layerChain(db, id, manifest);
  const entries = loadAllEntries(chunks, root.manifest);
  if (chain.length === 0) return { manifest, entries, extra: new Map(), from: root.id, layers: 0 };
  const changes = new Map<string, Map<string, string | null>>();
  for (const { manifest: m } of [...chain].reverse()) {
    for (const table of Object.keys(m.layer!.tables)) {
      let map = changes.get(table);
      if (!map) changes.set(table, (map = new Map()));
      for (const r of readLayerTable(chunks, m.layer!, table)) map.set(r.key, r.after);
    }
  }
  const capture = applyChanges(chunks, { entries, extra: new Map() }, changes);
  for (const [table, t] of Object.entries(manifest.tables)) {
    const rows = (capture.entries[table] ?? []).reduce((n, e) => n + e.rows, 0);
    if (rows !== t.rows) throw new LifeboatError('verification_failed', `checkpoint ${id}: its layers give ${table} ${rows} rows, its manifest says ${t.rows}`, id);
  }
  return { manifest, entries: capture.entries, extra: capture.built, from: root.id, layers: chain.length };
}

/**
 * Stores a layered checkpoint's chunk lists (compaction): its root hash and rows are unchanged,
 * and its layer stays for diffs. Returns the bytes stored, or null if it was materialized already.
 */
export function materializeInPlace(db: Database, chunks: ChunkCache, id: string): { bytes: number; layers: number } | null {
  return db
    .transaction(() => {
      const c = getCheckpoint(db, id);
      if (isMaterialized(c.manifest)) return null;
      const m = materialize(db, chunks, id, c.manifest);
      const { manifest, pages } = makeManifest(c.manifest.schemaVersion, m.entries, c.manifest.tables, c.manifest.layer);
      if (manifest.root !== c.rootHash) throw new LifeboatError('internal', `materializing ${id} changed its root hash`);
      const bytes = storeChunks(chunks, { entries: m.entries, built: m.extra }, pages);
      db.prepare('UPDATE checkpoints SET manifest_json = ?, new_bytes = new_bytes + ? WHERE checkpoint_id = ?').run(JSON.stringify(manifest), bytes, id);
      db.prepare('UPDATE live_base SET manifest_json = ? WHERE checkpoint_id = ?').run(JSON.stringify(manifest), id);
      return { bytes, layers: m.layers };
    })
    .immediate();
}
