// The S3 cold tier's configuration, from the desk's settings (tiers.cold.s3.*) with the
// credentials from the settings or else the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
// Configured when an endpoint and a bucket are set; then new cold packs go to the bucket.
// The keys never leave this config: messages name the endpoint without user:password, the bucket
// and the prefix (the settings catalog masks the secret ones wherever they are shown or audited).
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import type { S3DestinationConfig } from '../backups/destinations/s3-destination';
import { endpointForMessages, hostPort } from '../remote/s3-client';

export const S3_KEYS = {
  endpoint: 'tiers.cold.s3.endpoint',
  bucket: 'tiers.cold.s3.bucket',
  prefix: 'tiers.cold.s3.prefix',
  region: 'tiers.cold.s3.region',
  storageClass: 'tiers.cold.s3.storageClass',
  accessKeyId: 'tiers.cold.s3.accessKeyId',
  secretAccessKey: 'tiers.cold.s3.secretAccessKey',
} as const;

export const DEFAULT_REGION = 'us-east-1';
/** The archive class the issue asks for; STANDARD keeps packs readable at once on AWS. */
export const DEFAULT_STORAGE_CLASS = 'GLACIER';

export interface ColdS3Config {
  destination: S3DestinationConfig;
  /** "the S3 cold tier on 127.0.0.1:7480": how messages begin (their `where` names the bucket), never with a key. */
  named: string;
  hostPort: string;
  /** How status shows where it is: "s3 http://127.0.0.1:7480 bucket b/prefix/". */
  location: string;
  /** Identifies the configuration, keys included, so a change of it starts a new bridge: kept in memory, never shown. */
  fingerprint: string;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** The settings of the settings table (a reader's connection has no LiveStore). */
export function readSettings(db: Database): Record<string, unknown> {
  const rows = db.prepare("SELECT key, value_json FROM settings WHERE key LIKE 'tiers.cold.s3.%'").all() as { key: string; value_json: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
}

/** The S3 cold tier's config, or null when no bucket is configured; missing credentials are a bad_request naming what to set. */
export function coldS3Config(settings: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ColdS3Config | null {
  const endpoint = text(settings[S3_KEYS.endpoint]);
  const bucket = text(settings[S3_KEYS.bucket]);
  if (!endpoint || !bucket) return null;
  const prefix = text(settings[S3_KEYS.prefix]) ?? '';
  const region = text(settings[S3_KEYS.region]) ?? DEFAULT_REGION;
  const storageClass = text(settings[S3_KEYS.storageClass]) ?? DEFAULT_STORAGE_CLASS;
  const where = hostPort(endpoint);
  const named = `the S3 cold tier on ${where}`;
  const location = `s3 ${endpointForMessages(endpoint)} bucket ${bucket}/${prefix}`;
  const accessKeyId = text(settings[S3_KEYS.accessKeyId]) ?? text(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = text(settings[S3_KEYS.secretAccessKey]) ?? text(env.AWS_SECRET_ACCESS_KEY);
  if (!accessKeyId || !secretAccessKey) {
    throw new LifeboatError(
      'unavailable',
      `${named} has no credentials: set ${S3_KEYS.accessKeyId} and ${S3_KEYS.secretAccessKey}, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment`,
      location,
      { tier: 'cold', host: where },
    );
  }
  const destination: S3DestinationConfig = { kind: 's3', name: 'cold tier', endpoint, region, bucket, prefix, accessKeyId, secretAccessKey, archive: storageClass !== 'STANDARD', storageClass };
  return { destination, named, hostPort: where, location, fingerprint: JSON.stringify(destination) };
}
