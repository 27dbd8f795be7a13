// Browser-mode request guards: loopback Host and Origin (against DNS rebinding), and the token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** A request must name this server by its loopback address and port. */
export function hostProblem(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host;
  if (!host) return 'the request has no Host header';
  if (!allowedHosts(port).has(host.toLowerCase())) return `Host "${host}" is not this console (expected 127.0.0.1:${port})`;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const allowed = [...allowedHosts(port)].map((h) => `http://${h}`);
    if (!allowed.includes(origin.toLowerCase())) return `Origin "${origin}" is not this console`;
  }
  return null;
}

export function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
