// Types of postgres.mjs for the TypeScript tests and setup.
export interface PostgresServer {
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  pid: number | null;
  dir: string;
  startMs: number;
}
export const ADMIN: { user: string; password: string };
export function defaultPostgresDir(): string;
export function queryPostgres(url: string, sql?: string): Promise<Record<string, unknown>[]>;
export function startPostgres(dir?: string, options?: { port?: number; log?: (line: string) => void }): Promise<PostgresServer>;
export function stopPostgres(dir?: string): Promise<{ stopped: string[]; stopMs: number }>;
