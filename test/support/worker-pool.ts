// The engine's worker pool with its real bundled worker, for tests that must run tasks on threads
// (elsewhere tests run the TypeScript, and tasks inline). The worker entry is bundled once per
// test file with esbuild, as build/build.mjs bundles dist/worker.cjs, under the repository's
// .tmp/ so the thread finds better-sqlite3 and piscina in node_modules as the product does.
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerPool, type WorkerPoolOptions } from '../../electron/engine/workers/pool';

export const WORKER_ENTRY = 'electron/engine/workers/worker.ts';
/** What build/node-bundle.mjs leaves to require at run time. */
export const RUNTIME_EXTERNALS = ['electron', 'better-sqlite3', 'piscina'];

let script: string | null = null;

/** dist/worker.cjs as the build makes it, bundled fresh from the sources. */
export function bundledWorker(): string {
  if (!script) {
    const parent = join(process.cwd(), '.tmp', 'test-bundles');
    mkdirSync(parent, { recursive: true });
    script = join(mkdtempSync(join(parent, 'worker-')), 'worker.cjs');
    buildSync({ entryPoints: [WORKER_ENTRY], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: script, external: RUNTIME_EXTERNALS, logLevel: 'error' });
  }
  return script;
}

const pools: WorkerPool[] = [];

/** A pool on the bundled worker; `closePools` (in afterEach or afterAll) ends its threads. */
export function threadedPool(options: Omit<WorkerPoolOptions, 'script'> = {}): WorkerPool {
  const pool = new WorkerPool({ ...options, script: bundledWorker() });
  if (!pool.threaded) throw new Error('the bundled worker is missing');
  pools.push(pool);
  return pool;
}

export async function closePools(): Promise<void> {
  await Promise.all(pools.splice(0).map((p) => p.close()));
}
