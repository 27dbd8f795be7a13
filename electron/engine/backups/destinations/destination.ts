// Where a backup repository's files live: a folder (local or mounted) or an S3-compatible bucket.
// The repository (../repository/) sees only this interface: named objects, written whole, read
// back whole or by range. It never learns which kind of place it is writing to.
//
// Keys are repository-relative, '/'-separated, from a fixed alphabet ([a-z0-9/._-]): `config`,
// `keys/<id>`, `data/<2 hex>/<pack id>`, `index/<id>`, `snapshots/<id>`, `locks/<id>`.

export interface ObjectInfo {
  key: string;
  size: number;
}

export interface PutOptions {
  /** Fail with a `conflict` LifeboatError when the key already exists (locks, config at init). */
  ifAbsent?: boolean;
  /** An archive destination's storage class for data objects (S3: e.g. GLACIER); a folder ignores it. */
  archive?: boolean;
}

export interface Destination {
  /** How messages name it: "folder /mnt/backups/desk" or "s3 http://127.0.0.1:7480 bucket desk/". */
  readonly where: string;
  /**
   * Writes `key` whole. It becomes visible only complete (folder: temp → fsync → rename → fsync dir;
   * S3: one PUT with its Content-MD5). An existing key is replaced unless `ifAbsent`.
   */
  put(key: string, data: Buffer, options?: PutOptions): Promise<void>;
  /** The whole object; a missing key is a `not_found` LifeboatError naming it. */
  get(key: string): Promise<Buffer>;
  /** `length` bytes from `offset`; short or missing is a `not_found` / `verification_failed` error naming it. */
  getRange(key: string, offset: number, length: number): Promise<Buffer>;
  /** Size of `key`, or null when it is absent. */
  stat(key: string): Promise<ObjectInfo | null>;
  /** Every key under `prefix` (e.g. "snapshots/"), with its size, in key order. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /** Removes `key`; absent is fine. An immutable (Object Lock) key refused is a `conflict` naming it. */
  delete(key: string): Promise<void>;
  /** Frees sockets and handles. */
  close(): Promise<void>;
}

/**
 * Errors a destination raises are LifeboatErrors whose `where` names the destination and key:
 *  - `unavailable`: cannot reach it (connection refused, DNS, timeout, folder's mount gone);
 *  - `unauthorized`: wrong credentials or permission denied;
 *  - `not_found`: the key (or the bucket/folder itself) does not exist;
 *  - `conflict`: `ifAbsent` and it exists, or a locked object refused deletion;
 *  - `internal` only for what none of these explain, with the server's own message quoted.
 * A full disk is `conflict` with the free space said (store/io-errors.ts diskFull).
 */
export type DestinationErrorCode = 'unavailable' | 'unauthorized' | 'not_found' | 'conflict' | 'internal';

/** A destination as configured (kept in the desk's settings; secrets never in the audit trail). */
export type DestinationConfig =
  | { kind: 'folder'; name: string; path: string; archive?: false }
  | {
      kind: 's3';
      name: string;
      endpoint: string;
      region: string;
      bucket: string;
      /** Key prefix inside the bucket, '' or ending in '/'. */
      prefix: string;
      accessKeyId: string;
      secretAccessKey: string;
      /** Data objects with an archive storage class (GLACIER) — for an archive destination. */
      archive?: boolean;
      storageClass?: string;
      /** Object Lock retention in days for immutable backups (bucket made with Object Lock). */
      objectLockDays?: number;
      /**
       * COMPLIANCE (the default: nobody can shorten it) or GOVERNANCE (a user with
       * s3:BypassGovernanceRetention can remove it, e.g. to clean up a test bucket).
       */
      objectLockMode?: 'COMPLIANCE' | 'GOVERNANCE';
    };

export const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;
