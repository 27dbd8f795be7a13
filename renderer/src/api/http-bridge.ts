// Browser mode: the LifeboatBridge over the loopback server's HTTP API.
// Calls are POST /api/<channel>; events come from GET /api/events as text/event-stream.
import type { LifeboatBridge } from '../../../shared/api/bridge';
import { HTTP } from '../../../shared/api/bridge';
import type { ChannelName, EventName, LifeboatEvent, RequestOf, ResponseOf } from '../../../shared/api/contract';
import type { Result } from '../../../shared/result';
import { reconnectDelayMs, SseParser } from './sse';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'closed';

export interface StreamStatus {
  state: StreamState;
  /** Failed attempts since the stream was last live. */
  attempt: number;
  /** When the next reconnect attempt starts (epoch ms), while reconnecting. */
  retryAt: number | null;
  lastError: string | null;
}

export interface HttpBridgeOptions {
  token: string;
  /** Told whenever the event stream's state changes. */
  onStatus?: (status: StreamStatus) => void;
  /** Told when the server refuses the token (HTTP 401). */
  onUnauthorized?: () => void;
}

export interface HttpBridge extends LifeboatBridge {
  close(): void;
}

/** Sent to listeners after a reconnect: events may have been missed, so refetch everything. */
export const RESYNC_EVENT: LifeboatEvent<'state.changed'> = {
  name: 'state.changed',
  payload: { reason: 'reconnected', at: '', tables: [], rows: {}, auditSeq: null },
};

export function createHttpBridge(options: HttpBridgeOptions): HttpBridge {
  const auth = { Authorization: `Bearer ${options.token}` };
  const listeners = new Set<(event: LifeboatEvent) => void>();
  const abort = new AbortController();
  let started = false;

  const emit = (event: LifeboatEvent) => {
    for (const l of [...listeners]) l(event);
  };
  const status = (s: StreamStatus) => options.onStatus?.(s);

  async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    const where = `POST ${HTTP.channel(channel)}`;
    let response: Response;
    try {
      response = await fetch(HTTP.channel(channel), {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request ?? {}),
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch (e) {
      return unreachable(where, e);
    }
    if (response.status === 401) options.onUnauthorized?.();
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: `The server answered HTTP ${response.status} without a JSON result`, where },
      };
    }
    if (isResult(body)) return body as Result<ResponseOf<C>>;
    return { ok: false, error: { code: 'internal', message: `Unexpected response (HTTP ${response.status})`, where } };
  }

  async function stream(): Promise<void> {
    let attempt = 0;
    let everLive = false;
    while (!abort.signal.aborted) {
      status({ state: attempt === 0 && !everLive ? 'connecting' : 'reconnecting', attempt, retryAt: null, lastError: null });
      let lastError: string | null = null;
      try {
        const response = await fetch(HTTP.events, {
          headers: { ...auth, Accept: 'text/event-stream' },
          cache: 'no-store',
          signal: abort.signal,
        });
        if (response.status === 401) {
          status({ state: 'unauthorized', attempt, retryAt: null, lastError: 'HTTP 401' });
          options.onUnauthorized?.();
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        attempt = 0;
        status({ state: 'live', attempt: 0, retryAt: null, lastError: null });
        if (everLive) emit(RESYNC_EVENT);
        everLive = true;
        await read(response.body);
        lastError = 'the event stream ended';
      } catch (e) {
        if (abort.signal.aborted) break;
        lastError = e instanceof Error ? e.message : String(e);
      }
      attempt += 1;
      const delay = reconnectDelayMs(attempt);
      status({ state: 'reconnecting', attempt, retryAt: Date.now() + delay, lastError });
      await wait(delay, abort.signal);
    }
    status({ state: 'closed', attempt, retryAt: null, lastError: null });
  }

  async function read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) {
          let payload: unknown;
          try {
            payload = JSON.parse(message.data);
          } catch {
            continue; // a malformed event is dropped, the stream goes on
          }
          emit({ name: message.event as EventName, payload } as LifeboatEvent);
        }
      }
    } finally {
      reader.releaseLock();
    }
  }

  return {
    mode: 'browser',
    call,
    onEvent(listener) {
      listeners.add(listener);
      if (!started) {
        started = true;
        void stream();
      }
      return () => listeners.delete(listener);
    },
    close() {
      abort.abort();
    },
  };
}

function isResult(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const b = body as { ok: unknown; error?: unknown };
  if (b.ok === true) return true;
  return b.ok === false && typeof b.error === 'object' && b.error !== null;
}

function unreachable(where: string, e: unknown): Result<never> {
  const reason = e instanceof Error ? e.message : String(e);
  return {
    ok: false,
    error: {
      code: 'internal',
      message: `The console server cannot be reached (${reason}). Is \`lifeboat serve\` still running?`,
      where,
      details: { transport: 'unreachable' },
    },
  };
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
