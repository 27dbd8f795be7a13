// The esbuild options every Node bundle of Lifeboat shares (CLI, Electron main, worker, benches):
// CommonJS for Node 20, native and Electron modules left to require at run time.
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
    external: ['electron', 'better-sqlite3'],
    define: { LIFEBOAT_VERSION: JSON.stringify(version) },
    absWorkingDir: root,
  };
}
