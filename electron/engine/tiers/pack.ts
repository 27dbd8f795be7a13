// A cold pack: several stored chunks in one file, in their own stored form (chunks/README.md: no
// second format), behind a checksummed header that lists them. Layout:
//   "LBPACK01" | u32 BE header length | header JSON | SHA-256 of everything before it | chunk bytes
// The header names each chunk's id, kind, codec, raw size, and where its bytes are (offsets from
// the start of the file). The file is named by the SHA-256 of its whole content, so a pack can be
// checked whole too. Pure: bytes in, bytes out (cold-folder.ts does the files).
import { createHash } from 'node:crypto';
import { LifeboatError } from '../../../shared/result';
import type { ChunkCodec, ChunkKind, StoredChunk } from '../chunks/repository';

export const PACK_MAGIC = Buffer.from('LBPACK01', 'latin1');
const LENGTH_AT = PACK_MAGIC.length;
/** Bytes before the header JSON. */
export const PACK_PREFIX = LENGTH_AT + 4;
const HASH_BYTES = 32;
/** A header larger than this is damage, not a pack (a pack holds thousands of chunks, not millions). */
const MAX_HEADER = 64 * 1024 * 1024;

export interface PackEntry {
  id: string;
  kind: ChunkKind;
  codec: ChunkCodec;
  rawSize: number;
  offset: number;
  length: number;
}

export interface PackHeader {
  version: 1;
  entries: PackEntry[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function encodePack(chunks: { id: string; chunk: StoredChunk }[]): { bytes: Buffer; name: string; header: PackHeader } {
  // Offsets depend on the header's length, which depends on the offsets' digits: lay out twice.
  let dataStart = 0;
  let header: PackHeader = { version: 1, entries: [] };
  let json = Buffer.alloc(0);
  for (let pass = 0; pass < 6; pass++) {
    let at = dataStart;
    header = {
      version: 1,
      entries: chunks.map(({ id, chunk }) => {
        const e = { id, kind: chunk.kind, codec: chunk.codec, rawSize: chunk.rawSize, offset: at, length: chunk.bytes.length };
        at += chunk.bytes.length;
        return e;
      }),
    };
    json = Buffer.from(JSON.stringify(header), 'utf8');
    const start = PACK_PREFIX + json.length + HASH_BYTES;
    if (start === dataStart) break;
    dataStart = start;
  }
  const prefix = Buffer.alloc(PACK_PREFIX);
  PACK_MAGIC.copy(prefix, 0);
  prefix.writeUInt32BE(json.length, LENGTH_AT);
  const head = Buffer.concat([prefix, json]);
  const bytes = Buffer.concat([head, Buffer.from(sha256(head), 'hex'), ...chunks.map((c) => c.chunk.bytes)]);
  if (header.entries[0] && header.entries[0].offset !== head.length + HASH_BYTES) throw new LifeboatError('internal', 'pack layout did not settle');
  return { bytes, name: packName(bytes), header };
}

export function packName(bytes: Buffer): string {
  return `pack-${sha256(bytes)}.pack`;
}

/** How many bytes of a pack file hold its prefix, header and checksum, given the first PACK_PREFIX bytes. */
export function headerSpan(prefix: Buffer, where: string): number {
  if (prefix.length < PACK_PREFIX || !prefix.subarray(0, LENGTH_AT).equals(PACK_MAGIC)) throw damaged(where, 'it does not start like a Lifeboat pack');
  const length = prefix.readUInt32BE(LENGTH_AT);
  if (length > MAX_HEADER) throw damaged(where, `its header claims ${length} bytes`);
  return PACK_PREFIX + length + HASH_BYTES;
}

/** Parses and checks a pack's header (the first headerSpan bytes); a damaged one is a verification_failed naming the file. */
export function parsePackHeader(head: Buffer, fileSize: number, where: string): PackHeader {
  const span = headerSpan(head, where);
  if (head.length < span) throw damaged(where, 'it ends inside its header');
  const json = head.subarray(PACK_PREFIX, span - HASH_BYTES);
  const stored = head.subarray(span - HASH_BYTES, span).toString('hex');
  if (sha256(head.subarray(0, span - HASH_BYTES)) !== stored) throw damaged(where, 'its header does not match its checksum');
  let header: PackHeader;
  try {
    header = JSON.parse(json.toString('utf8')) as PackHeader;
  } catch {
    throw damaged(where, 'its header is not readable');
  }
  if (header.version !== 1 || !Array.isArray(header.entries)) throw damaged(where, 'its header is not a version 1 pack header');
  for (const e of header.entries) {
    if (e.offset < span || e.offset + e.length > fileSize) throw damaged(where, `chunk ${String(e.id).slice(0, 12)} lies outside the file (it is ${fileSize} bytes)`);
  }
  return header;
}

/** Parses a whole pack held in memory: its header, and each chunk's stored form (unchecked). */
export function decodePack(bytes: Buffer, where: string): { header: PackHeader; chunks: { id: string; chunk: StoredChunk }[] } {
  const header = parsePackHeader(bytes.subarray(0, Math.min(bytes.length, safeSpan(bytes, where))), bytes.length, where);
  return {
    header,
    chunks: header.entries.map((e) => ({ id: e.id, chunk: { kind: e.kind, codec: e.codec, rawSize: e.rawSize, bytes: bytes.subarray(e.offset, e.offset + e.length) } })),
  };
}

function safeSpan(bytes: Buffer, where: string): number {
  return headerSpan(bytes.subarray(0, PACK_PREFIX), where);
}

export function damaged(where: string, why: string): LifeboatError {
  return new LifeboatError('verification_failed', `cold pack is damaged: ${why}`, where);
}
