// The real S3 server for e2e specs: Ceph radosgw started by test/services/radosgw.mjs in its own
// folder (never the one vitest's s3 project uses: tests elsewhere may run theirs at the same time;
// each cluster picks free ports). Waiting is on the script's exit, never on sleeps.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { ROOT } from './fixtures';

export interface S3Server {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  dir: string;
  start: string;
  startMs: number;
}

export const RADOSGW_DIR = process.env.LIFEBOAT_RADOSGW_DIR || join(tmpdir(), 'lifeboat-radosgw-e2e');

function script(command: 'start' | 'stop'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'test', 'services', 'radosgw.mjs'), command, '--dir', RADOSGW_DIR], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the gateway; a first init that fails is tried once more (a fresh cluster's OSD can lose its first start). */
export async function startS3Server(): Promise<S3Server> {
  let last = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    const r = await script('start');
    if (r.code === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!) as S3Server;
    last = `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-8).join('\n')}`;
  }
  throw new Error(`radosgw did not start in ${RADOSGW_DIR} (${last})`);
}

export async function stopS3Server(): Promise<void> {
  const r = await script('stop');
  if (r.code !== 0) throw new Error(`radosgw stop exited ${r.code}: ${r.stderr}`);
}

/** A client set as the engine's (electron/engine/backups/destinations/s3-client.ts): path-style, no aws-chunked bodies. */
export function s3Client(server: S3Server): S3Client {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    forcePathStyle: true,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
  });
}
