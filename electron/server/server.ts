// Browser mode: the same renderer and API on 127.0.0.1, guarded by a per-start token and
// Host/Origin checks. Channels are POST /api/<channel>; events stream over SSE.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { HTTP } from '../../shared/api/bridge';
import { HTTP_STATUS, LifeboatError, type ApiError, type Result } from '../../shared/result';
import type { Engine } from '../engine/engine';
import { requireChannel } from '../engine/api/validate';
import { explainError } from '../engine/store/io-errors';
import { hasToken, hostProblem } from './guards';
import { serveStatic } from './static-files';
import { bodyLimit } from '../engine/state-files/limits';

export interface ConsoleServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  port?: number;
  token?: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  version: string;
  /** How long a request body may pause before the request is answered 408 and closed. */
  bodyIdleMs?: number;
}

const HEARTBEAT_MS = 15_000;
const BODY_IDLE_MS = 15_000;
/** Headers must arrive within this (Node's default is a minute). */
const HEADERS_TIMEOUT_MS = 10_000;

/** A refusal with its own HTTP status (413, 408): answered, then the connection is closed. */
class Refused extends LifeboatError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('bad_request', message);
  }
}

export async function startConsoleServer(engine: Engine, options: ServeOptions): Promise<ConsoleServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  const streams = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!(err instanceof Refused)) return sendError(res, toApiError(err));
      // The rest of the body is not read: say so and close, rather than wait for it.
      res.setHeader('connection', 'close');
      res.once('finish', () => req.socket.end());
      sendError(res, err.toApiError(), err.status);
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    const problem = hostProblem(req, port);
    if (problem) return sendError(res, { code: 'bad_request', message: problem }, 403);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!path.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'bad_request', message: 'method not allowed' }, 405);
      return serveStatic(options.staticDir, path, res);
    }
    if (path === HTTP.health) return sendJson(res, 200, { ok: true, value: { status: 'ok', version: options.version } });
    if (!hasToken(req, token)) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendError(res, { code: 'unauthorized', message: 'missing or wrong token (open the URL that `lifeboat serve` printed)' }, 401);
    }
    if (path === HTTP.events) {
      if (req.method !== 'GET') return sendError(res, { code: 'bad_request', message: 'method not allowed' }, 405);
      return openEventStream(req, res);
    }
    if (req.method !== 'POST') return sendError(res, { code: 'bad_request', message: 'channels take POST' }, 405);
    const channel = requireChannel(path.slice('/api/'.length));
    const limit = bodyLimit(channel);
    const body = await readJson(req, channel, limit, options.bodyIdleMs ?? BODY_IDLE_MS);
    const value = await engine.call(channel, body);
    sendJson(res, 200, { ok: true, value } satisfies Result<unknown>);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const off = engine.events.subscribe((event) => {
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      off();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new LifeboatError('conflict', `port ${port} on 127.0.0.1 is already in use; pick another with --port`)
          : err,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The request body as JSON: refused by its declared length before reading when over `limit`, and
 * while reading once past it; answered 408 when it pauses longer than `idleMs`.
 */
async function readJson(req: IncomingMessage, channel: string, limit: number, idleMs: number): Promise<unknown> {
  const tooLarge = (n: number, verb: string) => new Refused(413, `${channel} takes a request body of at most ${limit} bytes; this one ${verb} ${n}`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(declared, 'declares');
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err: Error) => {
      req.setTimeout(0);
      req.removeAllListeners('data');
      reject(err);
    };
    req.setTimeout(idleMs, () => stop(new Refused(408, `the request body stopped arriving (nothing for ${idleMs} ms); send it whole`)));
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(tooLarge(size, 'sends at least'));
      chunks.push(chunk);
    });
    req.on('end', () => {
      req.setTimeout(0);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', stop);
  });
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new LifeboatError('bad_request', `request body is not valid JSON (${(err as Error).message})`);
  }
}

function toApiError(err: unknown): ApiError {
  if (err instanceof URIError) return { code: 'bad_request', message: 'the request path is not valid percent-encoding' };
  return explainError(err).toApiError();
}

function sendError(res: ServerResponse, error: ApiError, status = HTTP_STATUS[error.code]): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, { ok: false, error });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
