// Off the page's thread: read a broker file (up to hundreds of MB) as strict UTF-8 with progress,
// and in browser mode wrap it in the JSON request and upload it with upload progress. The page
// never holds, encodes or parses the file, so the window stays responsive.
import type { Transfer, WorkerJob, WorkerReply } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerJob>) => void) | null;
  postMessage(message: WorkerReply): void;
};
const reply = (m: WorkerReply) => scope.postMessage(m);

/** Progress at most every 50 ms. */
function throttled(send: (t: Transfer) => void): (t: Transfer, force?: boolean) => void {
  let last = 0;
  return (t, force = false) => {
    const now = Date.now();
    if (!force && now - last < 50) return;
    last = now;
    send(t);
  };
}

class NotText extends Error {
  constructor(readonly where: string) {
    super('the file is not UTF-8 text (a spreadsheet or a binary file?); export it as CSV or JSON');
  }
}

async function readText(file: File, progress: (t: Transfer, force?: boolean) => void): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = file.stream().getReader();
  const parts: string[] = [];
  let loaded = 0;
  progress({ phase: 'read', loaded: 0, total: file.size }, true);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    try {
      parts.push(decoder.decode(value, { stream: true }));
    } catch {
      throw new NotText(`${file.name} (bytes ${loaded}–${loaded + value.byteLength})`);
    }
    loaded += value.byteLength;
    progress({ phase: 'read', loaded, total: file.size });
  }
  try {
    parts.push(decoder.decode());
  } catch {
    throw new NotText(`${file.name} (the last bytes)`);
  }
  progress({ phase: 'read', loaded, total: file.size }, true);
  return parts.join('');
}

function upload(post: NonNullable<WorkerJob['post']>, text: string, progress: (t: Transfer, force?: boolean) => void): void {
  const body = new Blob([JSON.stringify({ ...post.request, content: text })], { type: 'application/json' });
  const xhr = new XMLHttpRequest();
  xhr.open('POST', post.url);
  xhr.setRequestHeader('Authorization', `Bearer ${post.token}`);
  xhr.setRequestHeader('Content-Type', 'application/json');
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.upload.onprogress = (e) => progress({ phase: 'upload', loaded: e.loaded, total: e.lengthComputable ? e.total : body.size });
  xhr.upload.onload = () => progress({ phase: 'process', loaded: body.size, total: body.size }, true);
  xhr.onload = () => {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(xhr.responseText);
    } catch {
      parsed = null;
    }
    reply({ type: 'response', status: xhr.status, body: parsed });
  };
  xhr.onerror = () =>
    reply({ type: 'failed', code: 'unreachable', message: 'The console server cannot be reached. Is `lifeboat serve` still running?', where: `POST ${post.url}` });
  xhr.send(body);
}

scope.onmessage = (e) => {
  const { file, post } = e.data;
  const progress = throttled((transfer) => reply({ type: 'progress', transfer }));
  readText(file, progress).then(
    (text) => {
      if (post) upload(post, text, progress);
      else reply({ type: 'text', text });
    },
    (err: unknown) => {
      if (err instanceof NotText) reply({ type: 'failed', code: 'bad_request', message: err.message, where: err.where });
      else reply({ type: 'failed', code: 'internal', message: `cannot read ${file.name}: ${err instanceof Error ? err.message : String(err)}`, where: file.name });
    },
  );
};
