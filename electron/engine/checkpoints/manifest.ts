// A checkpoint's manifest: per table the row count, the table root and the index pages that list
// its chunks; and the root hash over all tables (the consistency hash).
import { CHECKPOINT_TABLES } from './tables';
import { buildPages, sha256, tableRoot, type BuiltPage, type ChunkEntry } from './chunker';
import type { ChunkStore } from './chunk-store';

export interface TableManifest {
  rows: number;
  root: string;
  pages: string[];
}

export interface Manifest {
  version: 1;
  schemaVersion: number;
  root: string;
  tables: Record<string, TableManifest>;
}

/** A table's full chunk list, as loaded from its pages or built by a capture. */
export type TableEntries = Record<string, ChunkEntry[]>;

export function rootHash(schemaVersion: number, tables: Record<string, { rows: number; root: string }>): string {
  const lines = CHECKPOINT_TABLES.map((t) => `${t.name} ${tables[t.name]?.rows ?? 0} ${tables[t.name]?.root ?? tableRoot([])}`);
  return sha256(`lifeboat-state v1 schema ${schemaVersion}\n${lines.join('\n')}`);
}

/** Builds the manifest for a set of chunk lists, returning the index pages to store. */
export function makeManifest(schemaVersion: number, entries: TableEntries): { manifest: Manifest; pages: BuiltPage[] } {
  const tables: Record<string, TableManifest> = {};
  const pages: BuiltPage[] = [];
  for (const t of CHECKPOINT_TABLES) {
    const list = entries[t.name] ?? [];
    const built = buildPages(list);
    pages.push(...built);
    tables[t.name] = { rows: list.reduce((n, e) => n + e.rows, 0), root: tableRoot(list), pages: built.map((p) => p.hash) };
  }
  return { manifest: { version: 1, schemaVersion, root: rootHash(schemaVersion, tables), tables }, pages };
}

export function loadEntries(chunks: ChunkStore, manifest: Manifest, table: string, where = table): ChunkEntry[] {
  const t = manifest.tables[table];
  if (!t) return [];
  return t.pages.flatMap((hash) => chunks.pageEntries(hash, `${where} index page`));
}

export function loadAllEntries(chunks: ChunkStore, manifest: Manifest): TableEntries {
  return Object.fromEntries(CHECKPOINT_TABLES.map((t) => [t.name, loadEntries(chunks, manifest, t.name)]));
}

export function parseManifest(json: string): Manifest {
  return JSON.parse(json) as Manifest;
}
