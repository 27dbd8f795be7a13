// Content-defined chunking of a table's records. A chunk ends after a record whose key hash meets
// a mask, so boundaries depend only on which keys exist: changing a row rewrites only the chunk
// that holds it, and inserting or deleting a key disturbs at most its neighbours.
import { createHash } from 'node:crypto';

/** A boundary after ~1 in 32 records: chunks of ~32 rows (~10 KB of orders). */
export const RECORD_MASK = 31;
/** A chunk list is split into index pages after ~1 in 128 entries. */
export const PAGE_DIVISOR = 128;

export interface ChunkRecord {
  key: string;
  /** The record's canonical bytes (canonical JSON of the row, no newline inside). */
  text: string;
}

/** What a manifest knows of a chunk without reading it. */
export interface ChunkEntry {
  hash: string;
  rows: number;
  first: string;
  last: string;
}

export interface BuiltChunk {
  entry: ChunkEntry;
  data: Buffer;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** FNV-1a over the key's UTF-16 units: fast, stable, and good enough to place boundaries. */
export function isBoundary(key: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return ((h >>> 0) & RECORD_MASK) === 0;
}

export function encodeChunk(records: ChunkRecord[]): BuiltChunk {
  const data = Buffer.from(records.map((r) => r.text).join('\n'), 'utf8');
  return { entry: { hash: sha256(data), rows: records.length, first: records[0].key, last: records[records.length - 1].key }, data };
}

/** Splits records (in key order) into chunks at content-defined boundaries. */
export function chunkRecords(records: ChunkRecord[]): BuiltChunk[] {
  const out: BuiltChunk[] = [];
  let start = 0;
  for (let i = 0; i < records.length; i++) {
    if (isBoundary(records[i].key)) {
      out.push(encodeChunk(records.slice(start, i + 1)));
      start = i + 1;
    }
  }
  if (start < records.length) out.push(encodeChunk(records.slice(start)));
  return out;
}

/** Streams records into chunks; for full scans of large tables. */
export class Chunker {
  private pending: ChunkRecord[] = [];
  readonly chunks: BuiltChunk[] = [];

  push(record: ChunkRecord): void {
    this.pending.push(record);
    if (isBoundary(record.key)) this.flush();
  }

  finish(): BuiltChunk[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.pending.length) this.chunks.push(encodeChunk(this.pending));
    this.pending = [];
  }
}

export function parseChunk(data: Buffer): ChunkRecord[] {
  const text = data.toString('utf8');
  if (text === '') return [];
  return text.split('\n').map((line) => ({ key: '', text: line }));
}

// ---- index pages: a table's chunk list, itself content-addressed ---------------------------------

export interface BuiltPage {
  hash: string;
  data: Buffer;
}

const pageEnds = (entry: ChunkEntry) => parseInt(entry.hash.slice(0, 4), 16) % PAGE_DIVISOR === 0;

const LINES = new WeakMap<ChunkEntry, string>();
const pageLine = (e: ChunkEntry): string => {
  let line = LINES.get(e);
  if (line === undefined) LINES.set(e, (line = JSON.stringify([e.hash, e.rows, e.first, e.last])));
  return line;
};

export function buildPages(entries: ChunkEntry[]): BuiltPage[] {
  const pages: BuiltPage[] = [];
  let start = 0;
  const emit = (end: number) => {
    const data = Buffer.from(entries.slice(start, end).map(pageLine).join('\n'), 'utf8');
    pages.push({ hash: sha256(data), data });
    start = end;
  };
  for (let i = 0; i < entries.length; i++) if (pageEnds(entries[i])) emit(i + 1);
  if (start < entries.length) emit(entries.length);
  return pages;
}

export function parsePage(data: Buffer): ChunkEntry[] {
  const text = data.toString('utf8');
  if (text === '') return [];
  return text.split('\n').map((line) => {
    const [hash, rows, first, last] = JSON.parse(line) as [string, number, string, string];
    return { hash, rows, first, last };
  });
}

/** A table's root: the hash of its chunk hashes in order (independent of how pages split them). */
export function tableRoot(entries: ChunkEntry[]): string {
  return sha256(entries.map((e) => e.hash).join('\n'));
}
