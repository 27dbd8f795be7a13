// `npm run bench -- <name> [args...]`: bundles bench/<name>.ts with esbuild (the same node/cjs
// setup as build/build.mjs) into dist/bench/<name>.cjs and runs it with node, passing the args on.
// Node's own profiling flags (--cpu-prof, --cpu-prof-dir=..., --heap-prof, --inspect...) given
// anywhere on the line go to node, not to the bench. Node always gets --expose-gc, so a bench can
// collect garbage between timed samples.
import { build as esbuild } from 'esbuild';
import { nodeBundleOptions } from './node-bundle.mjs';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');

/** Every bench: a .ts file directly in bench/ (helpers live in bench/lib/). */
function benches() {
  if (!existsSync(benchDir)) return [];
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

const NODE_FLAGS = /^--(cpu-prof|heap-prof|inspect|max-old-space-size|prof$)/;
const argv = process.argv.slice(2);
const nodeArgs = argv.filter((a) => NODE_FLAGS.test(a));
const rest = argv.filter((a) => !NODE_FLAGS.test(a));
const name = rest[0];
const available = benches();

if (!name || name === '--help' || name === '-h') {
  process.stderr.write(`usage: npm run bench -- <name> [args...]\nbenches: ${available.join(', ') || '(none)'}\n`);
  process.exit(name ? 0 : 2);
}
if (!available.includes(name)) {
  process.stderr.write(`bench: unknown bench "${name}"; available: ${available.join(', ') || '(none)'}\n`);
  process.exit(2);
}

const outfile = join(root, 'dist', 'bench', `${name}.cjs`);
try {
  await Promise.all([
    esbuild({
      ...nodeBundleOptions(root),
      // The live-view bench drives the browser with playwright-core, required from node_modules.
      external: [...nodeBundleOptions(root).external, 'playwright-core'],
      entryPoints: [join('bench', `${name}.ts`)],
      outfile,
    }),
    // The engine's one worker entry, next to the bench as dist/worker.cjs is next to the CLI: a
    // bench that starts the worker pool finds it there (join(__dirname, 'worker.cjs')).
    esbuild({ ...nodeBundleOptions(root), entryPoints: ['electron/engine/workers/worker.ts'], outfile: join(root, 'dist', 'bench', 'worker.cjs') }),
  ]);
} catch (err) {
  process.stderr.write(`bench: could not build bench/${name}.ts: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}

const child = spawn(process.execPath, ['--enable-source-maps', '--expose-gc', ...nodeArgs, outfile, ...rest.slice(1)], {
  stdio: 'inherit',
  cwd: process.cwd(),
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  if (signal) process.stderr.write(`bench: ${name} ended by ${signal}\n`);
  process.exit(code ?? 1);
});
