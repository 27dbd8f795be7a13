// What an alert is sent to in the tests: a loopback port nothing listens on, and a real command
// (node running a script that writes its stdin to a file). The alerts and escalation tests share them.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './temp-state';

/** A port nothing listens on: a server's, once it is closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** A real alert command's parts: node, a script that writes its stdin to `out`, and `out` (the caller makes the command line). */
export function stdinToFile(names: { script: string; out: string } = { script: 'alert.js', out: 'payload.json' }): { node: string; script: string; out: string } {
  const dir = tempDir();
  const script = join(dir, names.script);
  writeFileSync(script, "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>require('fs').writeFileSync(process.argv[2],s));");
  return { node: process.execPath, script, out: join(dir, names.out) };
}
