// Real child processes for tests that kill: a TypeScript entry is bundled once with esbuild and
// run with plain node, so the child uses the same engine code as the product.
import { buildSync } from 'esbuild';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';

const bundles = new Map<string, string>();

export function bundleChild(entry: string): string {
  let out = bundles.get(entry);
  if (!out) {
    out = join(mkdtempSync(join(tmpdir(), 'lifeboat-child-')), basename(entry).replace(/\.ts$/, '.cjs'));
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, external: ['better-sqlite3'], logLevel: 'error', nodePaths: [join(process.cwd(), 'node_modules')] });
    bundles.set(entry, out);
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
