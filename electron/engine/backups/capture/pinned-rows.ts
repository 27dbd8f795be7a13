// A table whose rows pin their own content — the audit trail: each row carries the hash that
// chains it to the one before (over its time, actor, action and details), and its MAC. Such a
// table only grows, and a desk running bots adds about a kilobyte of it a tick, so re-reading it
// whole was most of an incremental's time on a busy desk. Only the rowid and the pins are listed;
// the row chunks whose rows are unchanged are taken again (chunk-memo.ts), and the rest — the new
// tail, in the usual case — is read and cut in full. A row changed in place without its hash (a
// tampered audit row) is what `audit verify` and doctor report; the backup keeps the row as it was.
import type { Database } from 'better-sqlite3';
import type { ObjectWriter } from '../repository/writer';
import { ChunkMemo } from './chunk-memo';
import { encodeValue, RowChunker } from './row-stream';
import { quoteId } from './sql';

/** Tables whose rows pin their content, and the columns that do. */
export const PINNED_ROWS: Record<string, string[]> = {
  audit_log: ['hash', 'mac'],
};

export async function capturePinnedRows(
  db: Database,
  writer: ObjectWriter,
  table: { name: string; columns: string[]; pins: string[] },
  chunkBytes: number,
): Promise<{ rows: number; chunks: string[]; bytesRead: number }> {
  const q = quoteId(table.name);
  const listing = db.prepare(`SELECT rowid, ${table.pins.map(quoteId).join(', ')} FROM ${q} ORDER BY rowid`).raw(true).safeIntegers(true).all() as unknown[][];
  const memo = new ChunkMemo(writer, table.name, listing);
  const reused = memo.reuse(writer);
  const chunks = reused.chunks;
  let bytesRead = 0;
  if (reused.rows < listing.length) {
    const rest = db.prepare(`SELECT rowid, ${table.columns.map(quoteId).join(', ')} FROM ${q} WHERE rowid >= ? ORDER BY rowid`).raw(true).safeIntegers(true);
    const chunker = new RowChunker(chunkBytes);
    let pending: { id: string; data: Buffer }[] = [];
    const blobObject = (data: Buffer) => {
      const id = writer.idOf(data);
      pending.push({ id, data });
      return id;
    };
    const cut = async (chunk: Buffer, byContent: boolean) => {
      const id = await writer.add('rows', chunk);
      chunks.push(id);
      memo.chunk(id, byContent);
    };
    for (const raw of rest.iterate(listing[reused.rows][0]) as IterableIterator<unknown[]>) {
      const line = JSON.stringify(raw.map((v) => encodeValue(v, blobObject)));
      bytesRead += line.length;
      for (const b of pending) {
        bytesRead += b.data.length;
        await writer.add('blob', b.data, true, b.id);
      }
      memo.row(pending.map((b) => b.id));
      pending = [];
      const chunk = chunker.push(line);
      if (chunk) await cut(chunk, true);
    }
    const last = chunker.end();
    if (last) await cut(last, false);
  }
  memo.save();
  return { rows: listing.length, chunks, bytesRead };
}
