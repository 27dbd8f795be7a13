// Verifying a repository.
//  - Structure, always: the config and key slots parse, every index file and snapshot record
//    authenticates, every snapshot's tree opens and every object it lists is in the index, and
//    every indexed pack is there with its size.
//  - `readData`: every pack (or the chosen subset) read whole, its name rehashed, every object in
//    it decrypted and rehashed, and every blob a row chunk refers to found. A damaged object is
//    named with the snapshots that need it.
// Packs not in any index are a killed run's leftovers: reported, harmless, removed by prune.
import type { BackupVerifyResult as VerifyResult, Problem } from '../../../shared/api/backups';
export type { VerifyResult };
import { LifeboatError } from '../../../shared/result';
import { chunkLines } from './capture/row-stream';
import type { Tree } from './capture/tree';
import { sha256Hex } from './repository/crypto';
import { decodeObject } from './repository/objects';
import { packKey, readPackHeader } from './repository/packs';
import type { BackupRepository, Location } from './repository/repository';
import type { SnapshotRecord } from './repository/snapshot-record';

export interface VerifyOptions {
  readData?: boolean;
  /** Which packs to read when reading data (all when absent). */
  choosePacks?: (packIds: string[]) => string[];
  signal?: AbortSignal;
  onProgress?: (p: { step: 'structure' | 'data'; done: number; total: number }) => void;
}


export async function verifyRepository(repository: BackupRepository, options: VerifyOptions = {}): Promise<VerifyResult> {
  const started = Date.now();
  const problems: Problem[] = [];
  const problem = (where: string, err: unknown, snapshots: string[] = []) =>
    problems.push({ where, message: err instanceof LifeboatError ? err.reason : (err as Error).message, snapshots });

  await repository.listKeys().catch((err) => problem(`${repository.where} keys/`, err));
  // A damaged index file is named and left out: the rest is still checked (its packs show as unindexed).
  const index = await repository.loadIndex({ onBadFile: (where, err) => problem(where, err) }).catch((err) => {
    problem(`${repository.where} index/`, err);
    return null;
  });
  let snapshots: SnapshotRecord[] = [];
  try {
    snapshots = await repository.snapshots();
  } catch (err) {
    problem(`${repository.where} snapshots/`, err);
  }
  const packsRead: string[] = [];
  let bytesRead = 0;
  let unindexedPacks = 0;
  if (!index) return finish();

  // Which objects each snapshot needs: its tree, what the tree lists, and (reading data) the blobs its rows name.
  const needs = new Map<string, Set<string>>();
  const trees = new Map<string, Tree>();
  let done = 0;
  for (const s of snapshots) {
    options.onProgress?.({ step: 'structure', done: done++, total: snapshots.length });
    const set = new Set<string>([s.tree]);
    needs.set(s.id, set);
    const at = index.objects.get(s.tree);
    if (!at) {
      problem(`${repository.where} snapshot ${s.id}`, new Error(`its tree object ${s.tree.slice(0, 12)} is in no index file`), [s.id]);
      continue;
    }
    try {
      const tree = JSON.parse((await repository.readObject(s.tree, at)).toString('utf8')) as Tree;
      trees.set(s.id, tree);
      for (const t of tree.db.tables) for (const id of t.chunks) set.add(id);
      for (const f of tree.files) for (const id of f.chunks) set.add(id);
    } catch (err) {
      problem(`${repository.where} snapshot ${s.id} tree`, err, [s.id]);
    }
  }
  const who = (objectId: string) => snapshots.filter((s) => needs.get(s.id)?.has(objectId)).map((s) => s.id);
  for (const s of snapshots) {
    for (const id of needs.get(s.id) ?? []) {
      if (!index.objects.has(id)) problem(`${repository.where} snapshot ${s.id}`, new Error(`needs object ${id.slice(0, 12)}, which no index file lists`), [s.id]);
    }
  }

  const stored = index.stored;
  const indexedPacks = new Map<string, number>();
  for (const file of index.files.values()) for (const p of file.packs) indexedPacks.set(p.id, p.size);
  const inPack = new Map<string, { id: string; at: Location }[]>();
  for (const [id, at] of index.objects) {
    let list = inPack.get(at.pack);
    if (!list) inPack.set(at.pack, (list = []));
    list.push({ id, at });
  }
  const packUsers = (pack: string) => [...new Set((inPack.get(pack) ?? []).flatMap((o) => who(o.id)))];
  for (const [pack, size] of indexedPacks) {
    const found = stored.get(pack);
    if (found === undefined) problem(`${repository.where} ${packKey(pack)}`, new Error('pack is missing'), packUsers(pack));
    else if (found !== size) problem(`${repository.where} ${packKey(pack)}`, new Error(`pack is ${found} bytes, its index says ${size}`), packUsers(pack));
  }
  unindexedPacks = [...stored.keys()].filter((p) => !indexedPacks.has(p)).length;

  if (options.readData) {
    const all = [...indexedPacks.keys()].filter((p) => stored.has(p)).sort();
    const chosen = options.choosePacks ? options.choosePacks(all) : all;
    // Damage is named with its snapshots at the end: a blob's users are known only once the row
    // chunks that refer to it have been read.
    const damaged: { where: string; err: unknown; objectId: string | null; pack: string }[] = [];
    const blobUsers = new Map<string, string[]>();
    done = 0;
    for (const pack of chosen) {
      if (options.signal?.aborted) throw new LifeboatError('cancelled', 'verify cancelled; nothing was changed', repository.where);
      options.onProgress?.({ step: 'data', done: done++, total: chosen.length });
      const where = `${repository.where} ${packKey(pack)}`;
      let bytes: Buffer;
      try {
        bytes = await repository.destination.get(packKey(pack));
      } catch (err) {
        damaged.push({ where, err, objectId: null, pack });
        continue;
      }
      packsRead.push(pack);
      bytesRead += bytes.length;
      if (sha256Hex(bytes) !== pack) {
        let headerOk = true;
        try {
          readPackHeader(repository.keys, pack, bytes);
        } catch {
          headerOk = false;
        }
        // With its header intact, the objects below pin the damage down; without, the pack is named.
        if (!headerOk) damaged.push({ where, err: new Error('pack bytes do not hash to its name, and its header is damaged'), objectId: null, pack });
      }
      for (const { id, at } of inPack.get(pack) ?? []) {
        try {
          const plain = decodeObject(repository.keys, id, bytes.subarray(at.offset, at.offset + at.length), `${where} object ${id.slice(0, 12)}`);
          if (at.type !== 'rows') continue;
          for (const line of chunkLines(plain)) {
            for (const c of line) {
              if (!c || typeof c !== 'object' || !('o' in c)) continue;
              const users = blobUsers.get(c.o) ?? [];
              users.push(id);
              blobUsers.set(c.o, users);
              if (!index.objects.has(c.o)) damaged.push({ where, err: new Error(`row chunk ${id.slice(0, 12)} refers to blob ${c.o.slice(0, 12)}, which no index file lists`), objectId: id, pack });
            }
          }
        } catch (err) {
          damaged.push({ where: `${where} object ${id.slice(0, 12)}`, err, objectId: id, pack });
        }
      }
    }
    for (const d of damaged) {
      const users = d.objectId === null ? packUsers(d.pack) : [...new Set([...who(d.objectId), ...(blobUsers.get(d.objectId) ?? []).flatMap(who)])];
      problem(d.where, d.err, users);
    }
  }
  return finish();

  function finish(): VerifyResult {
    return {
      ok: problems.length === 0,
      snapshots: snapshots.length,
      indexFiles: index?.files.size ?? 0,
      packs: index ? new Set([...index.objects.values()].map((o) => o.pack)).size : 0,
      objects: index?.objects.size ?? 0,
      readData: options.readData === true,
      packsRead,
      bytesRead,
      unindexedPacks,
      problems,
      seconds: (Date.now() - started) / 1000,
    };
  }
}
