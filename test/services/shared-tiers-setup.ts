// vitest globalSetup of the `shared-tiers` project (vitest.config.ts): starts the run's Redis and
// PostgreSQL once with the project's own scripts (test/services/redis.mjs, postgres.mjs), hands
// their addresses to the tests (inject('redis'), inject('postgres'), see test/support/shared-tiers.ts)
// and stops both by their pids afterwards. A test that stops a server mid-operation starts its own.
import type { TestProject } from 'vitest/node';
import { startPostgres, stopPostgres } from './postgres.mjs';
import { startRedis, stopRedis } from './redis.mjs';

export interface RedisServerInfo {
  url: string;
  host: string;
  port: number;
}

export interface PostgresServerInfo {
  /** The superuser's URL (password included): for setting up roles and schemas in tests. */
  url: string;
  host: string;
  port: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    redis: RedisServerInfo;
    postgres: PostgresServerInfo;
  }
}

const log = (line: string) => process.stderr.write(`shared tiers: ${line}\n`);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [redis, postgres] = await Promise.all([startRedis(undefined, { log }), startPostgres(undefined, { log })]);
  project.provide('redis', { url: redis.url, host: redis.host, port: redis.port });
  project.provide('postgres', { url: postgres.url, host: postgres.host, port: postgres.port });
  return async () => {
    await Promise.all([stopRedis(), stopPostgres()]);
  };
}
