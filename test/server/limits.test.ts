// The server's limits (#15 points 11 and 13): a body is refused by its declared size before it is
// read — file-carrying channels up to what this process can parse, every other channel 1 MB — and
// a request whose body stops arriving is answered 408 and closed rather than waited on forever.
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { BROKER_FILE_LIMIT_BYTES, bodyLimit, SMALL_BODY_BYTES, STATE_FILE_LIMIT_BYTES } from '../../electron/engine/state-files/limits';
import { startConsoleServer, type ConsoleServer } from '../../electron/server/server';
import { tempDir } from '../support/temp-state';

let engine: Engine | null = null;
let server: ConsoleServer | null = null;
afterEach(async () => {
  await server?.close();
  await engine?.close();
  server = null;
  engine = null;
});

async function start(bodyIdleMs?: number): Promise<ConsoleServer> {
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  engine = Engine.open({ stateDir: join(tempDir(), 'state'), mode: 'write', purpose: 'test', create: true });
  server = await startConsoleServer(engine, { staticDir, version: 'test', bodyIdleMs });
  return server;
}

/** Declares `length` bytes and sends only `sent`; resolves with the status and when the server closed. */
function declare(s: ConsoleServer, channel: string, length: number, sent = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: s.port, path: `/api/${channel}`, method: 'POST', headers: { host: `127.0.0.1:${s.port}`, authorization: `Bearer ${s.token}`, 'content-type': 'application/json', 'content-length': length } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.write(sent);
  });
}

describe('server limits', () => {
  it('refuses a body larger than its channel takes by its declared length, before reading it', async () => {
    const s = await start();
    const small = await declare(s, 'accounts.list', SMALL_BODY_BYTES + 1);
    expect(small.status).toBe(413);
    expect(JSON.parse(small.body).error.message).toBe(`accounts.list takes a request body of at most ${SMALL_BODY_BYTES} bytes; this one declares ${SMALL_BODY_BYTES + 1}`);
    const file = await declare(s, 'state.import', STATE_FILE_LIMIT_BYTES + 1);
    expect(file.status).toBe(413);
    expect(JSON.parse(file.body).error.message).toMatch(/^state\.import takes a request body of at most \d+ bytes/);
    // A broker file may be larger than a state file: its importers stream (a 100 MB snapshot is read).
    expect(bodyLimit('reconcile.run')).toBeGreaterThan(BROKER_FILE_LIMIT_BYTES);
    const broker = await declare(s, 'reconcile.run', bodyLimit('reconcile.run') + 1);
    expect(broker.status).toBe(413);
  });

  it('answers 408 to a body that stops arriving, and closes the connection', async () => {
    const s = await start(200);
    const r = await declare(s, 'state.import', 1000, '{"fileName": "x.json", "content": "');
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body).error.message).toBe('the request body stopped arriving (nothing for 200 ms); send it whole');
  });

  it('a state-file limit this process can honour: at most 200 MB, and no more than its heap can parse', () => {
    expect(STATE_FILE_LIMIT_BYTES).toBeLessThanOrEqual(200_000_000);
    expect(STATE_FILE_LIMIT_BYTES).toBeGreaterThanOrEqual(16_000_000);
  });

  it('still answers a request sent in pieces within the idle time', async () => {
    const s = await start(2000);
    const body = JSON.stringify({});
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(s.port, '127.0.0.1', () => {
        socket.write(`POST /api/accounts.list HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAuthorization: Bearer ${s.token}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
        socket.write(body.slice(0, 1));
        setImmediate(() => socket.end(body.slice(1)));
      });
      let out = '';
      socket.on('data', (d) => (out += d));
      socket.on('end', () => resolve(out));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
  });
});
