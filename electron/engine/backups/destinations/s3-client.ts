// The S3 client an S3 destination talks through, set for S3-compatible servers (radosgw, MinIO,
// Garage...) as much as AWS: path-style addressing, no aws-chunked bodies, and an unreachable
// endpoint found out in seconds rather than after minutes of retries.
import { S3Client } from '@aws-sdk/client-s3';
import type { DestinationConfig } from './destination';

export type S3DestinationConfig = Extract<DestinationConfig, { kind: 's3' }>;

/** Connecting longer than this is an unreachable endpoint. */
export const CONNECT_TIMEOUT_MS = 3_000;
/** A connection silent this long (mid-request) is a server gone. */
export const IDLE_TIMEOUT_MS = 30_000;

export function makeS3Client(config: S3DestinationConfig): S3Client {
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
    // comes from Content-MD5 instead (s3-destination.ts put).
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
