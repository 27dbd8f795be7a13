// Builds everything `npm start`, `npx lifeboat` and the tests run: the CLI, the Electron main
// process and preload (esbuild), and the renderer (Vite). Runs on `npm install` (prepare).
import { build as esbuild } from 'esbuild';
import { nodeBundleOptions } from './node-bundle.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--no-renderer') ? 'node' : 'all';

const common = nodeBundleOptions(root);

const started = Date.now();
await Promise.all([
  esbuild({ ...common, entryPoints: ['electron/cli/main.ts'], outfile: 'dist/cli.cjs' }),
  esbuild({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/main/main.cjs' }),
  // The one worker entry: the engine's pool threads run it (layer packing, broker-file parsing,
  // verify, export), so that work never stalls the console. See electron/engine/workers/.
  esbuild({ ...common, entryPoints: ['electron/engine/workers/worker.ts'], outfile: 'dist/worker.cjs' }),
  // A sandboxed preload may require only `electron`: bundle everything else in.
  esbuild({ ...common, entryPoints: ['electron/main/preload.ts'], outfile: 'dist/main/preload.cjs', platform: 'browser', format: 'cjs' }),
]);
if (only === 'all') {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', root: join(root, 'renderer') });
}
console.log(`lifeboat: built in ${Date.now() - started} ms`);
