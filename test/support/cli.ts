// Runs the built CLI (`npm run build` first, as `npm test` does) as a real process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const CLI = join(process.cwd(), 'bin', 'lifeboat.cjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function lifeboat(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  if (!existsSync(join(process.cwd(), 'dist', 'cli.cjs'))) throw new Error('the CLI is not built: run `npm run build`');
  const env = options.env ? { ...process.env, ...options.env } : undefined;
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: options.input, env, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function lifeboatJson<T = any>(args: string[]): T {
  const r = lifeboat([...args, '--json']);
  if (r.code !== 0) throw new Error(`lifeboat ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export interface Served {
  url: string;
  port: number;
  token: string;
  pid: number;
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `lifeboat serve --json` and resolves once it prints its URL line. */
export function serve(stateDir: string): Promise<Served> {
  const proc = spawn(process.execPath, [CLI, 'serve', '--state', stateDir, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout }).once('line', (line) => {
      const info = JSON.parse(line) as { url: string; port: number; token: string };
      resolve({
        ...info,
        pid: proc.pid!,
        exited,
        stop: () => {
          proc.kill('SIGTERM');
          return exited;
        },
      });
    });
    exited.then((code) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
  });
}

/** Calls a channel on a served console. */
export async function api<T = any>(s: Served, channel: string, body: unknown = {}): Promise<{ status: number; body: T }> {
  const r = await fetch(`http://127.0.0.1:${s.port}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as T };
}

/** Resolves with the payload of the first server-sent event with this name. */
export async function nextEvent<T = any>(s: Served, name: string, onOpen?: () => void): Promise<T> {
  const controller = new AbortController();
  const r = await fetch(`http://127.0.0.1:${s.port}/api/events`, { headers: { authorization: `Bearer ${s.token}` }, signal: controller.signal });
  const decoder = new TextDecoder();
  let buffer = '';
  let opened = false;
  try {
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      if (!opened && buffer.includes(': connected')) {
        opened = true;
        onOpen?.();
      }
      const re = new RegExp(`event: ${name.replace('.', '\\.')}\\ndata: (.*)\\n\\n`);
      const m = re.exec(buffer);
      if (m) return JSON.parse(m[1]) as T;
    }
  } finally {
    controller.abort();
  }
  throw new Error(`event stream ended before ${name}`);
}
