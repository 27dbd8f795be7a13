// Packs and index files.
//
// A pack is sealed objects end to end, then its sealed header (which object is where), then the
// header's length in 4 bytes: a pack alone says what it holds, so a lost index can be rebuilt from
// the packs. Its name is the SHA-256 of its bytes, checked whenever it is read whole.
//
// An index file lists packs and the objects in each. One is written as soon as its packs have
// landed, before any snapshot names them, so a backup killed midway leaves its packs findable: the
// next run sees those objects are there and does not send them again.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { LifeboatError } from '../../../../shared/result';
import { open, seal, sha256Hex, type RepositoryKeys } from './crypto';
import type { ObjectType } from './objects';

/** [object id, type, offset in pack, stored length, plain length] */
export type PackEntry = [string, ObjectType, number, number, number];

export interface PackListing {
  id: string;
  size: number;
  objects: PackEntry[];
}

export interface IndexFile {
  version: 1;
  /** The backup run that wrote these packs (a snapshot record names its run): what a full or a differential may reuse is decided by run. */
  run: string;
  packs: PackListing[];
}

/**
 * Pack headers and index files are lists of hex ids, which any brotli quality halves: quality 5,
 * not the default 11, which spent 1.3 s of a 2.4 s full backup of the large desk on them.
 * (Reading does not depend on the quality.)
 */
const compressListing = (plain: Buffer): Buffer => brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } });

export const packKey = (id: string) => `data/${id.slice(0, 2)}/${id}`;
export const indexKey = (id: string) => `index/${id}`;

export function buildPack(keys: RepositoryKeys, objects: { id: string; type: ObjectType; sealed: Buffer; rawLength: number }[]): { id: string; bytes: Buffer; listing: PackListing } {
  const entries: PackEntry[] = [];
  let offset = 0;
  for (const o of objects) {
    entries.push([o.id, o.type, offset, o.sealed.length, o.rawLength]);
    offset += o.sealed.length;
  }
  const header = seal(keys.encryption, compressListing(Buffer.from(JSON.stringify(entries))), 'pack header');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const bytes = Buffer.concat([...objects.map((o) => o.sealed), header, length]);
  const id = sha256Hex(bytes);
  return { id, bytes, listing: { id, size: bytes.length, objects: entries } };
}

/** A whole pack's objects as its own header lists them (verify, index rebuild); checks the pack's name. */
export function readPackHeader(keys: RepositoryKeys, id: string, bytes: Buffer): PackEntry[] {
  const where = packKey(id);
  if (sha256Hex(bytes) !== id) throw new LifeboatError('verification_failed', 'pack bytes do not hash to its name: it was changed or cut short', where);
  if (bytes.length < 4) throw new LifeboatError('verification_failed', 'pack is shorter than its header length', where);
  const headerLength = bytes.readUInt32LE(bytes.length - 4);
  if (headerLength + 4 > bytes.length) throw new LifeboatError('verification_failed', 'pack header length runs past its start', where);
  const header = open(keys.encryption, bytes.subarray(bytes.length - 4 - headerLength, bytes.length - 4), 'pack header', where);
  return JSON.parse(brotliDecompressSync(header).toString('utf8')) as PackEntry[];
}

export function sealIndex(keys: RepositoryKeys, index: IndexFile): { id: string; bytes: Buffer } {
  const bytes = seal(keys.encryption, compressListing(Buffer.from(JSON.stringify(index))), 'index');
  return { id: sha256Hex(bytes), bytes };
}

export function openIndex(keys: RepositoryKeys, id: string, bytes: Buffer): IndexFile {
  const where = indexKey(id);
  if (sha256Hex(bytes) !== id) throw new LifeboatError('verification_failed', 'index file does not hash to its name: it was changed or cut short', where);
  const plain = open(keys.encryption, bytes, 'index', where);
  const index = JSON.parse(brotliDecompressSync(plain).toString('utf8')) as IndexFile;
  if (index.version !== 1 || typeof index.run !== 'string' || !Array.isArray(index.packs)) throw new LifeboatError('verification_failed', 'index file is not one Lifeboat understands', where);
  return index;
}
