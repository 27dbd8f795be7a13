// When a running console holds the state folder, write commands are sent to it over its loopback
// API instead of being refused: the console stays the single writer and its view updates live.
import type { ChannelName, JobInfo, RequestOf, ResponseOf } from '../../shared/api/contract';
import { LifeboatError, type ApiError } from '../../shared/result';
import type { LeaseInfo } from '../engine/store/lease';

export interface RemoteConsole {
  url: string;
  token: string;
}

export function remoteOf(holder: LeaseInfo | undefined): RemoteConsole | null {
  return holder?.api ? { url: holder.api.url, token: holder.api.token } : null;
}

export async function remoteCall<C extends ChannelName>(remote: RemoteConsole, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  let response: Response;
  try {
    response = await fetch(new URL(`api/${channel}`, remote.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${remote.token}` },
      body: JSON.stringify(request),
    });
  } catch (err) {
    throw new LifeboatError('locked', `the console holding this folder did not answer at ${remote.url} (${(err as Error).message})`);
  }
  const body = (await response.json()) as { ok: true; value: ResponseOf<C> } | { ok: false; error: ApiError };
  if (!body.ok) throw new LifeboatError(body.error.code, body.error.message, body.error.where, body.error.details);
  return body.value;
}

/** Follows a job on the remote console through its event stream until it finishes. */
export async function followRemoteJob(remote: RemoteConsole, job: JobInfo, onProgress: (job: JobInfo) => void): Promise<JobInfo> {
  const controller = new AbortController();
  const response = await fetch(new URL('api/events', remote.url), {
    headers: { authorization: `Bearer ${remote.token}` },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new LifeboatError('internal', `event stream refused (${response.status})`);
  // The job may have finished before the stream opened: ask once after subscribing.
  const current = await remoteCall(remote, 'jobs.get', { jobId: job.jobId });
  if (current.state !== 'running') {
    controller.abort();
    return current;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name !== 'job.updated' || !data) continue;
        const update = JSON.parse(data) as JobInfo;
        if (update.jobId !== job.jobId) continue;
        onProgress(update);
        if (update.state !== 'running') return update;
      }
    }
  } finally {
    controller.abort();
  }
  return remoteCall(remote, 'jobs.get', { jobId: job.jobId });
}
