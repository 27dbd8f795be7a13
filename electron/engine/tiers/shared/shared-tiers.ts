// The shared tiers a desk is configured for, opened together: PostgreSQL (warm + catalog) and
// Redis (hot + live status), either or both or neither. Clients connect lazily, so opening costs
// nothing until the first operation; close() lets the process exit.
import type { DeskContext } from '../../runtime/context';
import { sharedTiersConfig, type SharedTiersConfig } from './config';
import { PostgresTier } from './postgres-tier';
import { RedisTier } from './redis-tier';

export interface SharedTiers {
  config: SharedTiersConfig;
  postgres: PostgresTier | null;
  redis: RedisTier | null;
  close(): Promise<void>;
}

export function openSharedTiers(config: SharedTiersConfig): SharedTiers {
  const postgres = config.postgres ? new PostgresTier(config.postgres, config.firm) : null;
  const redis = config.redis ? new RedisTier(config.redis, config.firm, config.redisMaxBytes) : null;
  return {
    config,
    postgres,
    redis,
    async close() {
      await Promise.all([postgres?.close(), redis?.close()]);
    },
  };
}

/** The desk's shared tiers from its settings and environment; null when none is configured. */
export function sharedTiersOf(desk: Pick<DeskContext, 'store'>, env: NodeJS.ProcessEnv = process.env): SharedTiers | null {
  const config = sharedTiersConfig(desk.store, env);
  return config.postgres || config.redis ? openSharedTiers(config) : null;
}
