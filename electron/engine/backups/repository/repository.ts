// A backup repository on one destination: its config, key slots, index, snapshots, and reading
// objects back. Writing goes through ObjectWriter (writer.ts); the order of writes is restic's:
// packs, then the index files naming them, then the snapshot record — the single commit point.
import { hostname } from 'node:os';
import { LifeboatError } from '../../../../shared/result';
import type { Destination } from '../destinations/destination';
import { checkConfigMac, newConfig, parseConfig, type RepositoryConfig } from './config';
import { deriveKeys, newMasterKey, objectId, open, seal, type RepositoryKeys } from './crypto';
import { makeSlot, newRecoveryKey, openSlot, parseSlot, slotsToTry, type KeySlot } from './key-slots';
import { decodeObject, type ObjectType } from './objects';
import { indexKey, openIndex, packKey, type IndexFile } from './packs';
import { parseSnapshot, snapshotKey, type SnapshotRecord } from './snapshot-record';
import { readMemo, type ReadMemo } from './read-memo';

export interface Location {
  pack: string;
  offset: number;
  length: number;
  rawLength: number;
  type: ObjectType;
  /** The index file that lists it. */
  index: string;
}

export interface LoadedIndex {
  /**
   * Every object, where it is. An object stored twice (sent again after its first pack was
   * damaged) is read from a pack that is there whole; else the first index file listing it wins.
   */
  objects: Map<string, Location>;
  /** Every index file, by id. */
  files: Map<string, IndexFile>;
  /** Every pack the destination holds (indexed or not), with its size. */
  stored: Map<string, number>;
  /** Indexed packs that are there at the size their index says (not read: see verify for that). */
  intact: Set<string>;
}

export interface KeySlotInfo {
  id: string;
  kind: KeySlot['kind'];
  label: string;
  createdAt: string;
}

export class BackupRepository {
  private constructor(
    readonly destination: Destination,
    readonly config: RepositoryConfig,
    readonly keys: RepositoryKeys,
    private readonly master: Buffer,
  ) {}

  get where(): string {
    return this.destination.where;
  }

  /** Makes a new repository with one passphrase slot and one recovery-key slot; refuses a place that holds one already. */
  static async init(destination: Destination, passphrase: string): Promise<{ repository: BackupRepository; recoveryKey: string }> {
    requirePassphrase(passphrase, destination.where);
    if (await destination.stat('config')) throw new LifeboatError('conflict', 'a backup repository is there already (it has a config); open it instead', destination.where);
    const master = newMasterKey();
    const keys = deriveKeys(master);
    const config = newConfig(keys);
    const recoveryKey = newRecoveryKey();
    // Key slots first, the config last: a repository without its config is not one yet, and a
    // second `init` may start over.
    for (const slot of [await makeSlot(master, passphrase, 'passphrase', 'first passphrase'), await makeSlot(master, recoveryKey, 'recovery', 'recovery key')]) {
      await destination.put(`keys/${slot.id}`, Buffer.from(JSON.stringify(slot, null, 1)));
    }
    await destination.put('config', Buffer.from(JSON.stringify(config, null, 1)), { ifAbsent: true });
    return { repository: new BackupRepository(destination, config, keys, master), recoveryKey };
  }

  /** Opens with a passphrase or the recovery key; a secret that opens no slot is `wrong_passphrase`. */
  static async open(destination: Destination, secret: string): Promise<BackupRepository> {
    const where = destination.where;
    const configInfo = await destination.stat('config');
    if (!configInfo) throw new LifeboatError('not_found', 'no backup repository here (no config); make one with `lifeboat backup init`', where);
    const config = parseConfig(await destination.get('config'), `${where} config`);
    requirePassphrase(secret, where);
    const slots = await readSlots(destination);
    if (slots.length === 0) throw new LifeboatError('verification_failed', 'repository has no key slots: it cannot be opened by anyone', `${where} keys/`);
    for (const slot of slotsToTry(slots, secret)) {
      const master = await openSlot(slot, secret);
      if (!master) continue;
      const keys = deriveKeys(master);
      checkConfigMac(config, keys, `${where} config`);
      return new BackupRepository(destination, config, keys, master);
    }
    throw new LifeboatError('wrong_passphrase', `wrong passphrase: it opens none of the repository's ${slots.length} key slots (a recovery key works too)`, where);
  }

  async listKeys(): Promise<KeySlotInfo[]> {
    return (await readSlots(this.destination)).map(({ id, kind, label, createdAt }) => ({ id, kind, label, createdAt }));
  }

  async addKey(passphrase: string, label: string): Promise<KeySlotInfo> {
    requirePassphrase(passphrase, this.where);
    const slot = await makeSlot(this.master, passphrase, 'passphrase', label);
    await this.destination.put(`keys/${slot.id}`, Buffer.from(JSON.stringify(slot, null, 1)), { ifAbsent: true });
    return { id: slot.id, kind: slot.kind, label: slot.label, createdAt: slot.createdAt };
  }

  /** Removes a slot; never the last one that opens the repository. */
  async removeKey(id: string): Promise<void> {
    const slots = await readSlots(this.destination);
    const slot = slots.find((s) => s.id === id);
    if (!slot) throw new LifeboatError('not_found', `no key slot ${id} (see \`backup key list\`)`, this.where);
    if (slots.length === 1) throw new LifeboatError('conflict', 'that is the last key slot: removing it would lock everyone out', this.where);
    await this.destination.delete(`keys/${id}`);
  }

  /**
   * Reads every index file. One that fails its checks is an error naming it — unless `onBadFile`
   * is given (verify): then it is reported there and left out, and its packs count as unindexed.
   */
  async loadIndex(options: { onBadFile?: (where: string, err: unknown) => void; remembered?: boolean } = {}): Promise<LoadedIndex> {
    const objects = new Map<string, Location>();
    const files = new Map<string, IndexFile>();
    const stored = new Map((await this.destination.list('data/')).map((o) => [o.key.slice(o.key.lastIndexOf('/') + 1), o.size]));
    const intact = new Set<string>();
    const listing = await this.destination.list('index/');
    const memo = options.remembered && !options.onBadFile ? this.memo<IndexFile>('index') : null;
    memo?.keepOnly(new Set(listing.map((i) => i.key)));
    for (const info of listing) {
      const id = info.key.slice('index/'.length);
      const where = `${this.where} ${info.key}`;
      let file: IndexFile;
      try {
        file = memo?.get(info.key, info.size) ?? openIndex(this.keys, id, await this.destination.get(info.key));
        memo?.set(info.key, info.size, file);
      } catch (err) {
        const named = err instanceof LifeboatError ? new LifeboatError(err.code, err.reason, where) : err;
        if (!options.onBadFile) throw named;
        options.onBadFile(where, named);
        continue;
      }
      files.set(id, file);
      for (const pack of file.packs) {
        const whole = stored.get(pack.id) === pack.size;
        if (whole) intact.add(pack.id);
        for (const [objectId, type, offset, length, rawLength] of pack.objects) {
          const known = objects.get(objectId);
          if (!known || (whole && !intact.has(known.pack))) objects.set(objectId, { pack: pack.id, offset, length, rawLength, type, index: id });
        }
      }
    }
    return { objects, files, stored, intact };
  }

  async readObject(id: string, at: Location): Promise<Buffer> {
    const where = `${this.where} ${packKey(at.pack)} object ${id.slice(0, 12)}`;
    return decodeObject(this.keys, id, await this.destination.getRange(packKey(at.pack), at.offset, at.length), where);
  }

  /** Every snapshot record, oldest first. `remembered`: what this thread read before is not read again (read-memo.ts). */
  async snapshots(options: { remembered?: boolean } = {}): Promise<SnapshotRecord[]> {
    const records: SnapshotRecord[] = [];
    const listing = await this.destination.list('snapshots/');
    const memo = options.remembered ? this.memo<SnapshotRecord>('snapshots') : null;
    memo?.keepOnly(new Set(listing.map((i) => i.key)));
    for (const info of listing) {
      const id = info.key.slice('snapshots/'.length);
      const record = memo?.get(info.key, info.size) ?? this.openSnapshot(id, await this.destination.get(info.key));
      memo?.set(info.key, info.size, record);
      records.push(record);
    }
    return records.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /** One snapshot by id or unique prefix. */
  async snapshot(idOrPrefix: string): Promise<SnapshotRecord> {
    const all = await this.snapshots();
    const found = all.filter((s) => s.id.startsWith(idOrPrefix));
    if (found.length === 0) throw new LifeboatError('not_found', `no snapshot ${idOrPrefix} in this repository (see \`backup list\`)`, this.where);
    if (found.length > 1) throw new LifeboatError('bad_request', `snapshot prefix ${idOrPrefix} is ambiguous: ${found.map((s) => s.id).join(', ')}`, this.where);
    return found[0];
  }

  /** The commit point of a backup: once this lands, the snapshot exists. */
  async writeSnapshot(record: SnapshotRecord): Promise<void> {
    const sealed = seal(this.keys.encryption, Buffer.from(JSON.stringify(record)), `snapshot ${record.id}`);
    await this.destination.put(snapshotKey(record.id), sealed, { ifAbsent: true });
  }

  async deleteSnapshot(id: string): Promise<void> {
    await this.destination.delete(snapshotKey(id));
  }

  private memo<T>(kind: 'index' | 'snapshots'): ReadMemo<T> {
    return readMemo<T>(objectId(this.keys, 'lifeboat read memo'), kind);
  }

  private openSnapshot(id: string, bytes: Buffer): SnapshotRecord {
    const where = `${this.where} ${snapshotKey(id)}`;
    return parseSnapshot(open(this.keys.encryption, bytes, `snapshot ${id}`, where), id, where);
  }

  async putIndex(id: string, bytes: Buffer): Promise<void> {
    await this.destination.put(indexKey(id), bytes);
  }
}

async function readSlots(destination: Destination): Promise<KeySlot[]> {
  const slots: KeySlot[] = [];
  for (const info of await destination.list('keys/')) slots.push(parseSlot(await destination.get(info.key), `${destination.where} ${info.key}`));
  return slots;
}

function requirePassphrase(secret: string, where: string): void {
  if (!secret) throw new LifeboatError('bad_request', 'a passphrase is needed (--passphrase-file FILE, or LIFEBOAT_BACKUP_PASSPHRASE)', where);
}

export const thisHost = (): string => hostname();
