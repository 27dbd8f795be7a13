// vitest globalSetup of the `s3` project (vitest.config.ts): starts the test S3 server once for
// the run with the project's own script, hands its endpoint and credentials to the tests
// (inject('s3'), see test/support/s3-server.ts), and stops it by its pid files afterwards.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export interface S3ServerInfo {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    s3: S3ServerInfo;
  }
}

const SCRIPT = join(import.meta.dirname, 'radosgw.mjs');

function script(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    // Progress (and an install, on a fresh machine) goes to our stderr; stdout is its JSON.
    const child = execFile(process.execPath, [SCRIPT, ...args], { maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) reject(new Error(`node test/services/radosgw.mjs ${args[0]} failed (${err.code ?? err.signal}); see its output above`));
      else resolve(JSON.parse(stdout));
    });
    child.stderr?.pipe(process.stderr);
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await script(['start', '--owner', String(process.pid)]);
  const { endpoint, region, accessKeyId, secretAccessKey } = server as unknown as S3ServerInfo;
  project.provide('s3', { endpoint, region, accessKeyId, secretAccessKey });
  return async () => {
    await script(['stop']);
  };
}
