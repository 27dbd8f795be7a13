// The state hash: per table, a homomorphic multiset hash of its canonical records (LtHash16, as in
// Lewi et al., "Securing Update Propagation with Homomorphic Hashing", 2019: each record expands to
// 1,024 16-bit lanes via SHAKE128, and a table's hash is the lane-wise sum mod 2^16). Adding a row
// adds its vector, deleting subtracts it, so triggers keep the live hash current on every write and
// an incremental checkpoint reads it instead of rehashing the desk. The root hash commits to each
// table's row count and the SHA-256 of its lanes, so it is independent of how rows are chunked.
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import type { Database } from 'better-sqlite3';
import { sha256 } from './chunker';
import { beforePatch } from './row-patch';
import { TableReader } from './records';
import { CHECKPOINT_TABLES } from './tables';

export const LANES = 1024;
export const ACC_BYTES = LANES * 2;
/** Lanes are read as the host's Uint16Array; every platform Lifeboat ships on is little-endian. */
if (endianness() !== 'LE') throw new Error('Lifeboat’s state hash needs a little-endian machine');

export type Acc = Uint16Array;

export const emptyAcc = (): Acc => new Uint16Array(LANES);

export function accFrom(data: Buffer | Uint8Array): Acc {
  if (data.length !== ACC_BYTES) throw new Error(`a table hash has ${ACC_BYTES} bytes, not ${data.length}`);
  const copy = new Uint16Array(LANES);
  new Uint8Array(copy.buffer).set(data);
  return copy;
}

export const accBytes = (acc: Acc): Buffer => Buffer.from(acc.buffer, acc.byteOffset, ACC_BYTES);

/** The lanes one record adds to its table's hash. */
export function recordVector(table: string, text: string): Uint16Array {
  const out = createHash('shake128', { outputLength: ACC_BYTES }).update(`${table}\u0000${text}`).digest();
  return new Uint16Array(out.buffer, out.byteOffset, LANES);
}

/** acc += sign × the record's vector (in place). */
export function addRecord(acc: Acc, table: string, text: string, sign: 1 | -1 = 1): Acc {
  return addLanes(acc, recordVector(table, text), sign);
}

const PREFIXES = new Map<string, Buffer>();

/**
 * acc += the vector of the record whose canonical text is these UTF-8 bytes (a line of a chunk, as
 * stored): the same vector as `addRecord` of the text, without decoding it to a string first.
 */
export function addRecordBytes(acc: Acc, table: string, bytes: Uint8Array): Acc {
  let prefix = PREFIXES.get(table);
  if (!prefix) PREFIXES.set(table, (prefix = Buffer.from(`${table}\u0000`, 'utf8')));
  const out = createHash('shake128', { outputLength: ACC_BYTES }).update(prefix).update(bytes).digest();
  return addLanes(acc, new Uint16Array(out.buffer, out.byteOffset, LANES), 1);
}

/**
 * acc ± v, lane by lane mod 2^16. Two lanes at a time where both are 4-byte aligned: a 32-bit add
 * of the low 15 bits of each lane, with each lane's top bit put back by xor, carries nothing
 * across lanes.
 */
function addLanes(acc: Acc, v: Uint16Array, sign: 1 | -1): Acc {
  if (sign === 1 && acc.byteOffset % 4 === 0 && v.byteOffset % 4 === 0) {
    const a32 = new Uint32Array(acc.buffer, acc.byteOffset, LANES / 2);
    const v32 = new Uint32Array(v.buffer, v.byteOffset, LANES / 2);
    for (let i = 0; i < LANES / 2; i++) {
      const a = a32[i];
      const b = v32[i];
      a32[i] = ((a & 0x7fff7fff) + (b & 0x7fff7fff)) ^ ((a ^ b) & 0x80008000);
    }
  } else if (sign === 1) for (let i = 0; i < LANES; i++) acc[i] += v[i];
  else for (let i = 0; i < LANES; i++) acc[i] -= v[i];
  return acc;
}

/** The summed vectors of a table's records (one chunk's, say). */
export function recordsAcc(table: string, texts: Iterable<string>): Acc {
  const acc = emptyAcc();
  for (const text of texts) addRecord(acc, table, text);
  return acc;
}

export function addAcc(acc: Acc, other: Acc): Acc {
  for (let i = 0; i < LANES; i++) acc[i] += other[i];
  return acc;
}

export const accDigest = (acc: Acc): string => sha256(accBytes(acc));

export interface TableHash {
  rows: number;
  /** SHA-256 of the table's lanes. */
  digest: string;
}

export const EMPTY_DIGEST = accDigest(emptyAcc());

/** The root hash over all checkpointed tables, in name order. */
export function stateRoot(schemaVersion: number, tables: Record<string, TableHash | undefined>): string {
  const lines = CHECKPOINT_TABLES.map((t) => `${t.name} ${tables[t.name]?.rows ?? 0} ${tables[t.name]?.digest ?? EMPTY_DIGEST}`);
  return sha256(`lifeboat-state v2 schema ${schemaVersion}\n${lines.join('\n')}`);
}

// ---- the SQL side: functions the triggers call, and the live accumulators ------------------------

/**
 * A record's canonical text from (name, value) pairs in sorted name order — the same text as
 * `encodeRow` gives for the row read back.
 */
function recordText(args: unknown[], from: number): string {
  if (args.length <= from) return '{}';
  let out = '{';
  for (let i = from; i < args.length; i += 2) out += (i === from ? '' : ',') + JSON.stringify(args[i]) + ':' + JSON.stringify(args[i + 1] ?? null);
  return out + '}';
}

/** A function argument is the call's own copy: add in place when its bytes are aligned for 16-bit lanes. */
const lanesOf = (acc: Buffer): Acc =>
  acc.length === ACC_BYTES && acc.byteOffset % 2 === 0 ? new Uint16Array(acc.buffer, acc.byteOffset, LANES) : accFrom(acc);

/**
 * Registers the functions the change-tracking triggers call. Every connection that writes live
 * tables needs them; one without them (the sqlite3 shell, say) has its writes refused with
 * "no such function", rather than letting the state hash drift from the rows.
 */
export function registerStateFunctions(db: Database): void {
  db.function('lifeboat_record', { varargs: true, deterministic: true }, (...args: unknown[]) => recordText(args, 0));
  db.function('lifeboat_patch', { varargs: true, deterministic: true }, (before: unknown, ...pairs: unknown[]) => beforePatch(before as string, pairs));
  db.function('lifeboat_lthash', { varargs: true, deterministic: true }, (...args: unknown[]) => {
    const [acc, sign, table] = args as [Buffer, number, string];
    const lanes = lanesOf(acc);
    addRecord(lanes, table, recordText(args, 3), sign < 0 ? -1 : 1);
    return accBytes(lanes);
  });
  // An update in one call: (acc, table, n, n old (name, value) pairs, n new pairs).
  db.function('lifeboat_lthash_update', { varargs: true, deterministic: true }, (...args: unknown[]) => {
    const [acc, table, n] = args as [Buffer, string, number];
    const lanes = lanesOf(acc);
    const old = recordText(args.slice(0, 3 + 2 * n), 3);
    const now = recordText(args, 3 + 2 * n);
    if (old !== now) {
      addRecord(lanes, table, old, -1);
      addRecord(lanes, table, now, 1);
    }
    return accBytes(lanes);
  });
}

/** The live state's table hashes as the triggers keep them. */
export function liveTableHashes(db: Database): Record<string, TableHash> {
  const rows = db.prepare('SELECT table_name, row_count, acc FROM state_hash').all() as { table_name: string; row_count: number; acc: Buffer }[];
  const out: Record<string, TableHash> = {};
  for (const r of rows) out[r.table_name] = { rows: r.row_count, digest: sha256(r.acc) };
  return out;
}

/** The live state's table hashes recomputed from every row: what the triggers' hashes must equal. */
export function computeLiveAccs(db: Database): Record<string, { rows: number; acc: Acc }> {
  const out: Record<string, { rows: number; acc: Acc }> = {};
  for (const table of CHECKPOINT_TABLES) {
    const acc = emptyAcc();
    let rows = 0;
    for (const r of new TableReader(db, table).all()) {
      addRecord(acc, table.name, r.text);
      rows++;
    }
    out[table.name] = { rows, acc };
  }
  return out;
}

export const hashesOf = (accs: Record<string, { rows: number; acc: Acc }>): Record<string, TableHash> =>
  Object.fromEntries(Object.entries(accs).map(([t, a]) => [t, { rows: a.rows, digest: accDigest(a.acc) }]));
