// Which IPC requests the engine answers: only those from our window's top frame, showing our own
// page. A subframe (an iframe the page never has, or one injected) or another window is refused.
// Plain shapes, not Electron's classes, so the rule is tested without the Electron runtime.

export interface SenderLike {
  sender: unknown;
  senderFrame: { url: string } | null;
}

export interface WindowLike {
  webContents: unknown;
  mainFrame: unknown;
}

/** Where the page is served from: the app's privileged scheme (see app-scheme.ts). */
export const APP_SCHEME = 'lifeboat';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for a URL of our own page (scheme and host compared, as a custom scheme's origin is opaque to Node). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

export function isTrustedSender(event: SenderLike, window: WindowLike): boolean {
  if (event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame === window.mainFrame && isAppUrl(frame.url);
}
