// What the Electron preload exposes to the renderer as `window.lifeboat`. Browser mode offers the
// same shape over HTTP (see renderer/src/api), so the renderer cannot tell the two apart.
import type { Result } from '../result';
import type { ChannelName, LifeboatEvent, RequestOf, ResponseOf } from './contract';

export interface LifeboatBridge {
  readonly mode: 'electron' | 'browser';
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: LifeboatEvent) => void): () => void;
}

/** The HTTP routes of browser mode. */
export const HTTP = {
  health: '/api/health',
  events: '/api/events',
  channel: (name: ChannelName) => `/api/${name}`,
} as const;

/** The Content-Security-Policy both the Electron window and browser mode send with the page. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
