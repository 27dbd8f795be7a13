// One object as stored inside a pack: its plain bytes compressed (or not, when that does not pay),
// a codec byte in front, then sealed with the object's id as additional data. Reading it back
// opens it, decompresses, and checks the plain bytes' keyed hash against the id: a flipped bit
// anywhere is found, and an object cannot pass for another.
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { LifeboatError } from '../../../../shared/result';
import { objectId, open, seal, type RepositoryKeys } from './crypto';

/** What an object holds; verify and prune count by it. */
export type ObjectType = 'rows' | 'blob' | 'file' | 'tree';

const RAW = 0;
const DEFLATE = 1;
const BROTLI = 2;

export interface Compression {
  codec: 'brotli' | 'deflate';
}

export function encodeObject(keys: RepositoryKeys, id: string, plain: Buffer, compression: Compression, tryCompress = true): Buffer {
  let codec = RAW;
  let body = plain;
  if (tryCompress && plain.length >= 64) {
    const packed =
      compression.codec === 'brotli'
        ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } })
        : deflateRawSync(plain, { level: 6 });
    // Compressed bytes that save under 3% are not worth decompressing later.
    if (packed.length < plain.length * 0.97) {
      codec = compression.codec === 'brotli' ? BROTLI : DEFLATE;
      body = packed;
    }
  }
  return seal(keys.encryption, Buffer.concat([Buffer.of(codec), body]), `object ${id}`);
}

export function decodeObject(keys: RepositoryKeys, id: string, sealed: Buffer, where: string): Buffer {
  const framed = open(keys.encryption, sealed, `object ${id}`, where);
  let plain: Buffer;
  try {
    const body = framed.subarray(1);
    switch (framed[0]) {
      case RAW:
        plain = body;
        break;
      case DEFLATE:
        plain = inflateRawSync(body);
        break;
      case BROTLI:
        plain = brotliDecompressSync(body);
        break;
      default:
        throw new Error(`codec ${framed[0]}`);
    }
  } catch (err) {
    throw new LifeboatError('verification_failed', `object ${id.slice(0, 12)} does not decompress (${(err as Error).message})`, where);
  }
  if (objectId(keys, plain) !== id) throw new LifeboatError('verification_failed', `object ${id.slice(0, 12)} holds other content than its id says`, where);
  return plain;
}
