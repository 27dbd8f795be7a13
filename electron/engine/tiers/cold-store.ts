// Where cold packs live: the folder <state>/cold/ (cold-folder.ts) or an S3 bucket (cold-bucket.ts),
// behind one small interface, so the tiered repository, the moves and the status do not care.
// A pack's name says which holds it: `pack-<sha256>.pack` is in the folder, `s3:pack-<sha256>.pack`
// in the bucket — so packs written before a bucket was configured stay readable where they are.
import type { StoredChunk } from '../chunks/repository';
import type { PackHeader } from './pack';

export interface ColdStore {
  /** How status and messages name it: the folder's path, or "s3 http://host:port bucket b/prefix". */
  readonly location: string;
  /** Whether this store holds the pack named so. */
  holds(pack: string): boolean;
  /** Writes a pack durably and checks it is there whole; returns its name and header (with each chunk's offset). */
  write(chunks: { id: string; chunk: StoredChunk }[]): { name: string; header: PackHeader; bytes: number };
  /** The stored bytes of one chunk of a pack (the caller decodes and rehashes them). */
  read(pack: string, offset: number, length: number): Buffer;
  /** A pack's header, checked against its checksum. */
  header(pack: string): PackHeader;
  /** The packs it holds (anything else there left out). */
  packs(): string[];
  /** Removes packs nothing points into (garbage, not damage). */
  remove(packs: string[]): void;
  /** Throws an `unavailable` naming the tier when it cannot be listed and read (absent is fine only when it should hold nothing). */
  probe(holdsChunks: boolean): void;
  /** Frees threads and sockets. */
  close(): void;
}

export const S3_PACK_PREFIX = 's3:';
export const FOLDER_PACK = /^pack-[0-9a-f]{64}\.pack$/;
