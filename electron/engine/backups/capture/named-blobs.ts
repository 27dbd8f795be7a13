// A table whose rows name their blob's content (content-ids.ts), captured as the same lines
// db-capture.ts writes for any table — but what the memo knows of a row's blob (and the columns
// after it) is taken from the memo: the blob is neither read nor MACed again, and a blob the
// repository holds is referred to by id alone. The rows are listed first without their blobs
// (better-sqlite3 runs one statement at a time; SQLite never reads a blob's overflow pages for
// the columns before it), then what the memo does not know is read by rowid. The listing also pins
// each row (its naming columns and its blob's length), so the row chunks whose rows are all
// unchanged are taken again whole, without cutting them anew (chunk-memo.ts).
import type { Database } from 'better-sqlite3';
import type { ObjectWriter } from '../repository/writer';
import { quoteId } from './sql';
import { ChunkMemo } from './chunk-memo';
import { contentIds, contentKey } from './content-ids';
import { encodeValue, RowChunker, type Cell } from './row-stream';

export interface NamedBlobTable {
  name: string;
  columns: string[];
  spec: { blob: string; key: string[] };
  /** Whether the blobs are worth compressing (not when they are compressed already). */
  compress: boolean;
}

export async function captureNamedBlobs(db: Database, writer: ObjectWriter, table: NamedBlobTable, chunkBytes: number): Promise<{ rows: number; chunks: string[]; bytesRead: number }> {
  const { name, columns, spec } = table;
  const memo = contentIds(writer.idOf('lifeboat content-id memo'));
  const blobAt = columns.indexOf(spec.blob);
  const head = columns.slice(0, blobAt);
  const tail = columns.slice(blobAt);
  // +1: the listing's first value is the rowid.
  const keyAt = spec.key.map((k) => head.indexOf(k) + 1);
  if (keyAt.some((i) => i === 0)) throw new Error(`${name}: the columns naming the blob must come before it`);
  const q = quoteId(name);
  const listing = db.prepare(`SELECT rowid, ${[...head.map(quoteId), `length(${quoteId(spec.blob)})`].join(', ')} FROM ${q} ORDER BY rowid`).raw(true).safeIntegers(true).all() as unknown[][];
  const rest = db.prepare(`SELECT ${tail.map(quoteId).join(', ')} FROM ${q} WHERE rowid = ?`).raw(true).safeIntegers(true);
  const rows = new ChunkMemo(writer, name, listing);
  const reused = rows.reuse(writer);
  const chunks = reused.chunks;
  const chunker = new RowChunker(chunkBytes);
  let bytesRead = 0;
  let blobs: { id: string; data: Buffer }[] = [];
  const blobObject = (data: Buffer) => {
    const id = writer.idOf(data);
    blobs.push({ id, data });
    return id;
  };
  const cut = async (chunk: Buffer, byContent: boolean) => {
    const id = await writer.add('rows', chunk);
    chunks.push(id);
    rows.chunk(id, byContent);
  };
  // A remembered blob held as an object can be used only while this repository may reuse it.
  const usable = (cells: Cell[]) => cells.every((c) => !(c && typeof c === 'object' && 'o' in c) || writer.refer(c.o));
  for (let i = reused.rows; i < listing.length; i++) {
    const row = listing[i].slice(0, -1);
    const length = listing[i][listing[i].length - 1];
    const key = length === null ? null : contentKey(keyAt.map((k) => row[k]), Number(length));
    const headCells = row.map((v) => encodeValue(v, blobObject));
    let tailCells = key === null ? undefined : memo.get(key);
    if (!tailCells || !usable(tailCells)) {
      tailCells = (rest.get(row[0]) as unknown[]).map((v) => encodeValue(v, blobObject));
      if (key !== null) memo.set(key, tailCells);
    }
    for (const b of blobs) {
      bytesRead += b.data.length;
      await writer.add('blob', b.data, table.compress, b.id);
    }
    blobs = [];
    const cells = [...headCells, ...tailCells];
    rows.row(cells.flatMap((c) => (c !== null && typeof c === 'object' && 'o' in c ? [c.o] : [])));
    const line = JSON.stringify(cells);
    bytesRead += line.length;
    const chunk = chunker.push(line);
    if (chunk) await cut(chunk, true);
  }
  const last = chunker.end();
  if (last) await cut(last, false);
  rows.save();
  return { rows: listing.length, chunks, bytesRead };
}
