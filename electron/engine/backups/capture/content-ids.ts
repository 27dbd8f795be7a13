// The `chunks` table names each blob by its content: its `hash` is the SHA-256 of the chunk's plain
// bytes, and (hash, codec, length) pins its stored bytes to one encoding of that content. So once a
// backup has named a chunk's blob in a repository (a keyed MAC of the bytes), the next backup to the
// same repository can refer to it without reading the blob or MACing it again — the bulk of an
// incremental's time, since checkpoint history is most of the database and almost all unchanged.
//
// A memo for the life of this thread, per repository (told apart by a MAC under its own key).
// A miss costs only time: the blob is read and named as if there were no memo. The worst a stale
// entry can do is name another stored encoding of the same content with the same codec and length,
// which decodes to the same chunk and passes the same check on read.

/** Tables whose rows name their own blob's content: which column is the blob, which decide its bytes. */
export const CONTENT_ADDRESSED: Record<string, { blob: string; key: string[] }> = {
  chunks: { blob: 'data', key: ['hash', 'codec'] },
};

const MAX_ENTRIES = 1_000_000;
const byRepository = new Map<string, Map<string, string>>();

/** The memo of one repository, by its fingerprint (the caller's keyed MAC of a fixed text). */
export function contentIds(fingerprint: string): Map<string, string> {
  let memo = byRepository.get(fingerprint);
  if (!memo) {
    // One repository at a time is the usual case; a few destinations still fit.
    if (byRepository.size >= 8) byRepository.clear();
    memo = new Map();
    byRepository.set(fingerprint, memo);
  }
  if (memo.size > MAX_ENTRIES) memo.clear();
  return memo;
}

/** The memo's key for one row: the deciding columns' values and the blob's length. */
export const contentKey = (values: unknown[], length: number): string => `${values.map(String).join('\u0000')}\u0000${length}`;
