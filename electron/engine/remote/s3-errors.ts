// What the S3 client throws, as Lifeboat's error codes (a backup destination's and the cold tier's). Messages name the
// server (host:port), the bucket and the key — never the access key or its secret, and never a
// bare SDK message: a server's own words are quoted only for what nothing here explains.
import { LifeboatError } from '../../../shared/result';

export interface S3ErrorContext {
  /** The destination and key, for the error's `where`. */
  where: string;
  hostPort: string;
  bucket: string;
  key?: string;
  /** What was being done: "write data/ab/cd", "list snapshots/". */
  op: string;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens there)',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (DNS unreachable)',
  ETIMEDOUT: 'timed out connecting',
  ECONNRESET: 'the connection was reset',
  ECONNABORTED: 'the connection was aborted',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection closed while sending',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'timed out connecting',
};

const CREDENTIALS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AuthorizationHeaderMalformed', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired', 'InvalidSecurity']);
const DAMAGED = new Set(['BadDigest', 'InvalidDigest', 'XAmzContentSHA256Mismatch', 'IncompleteBody']);
const BUSY = new Set(['SlowDown', 'ServiceUnavailable', 'InternalError', 'RequestTimeout']);

interface SdkError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  errors?: unknown[];
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The Node network error code anywhere in an SDK error (itself, its cause, an AggregateError's parts). */
function networkCode(err: SdkError | undefined, depth = 0): string | null {
  if (!err || typeof err !== 'object' || depth > 3) return null;
  if (typeof err.code === 'string' && NETWORK[err.code]) return err.code;
  if (err.name === 'TimeoutError') return 'ETIMEDOUT';
  for (const inner of [err.cause, ...(Array.isArray(err.errors) ? err.errors : [])]) {
    const code = networkCode(inner as SdkError, depth + 1);
    if (code) return code;
  }
  return null;
}

export function s3Error(err: unknown, ctx: S3ErrorContext): LifeboatError {
  if (err instanceof LifeboatError) return err;
  const e = (err ?? {}) as SdkError;
  const net = networkCode(e);
  if (net) return new LifeboatError('unavailable', `cannot ${ctx.op}: the S3 server ${ctx.hostPort} cannot be reached: ${NETWORK[net]}`, ctx.where);

  const status = e.$metadata?.httpStatusCode;
  // A HEAD's error has no body: the SDK names it "Unknown", which tells a reader nothing.
  const raw = e.Code ?? e.name ?? '';
  const code = raw === 'Unknown' || raw === 'UnknownError' ? '' : raw;
  const object = ctx.key ? `${ctx.key} in bucket ${ctx.bucket}` : `bucket ${ctx.bucket}`;
  if (CREDENTIALS.has(code)) {
    return new LifeboatError('unauthorized', `cannot ${ctx.op}: the S3 server ${ctx.hostPort} refused the credentials for bucket ${ctx.bucket} (${code}); check the access key and its secret`, ctx.where);
  }
  if (code === 'AccessDenied' || status === 403) {
    return new LifeboatError('unauthorized', `cannot ${ctx.op}: access to ${object} denied by the S3 server ${ctx.hostPort} (${code || 'HTTP 403, no reason given'}); check the access key, its secret and the bucket's policy`, ctx.where);
  }
  if (code === 'NoSuchBucket') return new LifeboatError('not_found', `cannot ${ctx.op}: bucket ${ctx.bucket} does not exist on ${ctx.hostPort}`, ctx.where);
  if (code === 'NoSuchKey' || code === 'NotFound' || status === 404) return new LifeboatError('not_found', `no object ${object} on ${ctx.hostPort}`, ctx.where);
  if (code === 'PreconditionFailed' || status === 412) return new LifeboatError('conflict', `${ctx.key ?? 'the object'} already exists in bucket ${ctx.bucket} (asked to create it only if absent)`, ctx.where);
  if (code === 'InvalidObjectState') {
    return new LifeboatError('conflict', `cannot ${ctx.op}: ${object} is in an archive storage class; restore it (S3 RestoreObject) before reading`, ctx.where);
  }
  if (DAMAGED.has(code)) {
    return new LifeboatError('verification_failed', `cannot ${ctx.op}: the S3 server ${ctx.hostPort} found the upload damaged on the way (${code}); nothing was stored`, ctx.where);
  }
  if (code === 'InvalidRange' || status === 416) return new LifeboatError('verification_failed', `cannot ${ctx.op}: the range runs past the end of ${object}`, ctx.where);
  if (BUSY.has(code) || status === 503) {
    return new LifeboatError('unavailable', `cannot ${ctx.op}: the S3 server ${ctx.hostPort} is busy or failing (${code || `HTTP ${status}`}); try again later`, ctx.where);
  }
  const said = status ? `HTTP ${status}${code ? ` ${code}` : ''}` : code || 'no answer';
  const quoted = e.message && e.message !== code && e.message !== 'UnknownError' ? `: "${e.message}"` : '';
  return new LifeboatError('internal', `cannot ${ctx.op}: the S3 server ${ctx.hostPort} answered ${said}${quoted}`, ctx.where);
}
