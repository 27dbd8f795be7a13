// Sends a broker file to reconcile.inspect or reconcile.run without stalling the window: a worker
// reads the file (and in browser mode encodes and uploads it with progress); the page only hears
// progress. Where a worker cannot start, the file is read with File.text() and sent as a plain call.
import { HTTP } from '../../../../../shared/api/bridge';
import type { RequestOf, ResponseOf } from '../../../../../shared/api/contract';
import { api } from '../../../api/client';
import { ApiCallError, asCallError } from '../../../api/errors';
import { forgetToken, TOKEN_STORAGE_KEY } from '../../../api/token';
import { useConnection } from '../../../stores/connection';
import type { Transfer, WorkerJob, WorkerReply } from './protocol';

export type FileChannel = 'reconcile.inspect' | 'reconcile.run';
export type FileRequest<C extends FileChannel> = Omit<RequestOf<C>, 'content'>;

export interface Sending<T> {
  done: Promise<T>;
  cancel(): void;
}

function browserToken(): string | null {
  if (api.mode !== 'browser') return null;
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function startWorker(): Worker | null {
  try {
    return new Worker(new URL('./file-worker.ts', import.meta.url), { type: 'module', name: 'broker-file' });
  } catch {
    return null;
  }
}

function isResult(body: unknown): body is { ok: true; value: unknown } | { ok: false; error: { code: ApiCallError['code']; message: string; where?: string } } {
  return typeof body === 'object' && body !== null && 'ok' in body;
}

export function sendFile<C extends FileChannel>(
  channel: C,
  file: File,
  request: FileRequest<C>,
  onTransfer: (t: Transfer) => void,
): Sending<ResponseOf<C>> {
  let cancelled = false;
  let worker: Worker | null = null;
  let rejectNow: (e: ApiCallError) => void = () => undefined;

  const plainCall = async (text: string): Promise<ResponseOf<C>> => {
    onTransfer({ phase: 'process', loaded: file.size, total: file.size });
    return api.call(channel, { ...request, content: text } as RequestOf<C>);
  };

  const onMainThread = async (): Promise<ResponseOf<C>> => {
    onTransfer({ phase: 'read', loaded: 0, total: file.size });
    const text = await file.text();
    if (cancelled) throw new ApiCallError(channel, { code: 'cancelled', message: 'cancelled' });
    return plainCall(text);
  };

  const done = new Promise<ResponseOf<C>>((resolve, reject) => {
    rejectNow = reject;
    const token = browserToken();
    worker = api.mode === 'electron' || token ? startWorker() : null;
    if (!worker) {
      onMainThread().then(resolve, (e) => reject(asCallError(channel, e)));
      return;
    }
    let heard = false;
    const finish = () => {
      worker?.terminate();
      worker = null;
    };
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      heard = true;
      const m = e.data;
      if (m.type === 'progress') {
        onTransfer(m.transfer);
        return;
      }
      finish();
      if (m.type === 'text') {
        plainCall(m.text).then(resolve, (err) => reject(asCallError(channel, err)));
      } else if (m.type === 'failed') {
        reject(new ApiCallError(channel, { code: m.code, message: m.message, where: m.where }));
      } else if (m.status === 401) {
        forgetToken(window);
        useConnection.getState().refused();
        reject(new ApiCallError(channel, { code: 'unauthorized', message: 'the server refused the token' }));
      } else if (isResult(m.body)) {
        if (m.body.ok) resolve(m.body.value as ResponseOf<C>);
        else reject(new ApiCallError(channel, m.body.error));
      } else {
        reject(new ApiCallError(channel, { code: 'internal', message: `The server answered HTTP ${m.status} without a JSON result`, where: `POST ${HTTP.channel(channel)}` }));
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish();
      // A worker that could not even start (a blocked script): read on this thread instead.
      if (!heard) onMainThread().then(resolve, (err) => reject(asCallError(channel, err)));
      else reject(new ApiCallError(channel, { code: 'internal', message: `reading ${file.name} failed: ${e.message || 'the file worker stopped'}` }));
    };
    const job: WorkerJob = {
      file,
      ...(token ? { post: { url: new URL(HTTP.channel(channel), location.href).href, token, request: request as Record<string, unknown> } } : {}),
    };
    worker.postMessage(job);
  });

  return {
    done,
    cancel() {
      cancelled = true;
      (worker as Worker | null)?.terminate();
      worker = null;
      rejectNow(new ApiCallError(channel, { code: 'cancelled', message: 'cancelled before the engine received the file' }));
    },
  };
}
