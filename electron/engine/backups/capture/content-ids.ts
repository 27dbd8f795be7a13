// The `chunks` table names each blob by its content: its `hash` is the SHA-256 of the chunk's plain
// bytes. So once a backup has read a chunk's blob (and the codec after it) and named it in a
// repository (a keyed MAC of the bytes), the next backup to the same repository can take those
// cells from here, without reading the blob or MACing it again — the bulk of an incremental's time,
// since checkpoint history is most of the database and almost all of it unchanged.
//
// A memo for the life of this thread, per repository (told apart by a MAC under its own key), keyed
// by (hash, the blob's length). A miss costs only time: the row is read as if there were no memo.
// The worst a stale entry can do is give another stored encoding of the same content (a chunk
// re-encoded in place to the same length) together with that encoding's own codec: a pair that
// decodes to the same chunk and passes the same check on read.
import type { Cell } from './row-stream';

/** Tables whose rows name their own blob's content: which column is the blob, which columns name it. */
export const CONTENT_ADDRESSED: Record<string, { blob: string; key: string[] }> = {
  chunks: { blob: 'data', key: ['hash'] },
};

/** What one repository's memo may hold, in bytes of its keys and cells (small blobs sit inline, as base64). */
const MAX_BYTES = 32 * 1024 * 1024;

export class ContentMemo {
  private readonly cells = new Map<string, Cell[]>();
  private bytes = 0;

  get(key: string): Cell[] | undefined {
    return this.cells.get(key);
  }

  set(key: string, cells: Cell[]): void {
    const size = key.length + cells.reduce<number>((n, c) => n + cellBytes(c), 0);
    // Over budget: start again rather than track recency; the next backup fills it back.
    if (this.bytes + size > MAX_BYTES) {
      this.cells.clear();
      this.bytes = 0;
    }
    this.cells.set(key, cells);
    this.bytes += size;
  }
}

const cellBytes = (c: Cell): number => (typeof c === 'string' ? c.length : c !== null && typeof c === 'object' ? 16 + Object.values(c)[0].length : 8);

const byRepository = new Map<string, ContentMemo>();

/** The memo of one repository, by its fingerprint (the caller's keyed MAC of a fixed text). */
export function contentIds(fingerprint: string): ContentMemo {
  let memo = byRepository.get(fingerprint);
  if (!memo) {
    // One repository at a time is the usual case; a few destinations still fit.
    if (byRepository.size >= 8) byRepository.clear();
    memo = new ContentMemo();
    byRepository.set(fingerprint, memo);
  }
  return memo;
}

/** The memo's key for one row: the naming columns' values and the blob's length. */
export const contentKey = (values: unknown[], length: number): string => `${values.map(String).join('\u0000')}\u0000${length}`;
