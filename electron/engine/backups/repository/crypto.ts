// The repository's cryptography, all from node:crypto:
//  - a random 64-byte master key, from which HKDF derives the encryption key and the id key;
//  - AES-256-GCM for every stored byte: nonce (12) ‖ ciphertext ‖ tag (16), with additional data
//    binding each sealed piece to where it belongs (an object's id, a key slot's parameters), so a
//    piece moved or swapped fails to open;
//  - object ids are HMAC-SHA256 under the id key: equal content in two repositories has different
//    ids, and a reader of the bucket learns nothing from the names;
//  - scrypt (memory-hard) turns a passphrase into the key that wraps the master key.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { LifeboatError } from '../../../../shared/result';

export const MASTER_KEY_BYTES = 64;
const NONCE = 12;
const TAG = 16;
/** What sealing adds to a piece's length. */
export const SEAL_OVERHEAD = NONCE + TAG;

export interface RepositoryKeys {
  /** AES-256-GCM key for objects, index files, snapshot records. */
  encryption: Buffer;
  /** HMAC key naming objects and authenticating the config. */
  id: Buffer;
}

export function newMasterKey(): Buffer {
  return randomBytes(MASTER_KEY_BYTES);
}

export function deriveKeys(master: Buffer): RepositoryKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { encryption: derive('lifeboat-backup encryption'), id: derive('lifeboat-backup object ids') };
}

export function seal(key: Buffer, plain: Buffer, aad: string): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Opens a sealed piece, or null when it does not authenticate (wrong key, changed bytes, moved piece). */
export function tryOpen(key: Buffer, sealed: Buffer, aad: string): Buffer | null {
  if (sealed.length < SEAL_OVERHEAD) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE, sealed.length - TAG)), decipher.final()]);
  } catch {
    return null;
  }
}

/** Opens a sealed piece that must authenticate: anything else is damage, named by `where`. */
export function open(key: Buffer, sealed: Buffer, aad: string, where: string): Buffer {
  const plain = tryOpen(key, sealed, aad);
  if (!plain) throw new LifeboatError('verification_failed', 'does not authenticate: its bytes were changed, cut short or moved', where);
  return plain;
}

export function objectId(keys: RepositoryKeys, plain: Buffer | string): string {
  return createHmac('sha256', keys.id).update(plain).digest('hex');
}

export function mac(keys: RepositoryKeys, text: string): string {
  return createHmac('sha256', keys.id).update('config\0').update(text).digest('hex');
}

export const sha256Hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Strong enough and ~0.1 s here: 2^15 × 8 × 128 bytes = 32 MiB of memory per derivation. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
/** A key slot asking for less is refused: it would make guessing the passphrase cheap. */
export const MIN_SCRYPT_N = 2 ** 15;
const MAX_SCRYPT_N = 2 ** 22;

/** Derives the 32-byte wrapping key from a secret; runs on libuv's thread pool, not the event loop. */
export function scryptKey(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function checkScryptParams(params: ScryptParams, where: string): void {
  const { N, r, p } = params;
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N < MIN_SCRYPT_N || N > MAX_SCRYPT_N || !Number.isInteger(r) || r < 8 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) {
    throw new LifeboatError('verification_failed', `key slot asks for scrypt N=${N}, r=${r}, p=${p}; Lifeboat accepts N a power of two from 2^15 to 2^22, r 8–32, p 1–16 (a weakened or damaged slot is refused)`, where);
  }
}
