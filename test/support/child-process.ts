// Real child processes for tests that kill: a TypeScript entry is bundled once with esbuild and
// run with plain node, so the child uses the same engine code as the product.
import { buildSync, type BuildOptions } from 'esbuild';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { RUNTIME_EXTERNALS, WORKER_ENTRY } from './worker-pool';

const bundles = new Map<string, string>();

/**
 * `withWorker`: the engine's worker entry is bundled next to the child as worker.cjs (as
 * dist/worker.cjs sits next to dist/cli.cjs), for a child that starts a pool on it.
 */
export function bundleChild(entry: string, options: { withWorker?: boolean } = {}): string {
  const key = `${entry}${options.withWorker ? '+worker' : ''}`;
  let out = bundles.get(key);
  if (!out) {
    out = join(mkdtempSync(join(tmpdir(), 'lifeboat-child-')), basename(entry).replace(/\.ts$/, '.cjs'));
    const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', external: RUNTIME_EXTERNALS, logLevel: 'error', nodePaths: [join(process.cwd(), 'node_modules')] };
    buildSync({ ...common, entryPoints: [entry], outfile: out });
    if (options.withWorker) buildSync({ ...common, entryPoints: [WORKER_ENTRY], outfile: join(dirname(out), 'worker.cjs') });
    bundles.set(key, out);
  }
  return out;
}

export interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Resolves with the first stdout line that matches. */
  line(match: (line: string) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
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
  return {
    process: proc,
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
