// Moving objects between warm and cold, atomically:
//  - demote: write a pack of the objects' stored forms (durable: temp -> fsync -> rename -> fsync
//    the folder), then in ONE transaction record each object's cold place and delete its warm row;
//  - promote: read the pack, check each object against its id, then in ONE transaction insert the
//    warm rows and delete the cold ones.
// At every moment an object is readable from one place (or both, between the pack and the
// transaction, where warm wins). A kill between the two leaves a pack nothing records: garbage,
// removed by the next move (collectPacks). Afterwards the database gives its free pages back.
import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { recordMove } from './moves-audit';
import type { Move } from './placement';
import type { TieredChunkRepository } from './tiered-repository';

/** A pack holds up to about this many stored bytes (a few MB: one read of it is cheap, and there are not too many files). */
export const PACK_BYTES = 4 * 1024 * 1024;

export interface MoveProgress {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message: string) => void;
}

export interface DemoteResult {
  chunks: number;
  bytes: number;
  packs: string[];
  /** Leftover packs of an interrupted move, removed first. */
  garbage: string[];
  vacuum: VacuumResult;
}

export interface VacuumResult {
  mode: 'incremental' | 'converted';
  fileBytesBefore: number;
  fileBytesAfter: number;
}

export function demoteObjects(db: Database, repository: TieredChunkRepository, moves: Move[], options: MoveProgress = {}): DemoteResult {
  const garbage = repository.collectPacks();
  // Last reads of objects pruned since are of no use.
  db.prepare('DELETE FROM chunk_reads WHERE hash NOT IN (SELECT hash FROM chunks) AND hash NOT IN (SELECT hash FROM cold_chunks)').run();
  const wanted = moves.filter((m) => m.from === 'warm' && m.to === 'cold');
  const batches: Move[][] = [];
  let batch: Move[] = [];
  let size = 0;
  for (const m of wanted) {
    if (batch.length > 0 && size + m.storedSize > PACK_BYTES) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(m);
    size += m.storedSize;
  }
  if (batch.length > 0) batches.push(batch);

  const packs: string[] = [];
  let chunks = 0;
  let bytes = 0;
  for (const [i, b] of batches.entries()) {
    if (options.signal?.aborted) throw new LifeboatError('cancelled', `demote was cancelled after ${i} of ${batches.length} packs`);
    options.progress?.(i, batches.length, `writing pack ${i + 1} of ${batches.length}`);
    const stored = b.flatMap((m) => {
      const chunk = repository.warm.getStored(m.id);
      return chunk ? [{ id: m.id, chunk }] : [];
    });
    if (stored.length === 0) continue;
    const pack = repository.cold.write(stored);
    const at = new Date().toISOString();
    db.transaction(() => {
      let moved = 0;
      let movedBytes = 0;
      for (const e of pack.header.entries) {
        // Still warm and not cold already (a single writer: always so; checked all the same).
        if (!repository.warm.has(e.id)) continue;
        if (!repository.index.insert({ hash: e.id, kind: e.kind, codec: e.codec, rawSize: e.rawSize, storedSize: e.length, pack: pack.name, offset: e.offset }, at)) continue;
        movedBytes += repository.warm.delete([e.id]);
        moved++;
      }
      recordMove(db, 'demote', { chunks: moved, bytes: movedBytes, packs: [pack.name], why: 'placement: only old, unpinned checkpoints need them' });
      chunks += moved;
      bytes += movedBytes;
    }).immediate();
    packs.push(pack.name);
  }
  options.progress?.(batches.length, batches.length, `demoted ${chunks} objects`);
  repository.collectPacks();
  return { chunks, bytes, packs, garbage, vacuum: giveBackFreePages(db) };
}

/** Promotes exactly these objects where they are cold (a pack keeps its others); audited as one move. */
export function promoteObjects(repository: TieredChunkRepository, ids: Iterable<string>, why: string): { chunks: number; bytes: number; packs: string[] } {
  const packs = new Set<string>();
  const wanted = new Set<string>();
  for (const id of ids) {
    const row = repository.index.get(id);
    if (row) {
      packs.add(row.pack);
      wanted.add(id);
    }
  }
  const moved = packs.size > 0 ? repository.promotePacks([...packs], why, wanted) : { chunks: 0, bytes: 0 };
  repository.collectPacks();
  return { ...moved, packs: [...packs] };
}

/**
 * Gives the database file's free pages back to the file system. lifeboat.db was created with
 * auto_vacuum=NONE; the first time, this switches it to INCREMENTAL with one VACUUM (which rewrites
 * the file once, in a transaction of its own); from then on `PRAGMA incremental_vacuum` does it.
 */
export function giveBackFreePages(db: Database): VacuumResult {
  const fileBytesBefore = fileSize(db);
  const mode = db.pragma('auto_vacuum', { simple: true }) as number;
  let result: VacuumResult['mode'];
  if (mode === 2) {
    db.pragma('incremental_vacuum');
    result = 'incremental';
  } else {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
    result = 'converted';
  }
  // The shrink reaches the file when the WAL is checkpointed into it.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { mode: result, fileBytesBefore, fileBytesAfter: fileSize(db) };
}

function fileSize(db: Database): number {
  try {
    return statSync(db.name).size;
  } catch {
    return 0;
  }
}
