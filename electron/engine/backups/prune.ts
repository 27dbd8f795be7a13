// Forget and prune.
//  - forget removes snapshot records (by the retention decision, or by id); pinned ones refused.
//  - prune removes the packs no kept snapshot needs an object from. Which objects are needed is
//    read, not guessed: every kept snapshot's tree, the row chunks it lists, and the blobs those
//    rows name. Order, so a kill at any moment loses nothing needed: new index files (same run
//    names, the removed packs left out) first, then the old index files, then the packs. A pack
//    with some objects still needed is kept whole (its unused bytes are reported); an object
//    stored twice needs one copy (prune-plan.ts).
import type { PruneResult } from '../../../shared/api/backups';
export type { PruneResult };
import { LifeboatError } from '../../../shared/result';
import { chunkLines } from './capture/row-stream';
import type { Tree } from './capture/tree';
import { packsToKeep } from './prune-plan';
import { PackReader } from './repository/pack-reader';
import { indexKey, packKey, sealIndex, type IndexFile } from './repository/packs';
import type { BackupRepository } from './repository/repository';
import type { SnapshotRecord } from './repository/snapshot-record';


/** Every object the snapshots need. */
export async function neededObjects(repository: BackupRepository, snapshots: SnapshotRecord[]): Promise<Set<string>> {
  const index = await repository.loadIndex();
  const reader = new PackReader(repository);
  const needed = new Set<string>();
  const read = async (id: string, what: string) => {
    const at = index.objects.get(id);
    if (!at) throw new LifeboatError('verification_failed', `${what} ${id.slice(0, 12)} is in no index file; run \`backup verify\` before pruning`, repository.where);
    return reader.read(id, at);
  };
  for (const s of snapshots) {
    if (needed.has(s.tree)) continue;
    needed.add(s.tree);
    const tree = JSON.parse((await read(s.tree, `snapshot ${s.id} tree`)).toString('utf8')) as Tree;
    for (const f of tree.files) for (const id of f.chunks) needed.add(id);
    for (const t of tree.db.tables) {
      for (const id of t.chunks) {
        if (needed.has(id)) continue;
        needed.add(id);
        for (const line of chunkLines(await read(id, `${t.name} rows`))) for (const c of line) if (c && typeof c === 'object' && 'o' in c) needed.add(c.o);
      }
    }
  }
  return needed;
}

export async function prune(repository: BackupRepository, options: { dryRun?: boolean; forgetting?: readonly string[] } = {}): Promise<PruneResult> {
  // A dry run of a forget and prune: what would be removed once these snapshots are gone.
  const forgetting = new Set(options.forgetting ?? []);
  const snapshots = (await repository.snapshots()).filter((s) => !forgetting.has(s.id));
  const needed = await neededObjects(repository, snapshots);
  const index = await repository.loadIndex();
  const result: PruneResult = { dryRun: options.dryRun === true, snapshotsKept: snapshots.length, packsRemoved: 0, bytesFreed: 0, packsPartlyUsed: 0, bytesUnused: 0, unindexedRemoved: 0 };

  const listed = new Map<string, IndexFile['packs'][number]>();
  for (const file of index.files.values()) for (const pack of file.packs) if (!listed.has(pack.id)) listed.set(pack.id, pack);
  const keep = packsToKeep(
    [...listed.values()].map((p) => ({ id: p.id, objects: p.objects.map(([id]) => id), intact: index.intact.has(p.id) })),
    needed,
    new Map([...index.objects].map(([id, at]) => [id, at.pack])),
  );
  const remove = new Set<string>();
  for (const pack of listed.values()) {
    const kept = keep.get(pack.id);
    if (!kept) {
      remove.add(pack.id);
      result.packsRemoved++;
      result.bytesFreed += index.stored.get(pack.id) ?? 0;
    } else if (kept.size < pack.objects.length) {
      result.packsPartlyUsed++;
      result.bytesUnused += pack.objects.filter(([id]) => !kept.has(id)).reduce((n, [, , , length]) => n + length, 0);
    }
  }
  const seen = new Set(listed.keys());
  const unindexed = [...index.stored].filter(([pack]) => !seen.has(pack)).map(([pack, size]) => ({ key: packKey(pack), size }));
  result.unindexedRemoved = unindexed.length;
  result.bytesFreed += unindexed.reduce((n, o) => n + o.size, 0);
  if (options.dryRun) return result;

  // 1. Index files without the removed packs, under their runs' names.
  const rewritten: string[] = [];
  for (const [id, file] of index.files) {
    const packs = file.packs.filter((p) => !remove.has(p.id));
    if (packs.length === file.packs.length) continue;
    if (packs.length) {
      const next: IndexFile = { version: 1, run: file.run, packs };
      const sealed = sealIndex(repository.keys, next);
      await repository.putIndex(sealed.id, sealed.bytes);
    }
    rewritten.push(id);
  }
  // 2. The old index files, 3. the packs nothing needs.
  for (const id of rewritten) await repository.destination.delete(indexKey(id));
  for (const pack of remove) await repository.destination.delete(packKey(pack));
  for (const o of unindexed) await repository.destination.delete(o.key);
  return result;
}

/** The snapshots these ids (or unambiguous prefixes) name; an unknown or ambiguous one is refused. */
export async function chooseSnapshots(repository: BackupRepository, ids: string[]): Promise<SnapshotRecord[]> {
  const all = await repository.snapshots();
  return ids.map((id) => {
    const found = all.filter((s) => s.id.startsWith(id));
    if (found.length !== 1) throw new LifeboatError(found.length ? 'bad_request' : 'not_found', found.length ? `snapshot prefix ${id} is ambiguous` : `no snapshot ${id} in this repository`, repository.where);
    return found[0];
  });
}

/** Removes snapshot records; their objects go at the next prune, unless another snapshot needs them. */
export async function forget(repository: BackupRepository, ids: string[]): Promise<SnapshotRecord[]> {
  const chosen = await chooseSnapshots(repository, ids);
  for (const s of chosen) await repository.deleteSnapshot(s.id);
  return chosen;
}
