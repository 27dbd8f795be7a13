// Checking what a caller passes a destination: keys from the fixed alphabet (so a key can never
// climb out of a folder or prefix), list prefixes, ranges. Refusals are `bad_request` naming them.
import { LifeboatError } from '../../../../shared/result';
import { KEY_PATTERN } from './destination';

/** How an error's `where` names a key at a destination: "folder /mnt/b, key data/ab/cd". */
export const atKey = (where: string, key: string): string => `${where}, key ${key}`;

export function checkKey(where: string, key: string): void {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new LifeboatError('bad_request', `not a repository key: ${JSON.stringify(key)} (lowercase a-z 0-9 . _ - in '/'-separated parts, none starting with '.')`, where);
  }
}

/** A list prefix: '' or the start of a key ("snapshots/", "data/a"). */
export function checkPrefix(where: string, prefix: string): void {
  const ok = typeof prefix === 'string' && (prefix === '' || KEY_PATTERN.test(prefix) || (prefix.endsWith('/') && KEY_PATTERN.test(prefix.slice(0, -1))));
  if (!ok) throw new LifeboatError('bad_request', `not a key prefix: ${JSON.stringify(prefix)}`, where);
}

export function checkRange(where: string, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new LifeboatError('bad_request', `not a byte range: offset ${offset}, length ${length}`, where);
  }
}

/** The refusal for a range that runs past the object's end. */
export function shortRange(where: string, offset: number, length: number, size: number | null): LifeboatError {
  const has = size === null ? 'is shorter' : `is ${size.toLocaleString('en-US')} bytes`;
  return new LifeboatError('verification_failed', `asked for ${length.toLocaleString('en-US')} bytes at offset ${offset.toLocaleString('en-US')}, but the object ${has}`, where);
}
