// Serving a state folder for a bench: `lifeboat serve` as a child process on a free port, and
// calls to its API as a browser or a script makes them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CLI = join(resolve(__dirname, '..', '..'), 'bin', 'lifeboat.cjs');

export interface Served {
  url: string;
  origin: string;
  token: string;
  server: ChildProcess;
}

export function serve(stateDir: string): Promise<Served> {
  const server = spawn(process.execPath, [CLI, 'serve', '--state', stateDir, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    server.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    server.once('exit', (code) => rej(new Error(`lifeboat serve exited with ${code}: ${err}`)));
    server.stdout!.on('data', function onData(d: Buffer) {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      server.stdout!.off('data', onData);
      server.removeAllListeners('exit');
      const line = JSON.parse(out.slice(0, nl)) as { url: string; token: string };
      res({ url: line.url, origin: new URL(line.url).origin, token: line.token, server });
    });
  });
}

export async function call<T>(s: Served, channel: string, request: unknown): Promise<T> {
  const r = await fetch(`${s.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    body: JSON.stringify(request),
  });
  const body = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}


/**
 * The desk a run serves, in `stateDir`: a copy of `state` when given (every run starts from the
 * same desk, as the run trades on it), else a demo desk built with the CLI.
 */
export function prepareDesk(stateDir: string, opts: { state: string | null; size: string; seed: number }, say: (line: string) => void): void {
  if (opts.state && existsSync(opts.state)) {
    say(`copying ${opts.state}…`);
    cpSync(opts.state, stateDir, { recursive: true });
    return;
  }
  say(`building the ${opts.size} demo desk in ${stateDir}…`);
  const made = spawnSync(process.execPath, [CLI, 'demo', '--state', stateDir, '--size', opts.size, '--seed', String(opts.seed), '--json'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`lifeboat demo failed: ${made.stderr}`);
}
