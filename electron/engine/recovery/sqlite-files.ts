// Reading SQLite's own files byte by byte, without SQLite (which would create or change them):
// the database header, the write-ahead log (which frames SQLite would replay, and whose database
// page 1 they carry) and the WAL index in the -shm (how many frames the log held, how many were
// copied back). Pure: bytes in, facts out. Formats: https://www.sqlite.org/fileformat2.html
import { APPLICATION_ID } from '../store/identity';

export const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface DbHeader {
  sqlite: boolean;
  pageSize: number;
  /** 2 in WAL mode, 1 in rollback mode. */
  readVersion: number;
  applicationId: number;
  /** The database's size in pages, as its header says. */
  pages: number;
}

/** The first 100 bytes of a database file (fewer: not a database). */
export function parseDbHeader(bytes: Buffer): DbHeader | null {
  if (bytes.length < 100) return null;
  const sqlite = bytes.toString('latin1', 0, 16) === SQLITE_MAGIC;
  const raw = bytes.readUInt16BE(16);
  return {
    sqlite,
    pageSize: raw === 1 ? 65_536 : raw,
    readVersion: bytes[19],
    applicationId: bytes.readUInt32BE(68),
    pages: bytes.readUInt32BE(28),
  };
}

export const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;
const WAL_VERSION = 3007000;

export interface WalScan {
  /** Null when the log's header is sound; else what is wrong with it (SQLite ignores such a log). */
  problem: string | null;
  pageSize: number;
  /** Frames with the header's salt and an unbroken checksum chain, up to the last commit: what SQLite replays. */
  committedFrames: number;
  commits: number;
  /** Frames after the last commit, or past a broken checksum: not replayed. */
  ignoredFrames: number;
  /** The Lifeboat application_id (or another) carried by each replayed copy of page 1. */
  page1ApplicationIds: number[];
}

type Read = (offset: number, length: number) => Buffer;

function checksum(buf: Buffer, s: [number, number], bigEndian: boolean): [number, number] {
  let [s0, s1] = s;
  for (let i = 0; i + 8 <= buf.length; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

const validPageSize = (n: number) => n >= 512 && n <= 65_536 && (n & (n - 1)) === 0;

/** Scans a WAL of `size` bytes through `read`, as SQLite's recovery does. */
export function scanWal(read: Read, size: number): WalScan {
  const empty = (problem: string | null, pageSize = 0): WalScan => ({ problem, pageSize, committedFrames: 0, commits: 0, ignoredFrames: 0, page1ApplicationIds: [] });
  if (size === 0) return empty(null);
  if (size < WAL_HEADER_BYTES) return empty(`it is ${size} bytes, shorter than a WAL header`);
  const header = read(0, WAL_HEADER_BYTES);
  const magic = header.readUInt32BE(0);
  if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return empty('it does not start as a SQLite write-ahead log');
  if (header.readUInt32BE(4) !== WAL_VERSION) return empty(`its format version ${header.readUInt32BE(4)} is not SQLite's ${WAL_VERSION}`);
  const pageSize = header.readUInt32BE(8);
  if (!validPageSize(pageSize)) return empty(`its page size ${pageSize} is not one SQLite uses`);
  const bigEndian = magic === WAL_MAGIC_BE;
  let sums = checksum(header.subarray(0, 24), [0, 0], bigEndian);
  if (sums[0] !== header.readUInt32BE(24) || sums[1] !== header.readUInt32BE(28)) return empty('its header checksum does not match', pageSize);
  const salt = header.subarray(16, 24);
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const total = Math.floor((size - WAL_HEADER_BYTES) / frameBytes);
  let valid = 0;
  let committed = 0;
  let commits = 0;
  let pending: number[] = [];
  const page1: number[] = [];
  for (let i = 0; i < total; i++) {
    const frame = read(WAL_HEADER_BYTES + i * frameBytes, frameBytes);
    if (!frame.subarray(8, 16).equals(salt)) break;
    sums = checksum(frame.subarray(0, 8), sums, bigEndian);
    sums = checksum(frame.subarray(FRAME_HEADER_BYTES), sums, bigEndian);
    if (sums[0] !== frame.readUInt32BE(16) || sums[1] !== frame.readUInt32BE(20)) break;
    valid++;
    if (frame.readUInt32BE(0) === 1) pending.push(frame.readUInt32BE(FRAME_HEADER_BYTES + 68));
    if (frame.readUInt32BE(4) !== 0) {
      committed = valid;
      commits++;
      page1.push(...pending);
      pending = [];
    }
  }
  return { problem: null, pageSize, committedFrames: committed, commits, ignoredFrames: total - committed, page1ApplicationIds: page1 };
}

export interface ShmIndex {
  /** Frames the log held when the index was last written. */
  frames: number;
  /** Of those, how many were copied back into the database. */
  backfilled: number;
  pageSize: number;
}

/** The WAL index header at the start of a -shm (native byte order; every platform Lifeboat ships on is little-endian). */
export function parseShm(bytes: Buffer): ShmIndex | null {
  if (bytes.length < 136) return null;
  const isInit = bytes[12] === 1;
  // Two copies of the header: SQLite trusts them only when they agree.
  if (!isInit || !bytes.subarray(0, 48).equals(bytes.subarray(48, 96))) return null;
  return { frames: bytes.readUInt32LE(16), backfilled: bytes.readUInt32LE(96), pageSize: bytes.readUInt16LE(14) === 1 ? 65_536 : bytes.readUInt16LE(14) };
}

export const isLifeboatId = (id: number) => id === APPLICATION_ID;
