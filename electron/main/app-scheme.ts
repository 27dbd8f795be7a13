// The page is served from lifeboat://app/, a privileged standard scheme, not file://: a file: page
// can read any file the user can, and its origin is shared with every other local file. The
// handler serves the built renderer only (resolveStaticFile never leaves its folder), with the CSP.
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/bridge';
import { resolveStaticFile } from '../server/static-files';
import { APP_HOST, APP_SCHEME } from './trusted-sender';

/** Before the app is ready: the scheme is standard (origins, relative URLs) and secure (like https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Once ready: answers lifeboat://app/<path> from `rendererDir`, 404 for anything else. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('not found', { status: 404 });
    let found;
    try {
      found = resolveStaticFile(rendererDir, url.pathname);
    } catch {
      return new Response('malformed path', { status: 400 });
    }
    if ('missing' in found) return new Response(found.missing === 'not_built' ? 'The console has not been built.' : 'not found', { status: found.missing === 'not_built' ? 503 : 404 });
    const file = await net.fetch(pathToFileURL(found.file).href);
    return new Response(file.body, { status: 200, headers: { 'content-type': found.type, 'content-security-policy': CONTENT_SECURITY_POLICY } });
  });
}
