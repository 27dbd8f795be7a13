// How large a file Lifeboat takes in: state files (import and inbox), broker files, and the
// request bodies that carry them. Parsing a JSON file exactly (every number kept as its digits)
// takes about 44 times its size in memory (a 50 MB file, 2.2 GB), so the limit is what this
// process's heap can honour — at most 200 MB — and a larger file is refused before it is read.
import { readFileSync, statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { LifeboatError } from '../../../shared/result';

/** Heap bytes per file byte parsing takes, with room for the rest of the process. */
const HEAP_PER_BYTE = 64;

export const FILE_LIMIT_BYTES = Math.min(200_000_000, Math.floor(getHeapStatistics().heap_size_limit / HEAP_PER_BYTE));

/** Every channel that carries no file takes a small body. */
export const SMALL_BODY_BYTES = 1_000_000;

/** The channels whose request carries a whole file. */
export const FILE_CHANNELS: ReadonlySet<string> = new Set(['state.import', 'reconcile.run', 'reconcile.inspect']);

/** "12.3 MB", for messages. */
export const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export function tooLarge(where: string, bytes: number): LifeboatError {
  return new LifeboatError(
    'bad_request',
    `the file is ${megabytes(bytes)}; Lifeboat reads files of up to ${megabytes(FILE_LIMIT_BYTES)} here (what this process's memory can parse exactly)`,
    where,
  );
}

/** Refuses a file's text over the limit (a payload that came over IPC or HTTP). */
export function requireFileSize(fileName: string, text: string): void {
  // UTF-16 length: at most the UTF-8 byte count, so nothing the limit allows is refused.
  if (text.length > FILE_LIMIT_BYTES) throw tooLarge(fileName, text.length);
}

/** A file's text, UTF-8; its size checked before a byte of it is read. */
export function readInputFile(path: string, what = 'file'): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (err) {
    throw new LifeboatError('bad_request', `cannot read the ${what} (${(err as Error).message})`, path);
  }
  if (size > FILE_LIMIT_BYTES) throw tooLarge(path, size);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch (err) {
    throw new LifeboatError('bad_request', `cannot read the ${what} (${(err as Error).message})`, path);
  }
}
