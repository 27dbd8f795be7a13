// Results cross process boundaries as values, never as thrown errors that lose everything
// but the message.

export type ErrorCode =
  | 'bad_request' // the payload or arguments are wrong
  | 'unauthorized' // browser mode: no token, or the wrong one
  | 'not_found'
  | 'conflict' // the state does not allow it now
  | 'locked' // another process holds the state folder
  | 'verification_failed'
  | 'cancelled'
  | 'unavailable' // a server or destination cannot be reached (refused, timed out, mount gone)
  | 'wrong_passphrase' // a backup repository's passphrase or recovery key opens none of its key slots
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Where the problem is: a file, line, field or path. */
  where?: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });

/** An error the engine raises on purpose; carries the code that picks the exit status or HTTP status. */
export class LifeboatError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    readonly where?: string,
    readonly details?: unknown,
  ) {
    super(where ? `${where}: ${reason}` : reason);
    this.name = 'LifeboatError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.reason, where: this.where, details: this.details };
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  locked: 423,
  verification_failed: 422,
  cancelled: 409,
  unavailable: 503,
  wrong_passphrase: 403,
  internal: 500,
};
