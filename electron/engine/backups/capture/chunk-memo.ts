// Row chunks a backup cut before, taken again without reading their rows. A table's row chunks are
// cut by content from its first row on (row-stream.ts), so a chunk is cut the same again when every
// row it was cut from is the same row — same rowid and the same pinning values, in the same order,
// from the same start. The caller lists only the rowid and the values that pin a row's content
// (the audit trail's chain hash and MAC; a checkpoint chunk's hash and blob length), and this takes
// every remembered chunk whose rows are unchanged, while the repository may reuse it and the blob
// objects its rows name, up to the first that is not; the caller cuts the rest as usual, from a
// fresh chunker. A chunk ended by the table's end rather than by a cut is never remembered: rows
// added since would have gone into it.
import { createHash } from 'node:crypto';
import type { ObjectWriter } from '../repository/writer';

export interface MemoChunk {
  id: string;
  rows: number;
  digest: string;
  /** The blob objects its rows refer to. */
  blobs: string[];
}

const MAX_TABLES = 16;
const memos = new Map<string, MemoChunk[]>();

/** `listing`: per row, the rowid then its pinning values, in rowid order. */
export class ChunkMemo {
  private readonly key: string;
  private readonly kept: MemoChunk[] = [];
  private start = 0;
  private rows = 0;
  private blobs: string[] = [];

  constructor(
    writer: ObjectWriter,
    table: string,
    private readonly listing: readonly unknown[][],
  ) {
    this.key = `${writer.idOf('lifeboat chunk memo')}/${table}`;
  }

  /** The remembered chunks still true, in order, and how many of the listing's first rows they cover. */
  reuse(writer: ObjectWriter): { chunks: string[]; rows: number } {
    const chunks: string[] = [];
    let at = 0;
    for (const m of memos.get(this.key) ?? []) {
      if (at + m.rows > this.listing.length || this.digest(at, m.rows) !== m.digest) break;
      if (!writer.refer(m.id) || !m.blobs.every((b) => writer.refer(b))) break;
      chunks.push(m.id);
      this.kept.push(m);
      at += m.rows;
    }
    this.start = at;
    this.rows = at;
    return { chunks, rows: at };
  }

  /** One more row cut (after the reused ones), with the blob objects it names. */
  row(blobs: readonly string[]): void {
    this.rows++;
    for (const b of blobs) this.blobs.push(b);
  }

  /** A chunk ended: by a content cut (remembered) or by the table's end (not). */
  chunk(id: string, cut: boolean): void {
    if (cut) this.kept.push({ id, rows: this.rows - this.start, digest: this.digest(this.start, this.rows - this.start), blobs: this.blobs });
    this.start = this.rows;
    this.blobs = [];
  }

  /** Keeps what this backup cut and took for the next one. */
  save(): void {
    if (this.rows !== this.listing.length) throw new Error(`${this.key}: ${this.listing.length} rows listed but ${this.rows} cut`);
    if (memos.size >= MAX_TABLES && !memos.has(this.key)) memos.clear();
    memos.set(this.key, this.kept);
  }

  private digest(from: number, count: number): string {
    const h = createHash('sha256');
    for (let i = from; i < from + count; i++) h.update(this.listing[i].map((v) => (v === null ? '\u0001' : String(v))).join('\u0000')).update('\n');
    return h.digest('hex');
  }
}
