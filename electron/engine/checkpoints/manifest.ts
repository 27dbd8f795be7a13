// A checkpoint's manifest: per table the row count and state-hash digest, the index pages that
// list its chunks (once materialized) or the layer of rows changed since its parent; and the root
// hash over all tables (the consistency hash).
import { LifeboatError } from '../../../shared/result';
import { CHECKPOINT_TABLES } from './tables';
import { buildPages, tableRoot, type BuiltPage, type ChunkEntry } from './chunker';
import type { ChunkCache } from './chunk-cache';
import { EMPTY_DIGEST, stateRoot, type TableHash } from './state-hash';

export interface TableManifest {
  rows: number;
  /** SHA-256 of the table's LtHash lanes (see state-hash.ts). */
  digest: string;
  /** The chunk-list root and the index pages: present once the checkpoint is materialized. */
  root?: string;
  pages?: string[];
}

/**
 * A checkpoint taken as the rows that changed since its parent: per table, layer chunks of
 * (key, before, after) records in key order. Kept after materializing: diffs along the chain of
 * checkpoints read only these.
 */
export interface LayerRef {
  parent: string;
  parentRoot: string;
  rows: number;
  tables: Record<string, string[]>;
}

export interface Manifest {
  version: 2;
  schemaVersion: number;
  root: string;
  tables: Record<string, TableManifest>;
  layer?: LayerRef;
}

/** A table's full chunk list, as loaded from its pages or built by a capture. */
export type TableEntries = Record<string, ChunkEntry[]>;

/** Whether every table lists its chunks (else the checkpoint is its parent plus its layer). */
export const isMaterialized = (m: Manifest): boolean => CHECKPOINT_TABLES.every((t) => m.tables[t.name]?.pages !== undefined);

/** Builds a materialized manifest for chunk lists whose table hashes are known; returns the pages to store. */
export function makeManifest(
  schemaVersion: number,
  entries: TableEntries,
  hashes: Record<string, TableHash>,
  layer?: LayerRef,
): { manifest: Manifest; pages: BuiltPage[] } {
  const tables: Record<string, TableManifest> = {};
  const pages: BuiltPage[] = [];
  for (const t of CHECKPOINT_TABLES) {
    const list = entries[t.name] ?? [];
    const built = buildPages(list);
    pages.push(...built);
    const rows = list.reduce((n, e) => n + e.rows, 0);
    const hash = hashes[t.name] ?? { rows: 0, digest: EMPTY_DIGEST };
    // The chunks and the hash come from different paths (rows read vs. triggers): they must agree.
    if (rows !== hash.rows) throw new LifeboatError('internal', `${t.name}: the chunks hold ${rows} rows, the state hash counts ${hash.rows}`);
    tables[t.name] = { rows, digest: hash.digest, root: tableRoot(list), pages: built.map((p) => p.hash) };
  }
  return { manifest: { version: 2, schemaVersion, root: stateRoot(schemaVersion, tables), tables, ...(layer ? { layer } : {}) }, pages };
}

export function loadEntries(chunks: ChunkCache, manifest: Manifest, table: string, where = table): ChunkEntry[] {
  const t = manifest.tables[table];
  if (!t) return [];
  if (!t.pages) throw new LifeboatError('internal', `${where}: the checkpoint is a layer on its parent; materialize it first`);
  return t.pages.flatMap((hash) => chunks.pageEntries(hash, `${where} index page`));
}

export function loadAllEntries(chunks: ChunkCache, manifest: Manifest): TableEntries {
  return Object.fromEntries(CHECKPOINT_TABLES.map((t) => [t.name, loadEntries(chunks, manifest, t.name)]));
}

export function parseManifest(json: string): Manifest {
  const m = JSON.parse(json) as Manifest | { version: 1 };
  if (m.version !== 2) {
    throw new LifeboatError('conflict', 'this checkpoint was written by an older Lifeboat; open the state folder for writing once (start the console, or run a write command) to upgrade it');
  }
  return m;
}
