// Serves the built renderer; never a file outside its folder.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/bridge';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** What a URL path of the renderer names: a file inside `root` and its type, or why not. */
export type StaticFile = { file: string; type: string; html: boolean } | { missing: 'not_found' | 'not_built' };

/**
 * Resolves a URL path to a file of the built renderer, never outside `root`: `..`, encoded
 * separators and absolute paths all end inside it or nowhere. Throws URIError on malformed
 * percent-encoding (the caller answers 400).
 */
export function resolveStaticFile(root: string, urlPath: string): StaticFile {
  const base = resolve(root);
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  let file = resolve(join(base, relative || 'index.html'));
  if (file !== base && !file.startsWith(base + sep)) return { missing: 'not_found' };
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return { missing: existsSync(join(base, 'index.html')) ? 'not_found' : 'not_built' };
  return { file, type: TYPES[extname(file)] ?? 'application/octet-stream', html: extname(file) === '.html' };
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const found = resolveStaticFile(root, urlPath);
  if ('missing' in found) {
    if (found.missing === 'not_found') return notFound(res);
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The console has not been built. Run `npm run build`.\n');
    return;
  }
  res.writeHead(200, {
    'content-type': found.type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': found.html ? 'no-store' : 'public, max-age=3600',
  });
  createReadStream(found.file).pipe(res);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found\n');
}
