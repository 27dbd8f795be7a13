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

export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const base = resolve(root);
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  let file = resolve(join(base, relative || 'index.html'));
  if (file !== base && !file.startsWith(base + sep)) return notFound(res);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    if (!existsSync(join(base, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The console has not been built. Run `npm run build`.\n');
      return;
    }
    return notFound(res);
  }
  const isHtml = extname(file) === '.html';
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': isHtml ? 'no-store' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found\n');
}
