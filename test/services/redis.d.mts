// Types of redis.mjs for the TypeScript tests and setup.
export interface RedisServer {
  url: string;
  host: string;
  port: number;
  pid: number | null;
  dir: string;
  startMs: number;
}
export function defaultRedisDir(): string;
export function pingRedis(port: number): Promise<void>;
export function startRedis(dir?: string, options?: { port?: number; log?: (line: string) => void }): Promise<RedisServer>;
export function stopRedis(dir?: string): Promise<{ stopped: string[]; stopMs: number }>;
