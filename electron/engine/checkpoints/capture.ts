// Builds chunk lists: of the live state (a full scan when there is no base, else the base's chunk
// lists with only the chunks holding changed keys rebuilt), or of a base with a layer applied.
import type { Database } from 'better-sqlite3';
import { CHECKPOINT_TABLES, compareKeys, type TableSpec } from './tables';
import { Chunker, chunkRecords, isBoundary, parseChunk, type BuiltChunk, type ChunkEntry, type ChunkRecord } from './chunker';
import type { ChunkCache } from './chunk-cache';
import type { TableEntries } from './manifest';
import { recordKey, TableReader } from './records';

export interface Capture {
  entries: TableEntries;
  /** Chunks this capture built, by hash; the caller stores those its entries reference. */
  built: Map<string, Buffer>;
  changedRows: number;
}

export function changedKeys(db: Database): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of db.prepare('SELECT table_name, row_key FROM change_log').iterate() as IterableIterator<{ table_name: string; row_key: string }>) {
    let list = out.get(r.table_name);
    if (!list) out.set(r.table_name, (list = []));
    list.push(r.row_key);
  }
  for (const list of out.values()) list.sort(compareKeys);
  return out;
}

/** Chunk lists with the chunks they reference that are not (yet) in the store. */
export interface Materialized {
  entries: TableEntries;
  extra: Map<string, Buffer>;
}

export function captureLive(db: Database, chunks: ChunkCache, base: Materialized | null): Capture {
  return build(chunks, base, changedKeys(db), (table) => {
    const reader = new TableReader(db, table);
    return { all: () => reader.all(), get: (key) => reader.get(key) };
  });
}

/** A base's chunk lists with changes applied: per table, key → the row's text now, or null if gone. */
export function applyChanges(chunks: ChunkCache, base: Materialized, changes: Map<string, Map<string, string | null>>): Capture {
  const keys = new Map([...changes].map(([t, m]) => [t, [...m.keys()].sort(compareKeys)]));
  return build(chunks, base, keys, (table) => {
    const m = changes.get(table.name);
    return {
      all: () => [][Symbol.iterator](),
      get: (key) => {
        const text = m?.get(key);
        return text ? { key, text } : null;
      },
    };
  });
}

interface RowSource {
  all: () => Iterator<ChunkRecord> & Iterable<ChunkRecord>;
  get: (key: string) => ChunkRecord | null;
}

function build(chunks: ChunkCache, base: Materialized | null, changes: Map<string, string[]>, source: (table: TableSpec) => RowSource): Capture {
  const built = new Map<string, Buffer>();
  const keep = (list: BuiltChunk[]) =>
    list.map((c) => {
      built.set(c.entry.hash, c.data);
      return c.entry;
    });
  const entries: TableEntries = {};
  let changedRows = 0;
  const stored = (hash: string, where: string) => built.get(hash) ?? base?.extra.get(hash) ?? chunks.get(hash, where);
  for (const table of CHECKPOINT_TABLES) {
    const reader = source(table);
    const keys = changes.get(table.name) ?? [];
    if (!base) {
      const chunker = new Chunker();
      for (const record of reader.all()) chunker.push(record);
      entries[table.name] = keep(chunker.finish());
      changedRows += entries[table.name].reduce((n, e) => n + e.rows, 0);
      continue;
    }
    changedRows += keys.length;
    const baseEntries = base.entries[table.name] ?? [];
    entries[table.name] = keys.length ? updateTable(table, reader, stored, baseEntries, keys, keep) : baseEntries;
  }
  // Chunks of an in-memory base that this capture still references travel with it, to be stored.
  if (base?.extra.size) {
    for (const list of Object.values(entries)) {
      for (const e of list) {
        const data = base.extra.get(e.hash);
        if (!data || built.has(e.hash)) continue;
        built.set(e.hash, data);
      }
    }
  }
  return { entries, built, changedRows };
}

function updateTable(
  table: TableSpec,
  reader: RowSource,
  stored: (hash: string, where: string) => Buffer,
  baseEntries: ChunkEntry[],
  keys: string[],
  keep: (list: BuiltChunk[]) => ChunkEntry[],
): ChunkEntry[] {
  const entries = [...baseEntries];
  if (entries.length === 0) {
    const records = keys.map((k) => reader.get(k)).filter((r): r is ChunkRecord => r !== null);
    return keep(chunkRecords(records));
  }
  // Which chunk each changed key falls in: the first whose last key is not below it.
  const byEntry = new Map<number, string[]>();
  for (const key of keys) {
    const i = Math.min(lowerBound(entries, key), entries.length - 1);
    let list = byEntry.get(i);
    if (!list) byEntry.set(i, (list = []));
    list.push(key);
  }
  const runs = toRuns([...byEntry.keys()].sort((a, b) => a - b));
  const load = (entry: ChunkEntry) =>
    parseChunk(stored(entry.hash, `${table.name} chunk`)).map((r) => ({
      key: recordKey(table, r.text),
      text: r.text,
    }));
  // Right to left, so splicing a run never shifts the runs still to do.
  for (const [from, to] of runs.reverse()) {
    const records = new Map<string, string>();
    for (let i = from; i <= to; i++) for (const r of load(entries[i])) records.set(r.key, r.text);
    for (let i = from; i <= to; i++) {
      for (const key of byEntry.get(i) ?? []) {
        const live = reader.get(key);
        if (live) records.set(key, live.text);
        else records.delete(key);
      }
    }
    let end = to;
    let sorted = [...records.entries()].map(([key, text]) => ({ key, text })).sort((a, b) => compareKeys(a.key, b.key));
    // A region must end on a boundary (or at the table's end) to line up with the chunks after it.
    while (end + 1 < entries.length && (sorted.length === 0 || !isBoundary(sorted[sorted.length - 1].key))) {
      end++;
      sorted = sorted.concat(load(entries[end]));
    }
    entries.splice(from, end - from + 1, ...keep(chunkRecords(sorted)));
  }
  return entries;
}

function lowerBound(entries: ChunkEntry[], key: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(entries[mid].last, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function toRuns(indices: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const i of indices) {
    const last = runs[runs.length - 1];
    if (last && last[1] + 1 === i) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}
