// Window hardening: no navigation, no new windows, no permissions, and the CSP on every response.
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/bridge';

export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
