// Rows as backup objects. A table becomes lines of JSON — one row each, in rowid order — cut into
// chunks where a row's own content says so (content-defined: a row's hash below a threshold that
// grows with its size), so a row changed, added or removed changes its own chunk and no other.
// Append-only tables (audit trail, job history, catalog) add only tail chunks from one backup to
// the next.
//
// Values keep their SQLite type exactly: an integer is a JSON number (or {"i": text} beyond 2^53),
// a real is {"f": text}, text is a string, a blob is {"b": base64} or, when large, {"o": id} — its
// own object, so a 4 KB chunk of checkpoint history is stored once across every backup.

export type Cell = null | number | string | { i: string } | { f: string } | { b: string } | { o: string };

/** Blobs at least this big are objects of their own. */
export const BLOB_OBJECT_BYTES = 1024;

export function encodeValue(v: unknown, blobObject: (data: Buffer) => string): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : { i: v.toString() };
  if (typeof v === 'number') return { f: String(v) };
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.length >= BLOB_OBJECT_BYTES ? { o: blobObject(v) } : { b: v.toString('base64') };
  throw new Error(`a ${typeof v} value cannot be backed up`);
}

/** Back to a value better-sqlite3 binds as the same SQLite type (integers as BigInt). */
export function decodeValue(c: Cell, blob: (id: string) => Buffer): unknown {
  if (c === null) return null;
  if (typeof c === 'number') return BigInt(c);
  if (typeof c === 'string') return c;
  if ('i' in c) return BigInt(c.i);
  if ('f' in c) return Number(c.f);
  if ('b' in c) return Buffer.from(c.b, 'base64');
  return blob(c.o);
}

// FNV-1a over the line's UTF-16 code units: fast, and only ever compared with itself.
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class RowChunker {
  private lines: string[] = [];
  private bytes = 0;
  private readonly min: number;
  private readonly max: number;
  private readonly spread: number;

  constructor(target: number) {
    this.min = Math.floor(target / 4);
    this.max = target * 4;
    this.spread = target - this.min;
  }

  /** Adds one row's line; returns a finished chunk when this row ends one. */
  push(line: string): Buffer | null {
    this.lines.push(line);
    this.bytes += line.length + 1;
    if (this.bytes < this.min) return null;
    const cut = this.bytes >= this.max || fnv1a(line) / 0x100000000 < Math.min(1, (line.length + 1) / this.spread);
    return cut ? this.take() : null;
  }

  /** The last chunk, if any rows are left. */
  end(): Buffer | null {
    return this.lines.length ? this.take() : null;
  }

  private take(): Buffer {
    const chunk = Buffer.from(this.lines.join('\n') + '\n', 'utf8');
    this.lines = [];
    this.bytes = 0;
    return chunk;
  }
}

export function* chunkLines(chunk: Buffer): Generator<Cell[]> {
  const text = chunk.toString('utf8');
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    yield JSON.parse(text.slice(at, end)) as Cell[];
    at = end + 1;
  }
}
