// Real child processes for tests that kill: a TypeScript entry is bundled once with esbuild and
// run with plain node, so the child uses the same engine code as the product.
import { buildSync, type BuildOptions } from 'esbuild';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { RUNTIME_EXTERNALS, WORKER_ENTRY } from './worker-pool';

const bundles = new Map<string, string>();

/**
 * `withWorker`: the engine's worker entry is bundled next to the child as worker.cjs (as
 * dist/worker.cjs sits next to dist/cli.cjs), for a child that starts a pool on it.
 * `codeCache`: the child starts from V8's code cache, for a child started hundreds of times.
 */
export function bundleChild(entry: string, options: { withWorker?: boolean; codeCache?: boolean } = {}): string {
  const key = `${entry}${options.withWorker ? '+worker' : ''}${options.codeCache ? ' cached' : ''}`;
  let out = bundles.get(key);
  if (!out) {
    out = join(mkdtempSync(join(tmpdir(), 'lifeboat-child-')), basename(entry).replace(/\.ts$/, '.cjs'));
    const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', external: RUNTIME_EXTERNALS, logLevel: 'error', nodePaths: [join(process.cwd(), 'node_modules')] };
    buildSync({ ...common, entryPoints: [entry], outfile: out });
    if (options.withWorker) buildSync({ ...common, entryPoints: [WORKER_ENTRY], outfile: join(dirname(out), 'worker.cjs') });
    if (options.codeCache) out = cachedLoader(out);
    bundles.set(key, out);
  }
  return out;
}

/**
 * A script that runs `bundle` with V8's code cache for it, written by the first child that runs
 * it: a test that starts a child hundreds of times spares each one compiling the engine again.
 */
function cachedLoader(bundle: string): string {
  const loader = bundle.replace(/\.cjs$/, '.cached.cjs');
  writeFileSync(
    loader,
    `'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');
const file = ${JSON.stringify(bundle)};
const cache = file + '.v8-cache';
let cachedData;
try { cachedData = readFileSync(cache); } catch {}
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
const mod = new Module(file, null);
mod.filename = file;
mod.paths = Module._nodeModulePaths(dirname(file));
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
if (cachedData === undefined || script.cachedDataRejected) {
  const temp = cache + '.' + process.pid;
  writeFileSync(temp, script.createCachedData());
  renameSync(temp, cache);
}
`,
  );
  return loader;
}

export interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Resolves with the first stdout line that matches. */
  line(match: (line: string) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every stdout line so far; complete once `closed` resolves. */
  lines: readonly string[];
  /** Resolves once the child has exited and its output is all read. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function startChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env, NODE_PATH: join(process.cwd(), 'node_modules') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const waiting: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  const seen: string[] = [];
  createInterface({ input: proc.stdout }).on('line', (l) => {
    seen.push(l);
    for (const w of [...waiting]) {
      if (w.match(l)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: proc,
    lines: seen,
    closed,
    stderr: () => stderr,
    line: (match) =>
      new Promise((resolve, reject) => {
        const found = seen.find(match);
        if (found) return resolve(found);
        waiting.push({ match, resolve });
        exited.then(({ code, signal }) => reject(new Error(`child exited (${code ?? signal}) before the line; stderr: ${stderr}`)));
      }),
    exited,
  };
}
