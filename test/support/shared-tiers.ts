// The run's Redis and PostgreSQL (started by the `shared-tiers` project's globalSetup,
// test/services/shared-tiers-setup.ts), and firms on them: each with its own PostgreSQL role owning
// its schema and its own Redis ACL user limited to its key prefix, as a firm's desks would get.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { queryPostgres } from '../services/postgres.mjs';
import type { PostgresServerInfo, RedisServerInfo } from '../services/shared-tiers-setup';

export function servers(): { redis: RedisServerInfo; postgres: PostgresServerInfo } {
  const redis = inject('redis');
  const postgres = inject('postgres');
  if (!redis || !postgres) throw new Error('this test file needs Redis and PostgreSQL: list it in SHARED_TIER_TESTS in vitest.config.ts');
  return { redis, postgres };
}

export interface Firm {
  firm: string;
  password: string;
  postgresUrl: string;
  redisUrl: string;
}

/** A superuser query on a PostgreSQL server (the run's, or another test's own). */
export const adminQuery = (sql: string, url = servers().postgres.url) => queryPostgres(url, sql);

/** A new firm with a unique name: its role and schema in PostgreSQL, its ACL user in Redis. */
export async function makeFirm(label: string, on: { postgresUrl?: string; redisUrl?: string } = {}): Promise<Firm> {
  const s = servers();
  const pgAdmin = on.postgresUrl ?? s.postgres.url;
  const redisAdmin = on.redisUrl ?? s.redis.url;
  const firm = `${label}_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await adminQuery(`CREATE ROLE firm_${firm} LOGIN PASSWORD '${password}'`, pgAdmin);
  await adminQuery(`CREATE SCHEMA lifeboat_${firm} AUTHORIZATION firm_${firm}`, pgAdmin);
  await grantRedis(firm, password, redisAdmin);
  const pg = new URL(pgAdmin);
  const r = new URL(redisAdmin);
  return {
    firm,
    password,
    postgresUrl: `postgres://firm_${firm}:${password}@${pg.host}/postgres`,
    redisUrl: `redis://firm_${firm}:${password}@${r.host}`,
  };
}

/** The firm's Redis ACL user, limited to its key prefix and channels (again after a restart: runtime ACLs are not kept). */
export async function grantRedis(firm: string, password: string, redisAdmin = servers().redis.url): Promise<void> {
  const redis = new Redis(redisAdmin);
  try {
    await redis.call('ACL', 'SETUSER', `firm_${firm}`, 'on', `>${password}`, 'resetkeys', `~lb:${firm}:*`, 'resetchannels', `&lb:${firm}:*`, '+@all', '-@dangerous');
  } finally {
    redis.disconnect();
  }
}

/** The settings env of a desk of `firm` (what LIFEBOAT_* a host would set). */
export const firmEnv = (firm: Firm, overrides: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  LIFEBOAT_FIRM: firm.firm,
  LIFEBOAT_POSTGRES_URL: firm.postgresUrl,
  LIFEBOAT_REDIS_URL: firm.redisUrl,
  ...overrides,
});
