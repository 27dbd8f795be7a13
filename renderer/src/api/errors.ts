// An API call that failed, with everything the server said: code, message and where.
import type { ApiError, ErrorCode } from '../../../shared/result';
import type { ChannelName } from '../../../shared/api/contract';

/** The engine's codes, plus two that only the transport can know. */
export type CallErrorCode = ErrorCode | 'unauthorized' | 'unreachable';

export class ApiCallError extends Error {
  readonly code: CallErrorCode;
  readonly where: string | undefined;
  readonly details: unknown;

  constructor(
    readonly channel: ChannelName | 'events' | 'page',
    error: { code: CallErrorCode; message: string; where?: string; details?: unknown },
  ) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.where = error.where;
    this.details = error.details;
  }

  static from(channel: ChannelName, error: ApiError): ApiCallError {
    return new ApiCallError(channel, error);
  }
}

/** Any thrown value as an ApiCallError, so the UI has one shape to show. */
export function asCallError(channel: ChannelName, e: unknown): ApiCallError {
  if (e instanceof ApiCallError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ApiCallError(channel, { code: 'internal', message });
}
