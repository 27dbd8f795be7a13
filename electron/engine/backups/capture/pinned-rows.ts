// A table whose rows pin their own content — the audit trail: each row carries the hash that
// chains it to the one before (over its time, actor, action and details), and its MAC. Such a
// table only grows, and a desk running bots adds about a kilobyte of it a tick, so re-reading it
// whole is most of an incremental's time on a busy desk.
//
// The row chunks are cut by content (row-stream.ts), from the first row on. So a chunk a backup cut
// before is cut the same again when every row it was cut from is the same row: same rowid, same
// pinning columns, in the same order, from the same start. The memo keeps, per chunk, how many rows
// it holds and a digest of their (rowid, pins); an incremental lists only rowid and pins, takes
// every chunk whose rows are unchanged (while the repository holds it), and reads and cuts in full
// from the first row that is not. A chunk ended by the table's end rather than by a cut is never
// taken: rows added since would have gone into it. A row changed in place without its hash (a
// tampered audit row) is what `audit verify` and doctor report; the backup keeps the row as it was.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ObjectWriter } from '../repository/writer';
import { quoteId } from './sql';
import { encodeValue, RowChunker } from './row-stream';

/** Tables whose rows pin their content, and the columns that do. */
export const PINNED_ROWS: Record<string, string[]> = {
  audit_log: ['hash', 'mac'],
};

interface MemoChunk {
  id: string;
  rows: number;
  digest: string;
  /** The blob objects its rows refer to. */
  blobs: string[];
}

const MAX_TABLES = 16;
const memos = new Map<string, MemoChunk[]>();

export async function capturePinnedRows(
  db: Database,
  writer: ObjectWriter,
  table: { name: string; columns: string[]; pins: string[] },
  chunkBytes: number,
): Promise<{ rows: number; chunks: string[]; bytesRead: number }> {
  const q = quoteId(table.name);
  const memoKey = `${writer.idOf('lifeboat pinned-rows memo')}/${table.name}`;
  const memo = memos.get(memoKey) ?? [];
  const listing = db.prepare(`SELECT rowid, ${table.pins.map(quoteId).join(', ')} FROM ${q} ORDER BY rowid`).raw(true).safeIntegers(true).all() as unknown[][];
  const keyOf = (row: unknown[]) => row.map((v) => (v === null ? '\u0001' : String(v))).join('\u0000');

  const chunks: string[] = [];
  const kept: MemoChunk[] = [];
  let at = 0;
  for (const m of memo) {
    if (at + m.rows > listing.length || digestOf(listing, at, m.rows, keyOf) !== m.digest) break;
    if (!writer.refer(m.id) || !m.blobs.every((b) => writer.refer(b))) break;
    chunks.push(m.id);
    kept.push(m);
    at += m.rows;
  }

  let bytesRead = 0;
  if (at < listing.length) {
    const rest = db.prepare(`SELECT rowid, ${table.columns.map(quoteId).join(', ')} FROM ${q} WHERE rowid >= ? ORDER BY rowid`).raw(true).safeIntegers(true);
    const chunker = new RowChunker(chunkBytes);
    let start = at;
    let n = at;
    let blobIds: string[] = [];
    let pending: { id: string; data: Buffer }[] = [];
    const blobObject = (data: Buffer) => {
      const id = writer.idOf(data);
      pending.push({ id, data });
      blobIds.push(id);
      return id;
    };
    const close = (id: string, cut: boolean) => {
      chunks.push(id);
      if (cut) kept.push({ id, rows: n - start, digest: digestOf(listing, start, n - start, keyOf), blobs: blobIds });
      start = n;
      blobIds = [];
    };
    for (const raw of rest.iterate(listing[at][0]) as IterableIterator<unknown[]>) {
      const line = JSON.stringify(raw.map((v) => encodeValue(v, blobObject)));
      bytesRead += line.length;
      for (const b of pending) {
        bytesRead += b.data.length;
        await writer.add('blob', b.data, true, b.id);
      }
      pending = [];
      n++;
      const chunk = chunker.push(line);
      if (chunk) close(await writer.add('rows', chunk), true);
    }
    const last = chunker.end();
    if (last) close(await writer.add('rows', last), false);
    // A row listed but gone by the time it was read cannot be: one read transaction holds both.
    if (n !== listing.length) throw new Error(`${table.name}: ${listing.length} rows listed but ${n} read`);
  }
  if (memos.size >= MAX_TABLES && !memos.has(memoKey)) memos.clear();
  memos.set(memoKey, kept);
  return { rows: listing.length, chunks, bytesRead };
}

function digestOf(listing: unknown[][], from: number, count: number, keyOf: (row: unknown[]) => string): string {
  const h = createHash('sha256');
  for (let i = from; i < from + count; i++) h.update(keyOf(listing[i])).update('\n');
  return h.digest('hex');
}
