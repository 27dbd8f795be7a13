// The run's test S3 server (started by the `s3` project's globalSetup, test/services/radosgw-setup.ts)
// and buckets on it: each made fresh for a test file and removed afterwards, versions and all.
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { S3DestinationConfig } from '../../electron/engine/backups/destinations/s3-destination';
import { makeS3Client } from '../../electron/engine/remote/s3-client';
import type { S3ServerInfo } from '../services/radosgw-setup';

export function s3Server(): S3ServerInfo {
  const server = inject('s3');
  if (!server) throw new Error('this test file needs the S3 server: list it in S3_TESTS in vitest.config.ts');
  return server;
}

/** A destination config for `bucket` on the test server; `overrides` for the test at hand. */
export function s3Config(bucket: string, overrides: Partial<S3DestinationConfig> = {}): S3DestinationConfig {
  const { endpoint, region, accessKeyId, secretAccessKey } = s3Server();
  return { kind: 's3', name: 'test', endpoint, region, bucket, prefix: '', accessKeyId, secretAccessKey, ...overrides };
}

/** A client with the server's credentials, for what no destination does (buckets, HeadObject). */
export const adminClient = (): S3Client => makeS3Client(s3Config('admin'));

/** A new bucket with a unique name; `objectLock` makes it an Object Lock (and so versioned) bucket. */
export async function makeBucket(client: S3Client, name: string, options: { objectLock?: boolean } = {}): Promise<string> {
  const bucket = `lifeboat-${name}-${randomBytes(4).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: options.objectLock === true }));
  return bucket;
}

/** Removes `bucket` and every object version in it (GOVERNANCE retention bypassed: test buckets only). */
export async function removeBucket(client: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const page = await client.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])];
    if (versions.length === 0) break;
    for (let i = 0; i < versions.length; i += 16) {
      await Promise.all(
        versions.slice(i, i + 16).map((v) =>
          client.send(new DeleteObjectCommand({ Bucket: bucket, Key: v.Key, VersionId: v.VersionId, BypassGovernanceRetention: true })),
        ),
      );
    }
  }
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** Runs the project's S3 server script (test/services/radosgw.mjs) with `command`; its JSON answer. */
function serverScript(command: 'stop-gateway' | 'start-gateway'): Record<string, unknown> {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'test', 'services', 'radosgw.mjs'), command], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node test/services/radosgw.mjs ${command} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Takes the run's S3 server away: its gateway stopped by its pid (connection refused on its port). */
export const stopGateway = (): void => void serverScript('stop-gateway');

/** The same without blocking this process (a proxy in it must keep serving while the gateway shuts down). */
export function stoppingGateway(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(process.cwd(), 'test', 'services', 'radosgw.mjs'), 'stop-gateway'], (err, _stdout, stderr) => (err ? reject(new Error(`stop-gateway failed: ${stderr}`)) : resolve()));
  });
}

/** Brings it back on the same port; returns once it answers. */
export const startGateway = (): void => void serverScript('start-gateway');
