import { request as httpRequest } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { startConsoleServer, type ConsoleServer } from '../../electron/server/server';
import { tempDir } from '../support/temp-state';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, opts: { method?: string; host?: string; token?: string; body?: string; origin?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: opts.host ?? `127.0.0.1:${port}` };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.origin) headers.origin = opts.origin;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const req = httpRequest({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

let engine: Engine | null = null;
let server: ConsoleServer | null = null;

afterEach(async () => {
  await server?.close();
  await engine?.close();
  server = null;
  engine = null;
});

async function start(): Promise<ConsoleServer> {
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Lifeboat</title>');
  engine = Engine.open({ stateDir: join(tempDir(), 'state'), mode: 'write', purpose: 'test serve', create: true });
  engine.store.putAccount({ accountId: 'ACC-1', name: 'Main', broker: 'Alpaca', kind: 'equities', accountType: 'cash', baseCurrency: 'USD', createdAt: '2026-11-20T00:00:00.000Z' });
  server = await startConsoleServer(engine, { staticDir, version: 'test' });
  return server;
}

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only', async () => {
    const s = await start();
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/`);
  });

  it('answers health without a token', async () => {
    const s = await start();
    const r = await send(s.port, '/api/health');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { status: 'ok', version: 'test' } });
  });

  it('answers 401 on every other /api/ route without the token, or with a wrong one', async () => {
    const s = await start();
    for (const path of ['/api/desk.status', '/api/events', '/api/accounts.list', '/api/nonexistent']) {
      expect((await send(s.port, path, { method: 'POST', body: '{}' })).status).toBe(401);
    }
    expect((await send(s.port, '/api/desk.status', { method: 'POST', body: '{}', token: 'x' + s.token })).status).toBe(401);
  });

  it('answers a static path with malformed percent-encoding with 400, naming the problem, not 500', async () => {
    const s = await start();
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/%']) {
      const r = await send(s.port, path);
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body).error.message, path).toMatch(/not valid percent-encoding/);
    }
  });

  it('answers 200 with the token', async () => {
    const s = await start();
    const r = await send(s.port, '/api/accounts.list', { method: 'POST', body: '{}', token: s.token });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).value[0].accountId).toBe('ACC-1');
  });

  it('refuses a request whose Host is not the loopback address and port (DNS rebinding)', async () => {
    const s = await start();
    for (const host of ['evil.example:' + s.port, `127.0.0.1:${s.port + 1}`, '127.0.0.1']) {
      const r = await send(s.port, '/api/health', { host });
      expect(r.status, host).toBe(403);
      expect(JSON.parse(r.body).error.message).toMatch(/is not this console/);
    }
    expect((await send(s.port, '/', { host: 'attacker.test' })).status).toBe(403);
  });

  it('refuses a cross-origin request even with the token', async () => {
    const s = await start();
    const r = await send(s.port, '/api/accounts.list', { method: 'POST', body: '{}', token: s.token, origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });

  it('answers 400 naming the field for a payload of the wrong shape', async () => {
    const s = await start();
    const r = await send(s.port, '/api/orders.list', { method: 'POST', body: '{"limit":"lots"}', token: s.token });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'bad_request', where: 'orders.list limit' });
    const extra = await send(s.port, '/api/desk.status', { method: 'POST', body: '{"surprise":1}', token: s.token });
    expect(extra.status).toBe(400);
    const notJson = await send(s.port, '/api/desk.status', { method: 'POST', body: '{nope', token: s.token });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/);
  });

  it('answers 404 for an unknown channel and 405 for GET on a channel', async () => {
    const s = await start();
    expect((await send(s.port, '/api/drop.tables', { method: 'POST', body: '{}', token: s.token })).status).toBe(404);
    expect((await send(s.port, '/api/desk.status', { token: s.token })).status).toBe(405);
  });

  it('serves the renderer with a Content-Security-Policy and never a file outside it', async () => {
    const s = await start();
    const page = await send(s.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect((await send(s.port, '/../../../../etc/passwd')).status).toBe(404);
    expect((await send(s.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('streams state.changed events to a client holding the token', async () => {
    const s = await start();
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: s.port, path: '/api/events', headers: { host: `127.0.0.1:${s.port}`, authorization: `Bearer ${s.token}` } },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let buffer = '';
          res.on('data', (d) => {
            buffer += d;
            if (buffer.includes(': connected')) engine!.events.emit('state.changed', { reason: 'test', at: 'now', tables: ['orders'], rows: { orders: null }, auditSeq: null });
            const m = /event: state.changed\ndata: (.*)\n\n/.exec(buffer);
            if (m) {
              resolve(m[1]);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(await received)).toMatchObject({ reason: 'test', tables: ['orders'] });
  });
});
