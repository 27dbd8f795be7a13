// The catalogue of bad HTTP requests against `lifeboat serve`'s server: each gets its status and a
// clear answer, never a stack trace, and none changes the state.
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { startConsoleServer, type ConsoleServer } from '../../electron/server/server';
import { closeCatalogueDesk, openCatalogueDesk, stateFingerprint } from './desk';
import { HTTP_CASES, type HttpCase } from './http-cases';

let engine: Engine;
let server: ConsoleServer;
beforeAll(async () => {
  engine = await openCatalogueDesk();
  const staticDir = join(engine.paths.dir, '..', 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Lifeboat</title>');
  server = await startConsoleServer(engine, { staticDir, version: 'catalogue' });
});
afterAll(async () => {
  await server.close();
  await closeCatalogueDesk(engine);
});

/** Sends the request as written (a raw socket: Host and paths go out exactly as the case has them). */
function send(c: HttpCase): Promise<{ status: number; body: string }> {
  const port = server.port;
  const headers = [`Host: ${(c.host ?? '127.0.0.1:{port}').replace('{port}', String(port))}`, 'Connection: close'];
  const auth = c.auth ?? 'good';
  if (auth === 'good') headers.push(`Authorization: Bearer ${server.token}`);
  else if (auth !== 'none') headers.push(`Authorization: ${auth}`);
  if (c.origin) headers.push(`Origin: ${c.origin.replace('{port}', String(port))}`);
  const body = c.body ?? '';
  if (c.body !== undefined) headers.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${c.method} ${c.path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n${body}`));
    let raw = '';
    socket.on('data', (d) => (raw += d));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
      resolve({ status, body: raw.slice(raw.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe.each(HTTP_CASES)('HTTP: $name', (c) => {
  it(`answers ${c.status} saying so, and changes nothing`, async () => {
    const before = stateFingerprint(engine);
    const r = await send(c);
    expect(r.status).toBe(c.status);
    expect(r.body.includes(c.fragment) || r.body.includes(JSON.stringify(c.fragment).slice(1, -1)), `${r.body.slice(0, 300)} does not say ${c.fragment}`).toBe(true);
    expect(r.body).not.toMatch(/\n\s+at |internal:/);
    expect(stateFingerprint(engine)).toEqual(before);
  });
});
