// Where the shared tiers are, from the desk's settings (tiers.postgres.url, tiers.redis.url,
// tiers.firm) or the environment (LIFEBOAT_POSTGRES_URL, LIFEBOAT_REDIS_URL, LIFEBOAT_FIRM: they
// win, so a host can keep its credentials out of lifeboat.db). A URL carries a password: it is only
// ever shown as `location` (masked) or `endpoint` (host:port).
import { LifeboatError } from '../../../../shared/result';
import { checkSetting, settingSpec } from '../../../../shared/settings/catalog';
import { maskUrl } from '../../../../shared/settings/mask';
import { settingValue } from '../../settings/settings';

interface Settings {
  settings(): Record<string, unknown>;
}

export interface SharedEndpoint {
  /** The URL as configured, password included: for the client only, never shown. */
  url: string;
  /** host:port, for errors and status. */
  endpoint: string;
  /** The URL masked (password hidden), for status and the audit trail. */
  location: string;
}

export interface SharedTiersConfig {
  firm: string;
  postgres: SharedEndpoint | null;
  redis: SharedEndpoint | null;
  /** The bound of this firm's objects in Redis, in bytes. */
  redisMaxBytes: number;
  /** How long a desk's live status lives in Redis without a new heartbeat. */
  statusTtlSeconds: number;
}

export const DEFAULT_REDIS_MAX_BYTES = 64 * 1024 * 1024;
export const HEARTBEAT_SECONDS = 5;
export const STATUS_TTL_SECONDS = 3 * HEARTBEAT_SECONDS;

const ENV: Record<string, string> = { 'tiers.postgres.url': 'LIFEBOAT_POSTGRES_URL', 'tiers.redis.url': 'LIFEBOAT_REDIS_URL', 'tiers.firm': 'LIFEBOAT_FIRM' };

/** The value of `key`: the environment's (checked, an invalid one a bad_request naming the variable) or the setting's. */
function valueOf(store: Settings, key: string, env: NodeJS.ProcessEnv): unknown {
  const fromEnv = env[ENV[key]];
  if (fromEnv === undefined || fromEnv === '') return settingValue(store, key);
  const checked = checkSetting(settingSpec(key)!, fromEnv);
  if (!checked.ok) throw new LifeboatError('bad_request', `${ENV[key]}: ${checked.message}`, ENV[key]);
  return checked.value;
}

/** host:port of a URL (the default port of its scheme when it names none). */
export function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol.startsWith('redis') ? '6379' : '5432');
    return `${u.hostname}:${port}`;
  } catch {
    return maskUrl(url);
  }
}

const endpoint = (url: unknown): SharedEndpoint | null => (typeof url === 'string' && url !== '' ? { url, endpoint: endpointOf(url), location: maskUrl(url) } : null);

export function sharedTiersConfig(store: Settings, env: NodeJS.ProcessEnv = process.env): SharedTiersConfig {
  const firm = valueOf(store, 'tiers.firm', env);
  return {
    firm: typeof firm === 'string' ? firm : 'default',
    postgres: endpoint(valueOf(store, 'tiers.postgres.url', env)),
    redis: endpoint(valueOf(store, 'tiers.redis.url', env)),
    redisMaxBytes: DEFAULT_REDIS_MAX_BYTES,
    statusTtlSeconds: STATUS_TTL_SECONDS,
  };
}
