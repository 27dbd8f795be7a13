// What a shared tier's client error means, said with the tier and its host: unreachable (refused,
// unknown host, timed out, the server gone mid-operation) is `unavailable`; a wrong password, a
// missing database or no permission is the configuration's fault (`bad_request`), said so.
import { LifeboatError } from '../../../../shared/result';

export type SharedTierName = 'postgres' | 'redis';

const TIER_WORDS: Record<SharedTierName, string> = { postgres: 'the shared warm tier (PostgreSQL', redis: 'the shared hot tier (Redis' };

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03']);

const CONFIG: Record<string, string> = {
  '28P01': 'refused the user name or password',
  '28000': 'refused the login (no such role, or not allowed from here)',
  '3D000': 'has no such database',
  '42501': 'does not let this user in (no permission on the firm’s schema or tables)',
  WRONGPASS: 'refused the user name or password',
  NOAUTH: 'needs a password and the URL gives none',
  NOPERM: 'does not let this user use the firm’s keys (no permission)',
};

/** The error's code: Node's (ECONNREFUSED), PostgreSQL's SQLSTATE, or Redis's first word (WRONGPASS). */
function codeOf(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string') return e.code;
  if (Array.isArray(e?.errors) && e.errors.length > 0) return codeOf(e.errors[0]);
  const message = typeof e?.message === 'string' ? e.message : '';
  const word = /^([A-Z]{4,})\b/.exec(message)?.[1];
  if (word) return word;
  if (/timeout|timed out/i.test(message)) return 'ETIMEDOUT';
  if (/Connection terminated|Connection is closed|socket hang up|ended by the other party/i.test(message)) return 'ECONNRESET';
  return '';
}

/** True when `err` says the tier's server cannot be reached now (as opposed to it refusing us). */
export const isUnreachable = (err: unknown): boolean => UNREACHABLE.has(codeOf(err)) || (err instanceof LifeboatError && err.code === 'unavailable');

/** A LifeboatError naming the tier and host for a client error; a LifeboatError passes through. */
export function sharedTierError(tier: SharedTierName, endpoint: string, err: unknown, doing: string): LifeboatError {
  if (err instanceof LifeboatError) return err;
  const code = codeOf(err);
  const what = `${TIER_WORDS[tier]} at ${endpoint})`;
  const detail = err instanceof Error ? err.message : String(err);
  if (CONFIG[code]) return new LifeboatError('bad_request', `${what} ${CONFIG[code]} while ${doing}: ${detail}`, endpoint, { tier, code });
  if (UNREACHABLE.has(code) || code === '') {
    return new LifeboatError('unavailable', `${what} cannot be reached while ${doing}: ${code ? `${code} ` : ''}${detail}`.trim(), endpoint, { tier, code });
  }
  return new LifeboatError('unavailable', `${what} failed while ${doing}: ${code} ${detail}`, endpoint, { tier, code });
}
