// Messages between the page and the file worker.

import type { Transfer } from './transfer';

export type { Transfer };

export interface WorkerJob {
  file: File;
  /** Browser mode: POST the request with the file's text as `content`; otherwise the text comes back. */
  post?: { url: string; token: string; request: Record<string, unknown> };
}

export type WorkerReply =
  | { type: 'progress'; transfer: Transfer }
  | { type: 'text'; text: string }
  | { type: 'response'; status: number; body: unknown }
  | { type: 'failed'; code: 'bad_request' | 'unreachable' | 'internal'; message: string; where?: string };
