// The cold tier in an S3 bucket: packs (pack.ts) as objects `pack-<sha256>.pack` under the
// configured prefix, in the archive storage class. Written with their Content-MD5 (the server
// refuses bytes damaged on the way) and checked there whole (HEAD: its size) before the caller's
// transaction makes them visible; read whole, once, and checked against their name (the SHA-256
// of the whole pack) and their header's checksum, then kept in memory for the next chunk of the
// same pack — a read promotes the pack, or reads its neighbours next.
// Every call goes through the bridge thread (s3-bridge.ts): synchronous here, like a file.
import { LifeboatError } from '../../../shared/result';
import type { StoredChunk } from '../chunks/repository';
import type { ColdS3Config } from './cold-s3-settings';
import { FOLDER_PACK, S3_PACK_PREFIX, type ColdStore } from './cold-store';
import { decodePack, encodePack, packName, type PackHeader } from './pack';
import { S3Bridge } from './s3-bridge';

/** Packs kept in memory after a read (each at most a few MB: moves.ts PACK_BYTES). */
const KEEP_PACKS = 4;
/**
 * After a failed probe, the status says so again without asking for this long. A server that drops
 * packets (rather than refusing) holds a call for the client's connect timeout, on the thread that
 * asked — the console's, for its polled status — so it is not asked on every poll. Reads still ask.
 */
const PROBE_AGAIN_MS = 10_000;

export class ColdBucket implements ColdStore {
  readonly location: string;
  private readonly bridge: S3Bridge;
  private readonly recent = new Map<string, { bytes: Buffer; header: PackHeader }>();
  private lastProbe: { at: number; error: unknown } | null = null;

  constructor(
    readonly config: ColdS3Config,
    script: string | null,
  ) {
    this.location = config.location;
    this.bridge = new S3Bridge(config.destination, script, config.named, config.location);
  }

  holds(pack: string): boolean {
    return pack.startsWith(S3_PACK_PREFIX) && FOLDER_PACK.test(pack.slice(S3_PACK_PREFIX.length));
  }

  write(chunks: { id: string; chunk: StoredChunk }[]): { name: string; header: PackHeader; bytes: number } {
    const { bytes, name: key, header } = encodePack(chunks);
    const name = S3_PACK_PREFIX + key;
    this.named(`cannot write pack ${key}`, () => {
      this.bridge.put(key, bytes, this.config.destination.archive === true);
      const there = this.bridge.stat(key);
      if (!there || there.size !== bytes.length) {
        throw new LifeboatError('verification_failed', `the upload of ${key} reads back as ${there ? `${there.size} bytes, not ${bytes.length}` : 'absent'}`, this.where(name));
      }
    });
    // Not kept in memory: what is demoted is what nobody reads.
    return { name, header, bytes: bytes.length };
  }

  read(pack: string, offset: number, length: number): Buffer {
    const { bytes } = this.fetch(pack);
    if (offset + length > bytes.length) throw new LifeboatError('verification_failed', `cold pack is damaged: it ends at byte ${bytes.length}, a chunk needs ${offset + length}`, this.where(pack));
    return bytes.subarray(offset, offset + length);
  }

  header(pack: string): PackHeader {
    return this.fetch(pack).header;
  }

  packs(): string[] {
    const packs = this.named('cannot be listed', () => this.bridge.list(''))
      .map((o) => o.key)
      .filter((k) => FOLDER_PACK.test(k))
      .map((k) => S3_PACK_PREFIX + k)
      .sort();
    this.lastProbe = null;
    return packs;
  }

  remove(packs: string[]): void {
    for (const p of packs) {
      this.named(`cannot remove pack ${this.key(p)}`, () => this.bridge.delete(this.key(p)));
      this.recent.delete(p);
    }
  }

  /** Listing needs the server, the bucket and the keys, as every read and write does. A recent failure is said again (PROBE_AGAIN_MS). */
  probe(_holdsChunks?: boolean, now = Date.now()): void {
    if (this.lastProbe && now - this.lastProbe.at < PROBE_AGAIN_MS) throw this.lastProbe.error;
    try {
      this.packs();
    } catch (err) {
      this.lastProbe = { at: now, error: err };
      throw err;
    }
  }

  close(): void {
    this.bridge.close();
    this.recent.clear();
  }

  private fetch(pack: string): { bytes: Buffer; header: PackHeader } {
    const hit = this.recent.get(pack);
    if (hit) {
      this.recent.delete(pack);
      this.recent.set(pack, hit);
      return hit;
    }
    const key = this.key(pack);
    const bytes = this.named(`cannot read pack ${key}`, () => this.bridge.get(key));
    this.lastProbe = null; // it answered: the next status asks again
    if (packName(bytes) !== key) throw new LifeboatError('verification_failed', `cold pack is damaged: its bytes do not match its name (SHA-256)`, this.where(pack), { tier: 'cold' });
    const { header } = decodePack(bytes, this.where(pack));
    return this.remember(pack, bytes, header);
  }

  private remember(pack: string, bytes: Buffer, header: PackHeader): { bytes: Buffer; header: PackHeader } {
    const entry = { bytes, header };
    this.recent.set(pack, entry);
    while (this.recent.size > KEEP_PACKS) this.recent.delete(this.recent.keys().next().value!);
    return entry;
  }

  private key(pack: string): string {
    return pack.startsWith(S3_PACK_PREFIX) ? pack.slice(S3_PACK_PREFIX.length) : pack;
  }

  private where(pack: string): string {
    return `${this.location}${this.key(pack)}`;
  }

  /** Runs a call, its failure said as the S3 cold tier's (the code kept: unavailable, unauthorized, not_found...). */
  private named<T>(what: string, call: () => T): T {
    try {
      return call();
    } catch (err) {
      const { named, hostPort, location } = this.config;
      if (!(err instanceof LifeboatError)) throw new LifeboatError('unavailable', `${named} ${what}: ${err instanceof Error ? err.message : String(err)}`, location, { tier: 'cold', host: hostPort });
      if (err.reason.startsWith(named)) throw err;
      // The S3 destination's own words say what it was doing ("cannot write pack-…: the S3 server … cannot be reached").
      const reason = err.reason.startsWith('cannot ') ? `${named}: ${err.reason}` : `${named} ${what}: ${err.reason}`;
      throw new LifeboatError(err.code, reason, err.where ?? location, { tier: 'cold', host: hostPort });
    }
  }
}
