// The checkpoints bench's storage breakdown: which tables the stored bytes belong to.
import type { Database } from 'better-sqlite3';
import type { ChunkCache } from '../../electron/engine/checkpoints/chunk-cache';
import { parsePage } from '../../electron/engine/checkpoints/chunker';
import { parseManifest } from '../../electron/engine/checkpoints/manifest';
import { CHECKPOINT_TABLES } from '../../electron/engine/checkpoints/tables';

/**
 * Where the stored bytes are: per table, the row chunks and index pages the first checkpoint
 * references, and those all checkpoints together reference (what the churn added).
 */
export function storageByTable(db: Database, chunks: ChunkCache, firstId: string) {
  const sizes = new Map([...chunks.repository.list()].map((c) => [c.id, c.storedSize]));
  const size = { get: (hash: string) => sizes.get(hash) };
  const collect = (manifestJsons: string[]) => {
    const out = new Map<string, { rows: Set<string>; pages: Set<string>; layers: Set<string> }>();
    for (const json of manifestJsons) {
      const manifest = parseManifest(json);
      for (const [table, tm] of Object.entries(manifest.tables)) {
        let t = out.get(table);
        if (!t) out.set(table, (t = { rows: new Set(), pages: new Set(), layers: new Set() }));
        for (const h of manifest.layer?.tables[table] ?? []) t.layers.add(h);
        for (const page of tm.pages ?? []) {
          if (t.pages.has(page)) continue;
          t.pages.add(page);
          for (const e of parsePage(chunks.get(page, 'index page'))) t.rows.add(e.hash);
        }
      }
    }
    return out;
  };
  const bytes = (hashes: Set<string>) => {
    let n = 0;
    for (const h of hashes) n += (size.get(h) as number | undefined) ?? 0;
    return n;
  };
  const first = collect([db.prepare('SELECT manifest_json FROM checkpoints WHERE checkpoint_id = ?').pluck().get(firstId) as string]);
  const all = collect(db.prepare('SELECT manifest_json FROM checkpoints').pluck().all() as string[]);
  return CHECKPOINT_TABLES.map(({ name }) => {
    const f = first.get(name);
    const a = all.get(name);
    return {
      table: name,
      firstChunks: f?.rows.size ?? 0,
      firstBytes: f ? bytes(f.rows) + bytes(f.pages) : 0,
      allChunks: a?.rows.size ?? 0,
      allRowChunkBytes: a ? bytes(a.rows) : 0,
      allIndexPageBytes: a ? bytes(a.pages) : 0,
      allLayerBytes: a ? bytes(a.layers) : 0,
    };
  });
}
