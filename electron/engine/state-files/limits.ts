// How large a file Lifeboat takes in, and the request bodies that carry them.
//  - State files (import and inbox) are parsed whole and exactly (every number kept as its
//    digits): that takes about 44 times the file's size in memory (a 50 MB file, 2.2 GB), so their
//    limit is what this process's heap can honour, at most 200 MB.
//  - Broker files are read by streaming importers (reconcile/importers) off the main thread; they
//    take up to 200 MB.
// A file over its limit is refused before a byte of it is read.
import { readFileSync, statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { LifeboatError } from '../../../shared/result';

/** Heap bytes per file byte a state file's parse takes, with room for the rest of the process. */
const HEAP_PER_BYTE = 64;

export const STATE_FILE_LIMIT_BYTES = Math.min(200_000_000, Math.floor(getHeapStatistics().heap_size_limit / HEAP_PER_BYTE));
export const BROKER_FILE_LIMIT_BYTES = 200_000_000;

/** Every channel that carries no file takes a small body. */
export const SMALL_BODY_BYTES = 1_000_000;

/** The largest request body a channel takes: a file-carrying one its file's limit, with room for JSON escaping. */
export function bodyLimit(channel: string): number {
  if (channel === 'state.import') return STATE_FILE_LIMIT_BYTES;
  if (channel === 'reconcile.run' || channel === 'reconcile.inspect') return Math.round(BROKER_FILE_LIMIT_BYTES * 1.28);
  return SMALL_BODY_BYTES;
}

/** "12.3 MB", for messages. */
export const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export type FileKind = 'state' | 'broker';
const LIMIT: Record<FileKind, number> = { state: STATE_FILE_LIMIT_BYTES, broker: BROKER_FILE_LIMIT_BYTES };
const WHY: Record<FileKind, string> = { state: "state files of up to {limit} (what this process's memory can parse exactly)", broker: 'broker files of up to {limit}' };

export function tooLarge(where: string, bytes: number, kind: FileKind, limit = LIMIT[kind]): LifeboatError {
  return new LifeboatError('bad_request', `the file is ${megabytes(bytes)}; Lifeboat reads ${WHY[kind].replace('{limit}', megabytes(limit))}`, where);
}

/** Refuses a file's text over its limit (a payload that came over IPC or HTTP). */
export function requireFileSize(fileName: string, text: string, kind: FileKind): void {
  // UTF-16 length: at most the UTF-8 byte count, so nothing the limit allows is refused.
  if (text.length > LIMIT[kind]) throw tooLarge(fileName, text.length, kind);
}

/** A file's text, UTF-8; its size checked against its kind's limit before a byte of it is read. */
export function readInputFile(path: string, kind: FileKind, what = 'file'): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (err) {
    throw new LifeboatError('bad_request', `cannot read the ${what} (${(err as Error).message})`, path);
  }
  if (size > LIMIT[kind]) throw tooLarge(path, size, kind);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch (err) {
    throw new LifeboatError('bad_request', `cannot read the ${what} (${(err as Error).message})`, path);
  }
}
