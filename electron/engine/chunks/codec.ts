// How a chunk's bytes are encoded at rest. The id names the plain bytes, so the codec is a storage
// detail: the same chunk may be stored either way, and every stored form decodes alone.
//  - deflate (level 4): chunk lists, written chunk by chunk;
//  - brotli at quality 1 for layers: a layer is compressed on the checkpoint's own path, and this
//    is about 1.8× as fast as deflate's fastest level on row text, and 11% smaller.
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { LifeboatError } from '../../../shared/result';
import { chunkId } from './id';
import type { ChunkCodec, StoredChunk } from './repository';

export type { ChunkCodec };
export const CHUNK_CODECS: readonly ChunkCodec[] = ['deflate', 'brotli'];

export function compressChunk(codec: ChunkCodec, data: Buffer): Buffer {
  if (codec === 'deflate') return deflateRawSync(data, { level: 4 });
  return brotliCompressSync(data, { params: brotliParams(data.length) });
}

/** Brotli's settings for a chunk of this many bytes (also what the packing thread is sent). */
export function brotliParams(bytes: number): Record<number, number> {
  return {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_LGWIN]: windowBits(bytes),
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes,
  };
}

/**
 * The smallest brotli window that holds the whole chunk (16–22 bits). Brotli's default, 4 MiB,
 * costs more to set up than quality 1 spends compressing a 200 KB layer chunk.
 */
function windowBits(bytes: number): number {
  let bits = 16;
  while (bits < 22 && 2 ** bits < bytes) bits++;
  return bits;
}

/** Throws (any error) when the stored bytes do not decompress. */
export function decompressChunk(codec: ChunkCodec, stored: Buffer): Buffer {
  return codec === 'brotli' ? brotliDecompressSync(stored) : inflateRawSync(stored);
}

/** Decodes a stored chunk and checks it is the chunk `id` names: the one check every read makes. */
export function decodeChunk(id: string, chunk: Pick<StoredChunk, 'codec' | 'bytes'>, where = 'chunk'): Buffer {
  let data: Buffer;
  try {
    data = decompressChunk(chunk.codec, chunk.bytes);
  } catch {
    throw new LifeboatError('verification_failed', `chunk ${id.slice(0, 12)} is damaged (does not decompress)`, where, { hash: id });
  }
  if (chunkId(data) !== id) throw new LifeboatError('verification_failed', `chunk ${id.slice(0, 12)} is damaged (content does not match its hash)`, where, { hash: id });
  return data;
}

export function missingChunk(id: string, where = 'chunk'): LifeboatError {
  return new LifeboatError('verification_failed', `chunk ${id.slice(0, 12)} is missing`, where, { hash: id });
}
