// The esbuild options every Node bundle of Lifeboat shares (CLI, Electron main, worker, benches):
// CommonJS for Node 20, native and Electron modules left to require at run time, and piscina (it
// starts its threads from its own worker.js, found next to its own files).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function nodeBundleOptions(root) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'piscina'],
    define: { LIFEBOAT_VERSION: JSON.stringify(version) },
    absWorkingDir: root,
  };
}
