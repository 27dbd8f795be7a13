// A backup destination on an S3-compatible bucket: one object per key, under the configured
// prefix. Each put is one PUT carrying its Content-MD5, so a body damaged on the way is refused by
// the server rather than stored. Options map to S3 request fields: ifAbsent → If-None-Match: *,
// archive → the archive storage class, objectLockDays → Object Lock retention.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectRetentionCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { LifeboatError } from '../../../../shared/result';
import type { Destination, DestinationConfig, ObjectInfo, PutOptions } from './destination';
import { atKey, checkKey, checkPrefix, checkRange, shortRange } from './keys';
import { endpointForMessages, hostPort, makeS3Client } from '../../remote/s3-client';
import { s3Error } from '../../remote/s3-errors';

export type S3DestinationConfig = Extract<DestinationConfig, { kind: 's3' }>;

const DAY_MS = 86_400_000;

export interface S3DestinationOptions {
  /** Keys per ListObjectsV2 page (the server's default, 1000, when unset). */
  listPageSize?: number;
}

export class S3Destination implements Destination {
  readonly where: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly hostPort: string;

  constructor(
    private readonly config: S3DestinationConfig,
    private readonly options: S3DestinationOptions = {},
  ) {
    const named = `s3 ${endpointForMessages(config.endpoint)} bucket ${config.bucket}/${config.prefix}`;
    if (!config.bucket || config.bucket.includes('/')) throw new LifeboatError('bad_request', `not an S3 bucket name: ${JSON.stringify(config.bucket)}`, named);
    if (config.prefix !== '' && !config.prefix.endsWith('/')) {
      throw new LifeboatError('bad_request', `the key prefix must be '' or end in '/': ${JSON.stringify(config.prefix)}`, named);
    }
    try {
      new URL(config.endpoint);
    } catch {
      throw new LifeboatError('bad_request', `not an endpoint URL: ${JSON.stringify(endpointForMessages(config.endpoint))}`, named);
    }
    this.where = named;
    this.bucket = config.bucket;
    this.prefix = config.prefix;
    this.hostPort = hostPort(config.endpoint);
    this.client = makeS3Client(config);
  }

  async put(key: string, data: Buffer, options: PutOptions = {}): Promise<void> {
    checkKey(this.where, key);
    const input: PutObjectCommandInput = {
      ...this.object(key),
      Body: data,
      ContentLength: data.length,
      ContentMD5: createHash('md5').update(data).digest('base64'),
      ContentType: 'application/octet-stream',
    };
    if (options.ifAbsent) input.IfNoneMatch = '*';
    if (options.archive && this.config.archive) input.StorageClass = (this.config.storageClass ?? 'GLACIER') as StorageClass;
    const retention = this.retentionFor(key);
    if (retention) {
      input.ObjectLockMode = retention.mode;
      input.ObjectLockRetainUntilDate = retention.until;
    }
    await this.call(this.client.send(new PutObjectCommand(input)), key, `write ${key}`);
  }

  async get(key: string): Promise<Buffer> {
    checkKey(this.where, key);
    const res = await this.call(this.client.send(new GetObjectCommand(this.object(key))), key, `read ${key}`);
    const body = await this.readBody(res.Body, key);
    if (res.ContentLength !== undefined && body.length !== res.ContentLength) {
      throw new LifeboatError('verification_failed', `read ${body.length.toLocaleString('en-US')} of the ${res.ContentLength.toLocaleString('en-US')} bytes of ${key}: the connection ended early`, atKey(this.where, key));
    }
    return body;
  }

  async getRange(key: string, offset: number, length: number): Promise<Buffer> {
    checkKey(this.where, key);
    const at = atKey(this.where, key);
    checkRange(at, offset, length);
    if (length === 0) {
      // No HTTP range is empty: say whether the object is there and long enough.
      const info = await this.stat(key);
      if (info === null) throw new LifeboatError('not_found', `no object ${key} in bucket ${this.bucket} on ${this.hostPort}`, at);
      if (offset > info.size) throw shortRange(at, offset, length, info.size);
      return Buffer.alloc(0);
    }
    const range = `bytes=${offset}-${offset + length - 1}`;
    let res;
    try {
      res = await this.client.send(new GetObjectCommand({ ...this.object(key), Range: range }));
    } catch (err) {
      // 416: the range starts at or past the end; say how long the object is.
      if (status(err) === 416) throw shortRange(at, offset, length, (await this.stat(key))?.size ?? null);
      throw this.error(err, key, `read ${key}`);
    }
    const body = await this.readBody(res.Body, key);
    if (body.length !== length) throw shortRange(at, offset, length, sizeFromContentRange(res.ContentRange));
    return body;
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    checkKey(this.where, key);
    try {
      const res = await this.client.send(new HeadObjectCommand(this.object(key)));
      return { key, size: res.ContentLength ?? 0 };
    } catch (err) {
      if (status(err) !== 404) throw this.error(err, key, `look at ${key}`);
    }
    // A HEAD's 404 has no body to tell a missing key from a missing bucket: ask about the bucket.
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      if (status(err) === 404) throw new LifeboatError('not_found', `bucket ${this.bucket} does not exist on ${this.hostPort}`, this.where);
      throw this.error(err, key, `look at ${key}`);
    }
    return null;
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    checkPrefix(this.where, prefix);
    const out: ObjectInfo[] = [];
    let token: string | undefined;
    do {
      const request = new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix + prefix, ContinuationToken: token, MaxKeys: this.options.listPageSize });
      const page = await this.call(this.client.send(request), undefined, `list ${prefix || 'the keys'}`);
      for (const object of page.Contents ?? []) {
        const key = (object.Key ?? '').slice(this.prefix.length);
        if (key === '' || key.endsWith('/')) continue; // "folder" markers some tools make
        out.push({ key, size: object.Size ?? 0 });
      }
      if (page.IsTruncated && !page.NextContinuationToken) {
        throw new LifeboatError('internal', `the S3 server ${this.hostPort} said the listing of ${prefix || 'the keys'} goes on but gave no continuation token`, this.where);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    checkKey(this.where, key);
    if (!this.config.objectLockDays) {
      await this.call(this.client.send(new DeleteObjectCommand(this.object(key))), key, `delete ${key}`);
      return;
    }
    // An Object Lock bucket keeps versions: a plain DELETE would only hide a locked object behind a
    // delete marker. Remove each version, so a locked one is refused, as it should be.
    for (const versionId of await this.versionsOf(key)) {
      try {
        await this.client.send(new DeleteObjectCommand({ ...this.object(key), VersionId: versionId }));
      } catch (err) {
        if (status(err) === 403) {
          const locked = await this.lockedUntil(key, versionId);
          if (locked) throw new LifeboatError('conflict', `${key} is immutable until ${locked.until} (Object Lock ${locked.mode}): it cannot be deleted before then`, atKey(this.where, key));
        }
        throw this.error(err, key, `delete ${key}`);
      }
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  /** The Object Lock retention a put of `key` asks for: every key but the repository's locks. */
  private retentionFor(key: string): { mode: 'COMPLIANCE' | 'GOVERNANCE'; until: Date } | null {
    const days = this.config.objectLockDays;
    if (!days || key.startsWith('locks/')) return null;
    return { mode: this.config.objectLockMode ?? 'COMPLIANCE', until: new Date(Date.now() + days * DAY_MS) };
  }

  private async versionsOf(key: string): Promise<string[]> {
    const full = this.prefix + key;
    const ids: string[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    for (;;) {
      const request = new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: full, KeyMarker: keyMarker, VersionIdMarker: versionMarker });
      const page = await this.call(this.client.send(request), key, `delete ${key}`);
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) if (v.Key === full && v.VersionId) ids.push(v.VersionId);
      if (!page.IsTruncated) return ids;
      keyMarker = page.NextKeyMarker;
      versionMarker = page.NextVersionIdMarker;
    }
  }

  private async lockedUntil(key: string, versionId: string): Promise<{ mode: string; until: string } | null> {
    try {
      const res = await this.client.send(new GetObjectRetentionCommand({ ...this.object(key), VersionId: versionId }));
      const until = res.Retention?.RetainUntilDate;
      return until && until.getTime() > Date.now() ? { mode: res.Retention?.Mode ?? 'retention', until: until.toISOString() } : null;
    } catch {
      return null; // no retention to read: the refusal was something else
    }
  }

  private async readBody(body: { transformToByteArray(): Promise<Uint8Array> } | undefined, key: string): Promise<Buffer> {
    if (!body) return Buffer.alloc(0);
    try {
      const bytes = await body.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (err) {
      throw this.error(err, key, `read ${key}`);
    }
  }

  private object(key: string): { Bucket: string; Key: string } {
    return { Bucket: this.bucket, Key: this.prefix + key };
  }

  /** `request`'s answer, or its failure as a LifeboatError naming `op` and `key`. */
  private async call<T>(request: Promise<T>, key: string | undefined, op: string): Promise<T> {
    try {
      return await request;
    } catch (err) {
      throw this.error(err, key, op);
    }
  }

  private error(err: unknown, key: string | undefined, op: string): LifeboatError {
    return s3Error(err, { where: key ? atKey(this.where, key) : this.where, hostPort: this.hostPort, bucket: this.bucket, key, op });
  }
}

const status = (err: unknown): number | undefined => (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

/** The total size in "bytes 0-9/1234", or null. */
function sizeFromContentRange(range: string | undefined): number | null {
  const total = range?.split('/')[1];
  return total && /^\d+$/.test(total) ? Number(total) : null;
}
