// The one S3 client Lifeboat talks through — a backup's S3 destination and the S3 cold tier —
// set for S3-compatible servers (radosgw, MinIO, Garage...) as much as AWS: path-style addressing,
// no aws-chunked bodies, and an unreachable endpoint found out in seconds rather than after
// minutes of retries.
import { S3Client } from '@aws-sdk/client-s3';

/** Where an S3 server is and the keys to it (a backup destination's config and the cold tier's settings both are one). */
export interface S3Connection {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Connecting longer than this is an unreachable endpoint. */
export const CONNECT_TIMEOUT_MS = 3_000;
/** A connection silent this long (mid-request) is a server gone. */
export const IDLE_TIMEOUT_MS = 30_000;

export function makeS3Client(config: S3Connection): S3Client {
  // The SDK warns on every process under Node 20 that later releases need Node 22 (Electron
  // ships 22; the pinned release works on 20): the warning would land in every CLI command's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // The default (WHEN_SUPPORTED) streams bodies aws-chunked: radosgw refuses them
    // (MissingContentLength) and some servers store the framing inside the object. Integrity
    // comes from Content-MD5 instead (the callers' puts).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // One retry: a blip is ridden out, a dead endpoint is said quickly.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: IDLE_TIMEOUT_MS },
  });
}

/** "127.0.0.1:7480" for "http://127.0.0.1:7480/": how messages name the server (never with credentials). */
export function hostPort(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return `${url.hostname}:${port}`;
  } catch {
    return endpoint.replace(/\/\/[^@/]*@/, '//');
  }
}

/** The endpoint without any user:password@ in it. */
export function endpointForMessages(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return endpoint.replace(/\/\/[^@/]*@/, '//');
  }
}
