// How a chunk's bytes are compressed at rest. Chunks are named by the SHA-256 of their
// uncompressed bytes, so the codec is a storage detail: the same chunk may be stored either way.
//  - deflate (level 4), optionally with the chunk's previous version as the dictionary, so a chunk
//    where one price moved costs bytes for that price: for chunk lists, rewritten chunk by chunk;
//  - brotli at quality 1 for layers: a layer is compressed on the checkpoint's own path, and this
//    is about 1.8× as fast as deflate's fastest level on row text, and 11% smaller.
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';

export type ChunkCodec = 'deflate' | 'brotli';

export function compressChunk(codec: ChunkCodec, data: Buffer, dictionary?: Buffer): Buffer {
  if (codec === 'deflate') return dictionary ? deflateRawSync(data, { level: 4, dictionary }) : deflateRawSync(data, { level: 4 });
  if (dictionary) throw new Error('brotli chunks are stored without a dictionary');
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
export function decompressChunk(codec: ChunkCodec, stored: Buffer, dictionary?: Buffer): Buffer {
  if (codec === 'brotli') return brotliDecompressSync(stored);
  return dictionary ? inflateRawSync(stored, { dictionary }) : inflateRawSync(stored);
}
