// The S3 cold tier's server stopped in the middle of an operation, at a request chosen exactly: a
// proxy in front of the real gateway (test/support/s3-tripwire.ts) stops it by its pid the moment
// that request arrives. A demote whose pack is uploaded but not yet checked fails naming the tier
// and its host, with every object still warm (the pack in the bucket is garbage nothing points to,
// gone at the next move); a promote whose pack read is cut fails the same way with nothing moved.
// Once the gateway is back, both run to the end and every checkpoint verifies.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type CliResult } from '../support/cli';
import { adminClient, makeBucket, removeBucket, s3Server, startGateway, stoppingGateway } from '../support/s3-server';
import { tripwire, type Tripwire } from '../support/s3-tripwire';
import { DEMOTE_ALL, deskWithHistory } from '../support/tiered-desk';

let client: S3Client;
let bucket = '';
let stopped = false;
const wires: Tripwire[] = [];

/** The CLI as a real process, not waited for synchronously: the proxy in this process must keep serving. */
function run(args: string[]): Promise<CliResult> {
  const { accessKeyId, secretAccessKey } = s3Server();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

async function runJson<T = any>(args: string[]): Promise<T> {
  const r = await run([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

function counts(state: string): { warm: number; cold: number; both: number; packs: string[] } {
  const db = new Database(join(state, 'lifeboat.db'), { readonly: true });
  try {
    return {
      warm: db.prepare('SELECT COUNT(*) FROM chunks').pluck().get() as number,
      cold: db.prepare('SELECT COUNT(*) FROM cold_chunks').pluck().get() as number,
      both: db.prepare('SELECT COUNT(*) FROM cold_chunks c JOIN chunks w ON w.hash = c.hash').pluck().get() as number,
      packs: db.prepare('SELECT DISTINCT pack FROM cold_chunks ORDER BY pack').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

async function keys(prefix: string): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

/** A desk whose cold tier is `prefix` in the test bucket, reached through a proxy that stops the gateway at the first request `when` picks. */
async function deskBehindTripwire(seed: number, prefix: string, when: (line: string) => boolean) {
  const wire = await tripwire(s3Server().endpoint, when, () => {
    stopped = true;
    return stoppingGateway();
  });
  wires.push(wire);
  const { state, ids } = await deskWithHistory(seed, 4);
  const S = ['--state', state];
  for (const [key, value] of [['tiers.cold.s3.endpoint', wire.endpoint], ['tiers.cold.s3.bucket', bucket], ['tiers.cold.s3.prefix', prefix]]) {
    expect((await run(['settings', 'set', key, value, ...S])).code).toBe(0);
  }
  return { state, ids, S, wire, host: new URL(wire.endpoint).host };
}

function failedNamingTier(r: CliResult, host: string): void {
  expect(r.code, r.stdout).not.toBe(0);
  expect(r.stderr).toMatch(/the S3 cold tier on /);
  expect(r.stderr).toContain(host);
  expect(r.stderr).toMatch(/cannot be reached|connection was reset/);
  expect(r.stderr).not.toMatch(/\n\s+at |internal:/);
}

beforeAll(async () => {
  client = adminClient();
  bucket = await makeBucket(client, 'midway');
}, 120_000);

/** Brings the gateway back once the stop a tripwire set off has finished (the operation it cut may fail sooner). */
async function gatewayBack(): Promise<void> {
  await Promise.all(wires.map((w) => w.settled()));
  startGateway();
  stopped = false;
}

afterEach(async () => {
  if (stopped) await gatewayBack();
});

afterAll(async () => {
  await Promise.all(wires.map((w) => w.close()));
  await removeBucket(client, bucket);
});

describe('the S3 server stopped mid-operation', () => {
  it('a demote cut after its upload, before its check: fails naming the tier, every object still warm; back, the next demote runs', async () => {
    const { state, S, wire, host } = await deskBehindTripwire(61, 'mid-demote/', (line) => line.startsWith(`HEAD /${bucket}/mid-demote/pack-`));
    const before = counts(state);
    failedNamingTier(await run(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]), host);
    expect(wire.tripped()).toBe(true);
    // The upload happened (its PUT went through), then the server went: nothing was made visible.
    expect(wire.seen.some((l) => l.startsWith(`PUT /${bucket}/mid-demote/pack-`))).toBe(true);
    expect(counts(state)).toEqual({ ...before, cold: 0, both: 0, packs: [] });

    await gatewayBack();
    // The pack the cut demote left is garbage nothing points to; the next demote runs to the end.
    expect(await keys('mid-demote/')).toHaveLength(1);
    expect((await run(['checkpoint', 'verify', '--all', ...S])).code).toBe(0);
    const demoted = await runJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    expect(demoted.chunks).toBeGreaterThan(0);
    expect(counts(state)).toMatchObject({ cold: demoted.chunks, both: 0 });
    expect(await keys('mid-demote/')).toEqual(counts(state).packs.map((p) => `mid-demote/${p.slice(3)}`));
    expect((await run(['checkpoint', 'verify', '--all', ...S])).code).toBe(0);
  });

  it('a promote cut while it reads its pack: fails naming the tier, nothing moved; back, it runs', async () => {
    let armed = false;
    const { state, ids, S, host } = await deskBehindTripwire(62, 'mid-promote/', (line) => armed && line.startsWith(`GET /${bucket}/mid-promote/pack-`));
    await runJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    const before = counts(state);
    expect(before.cold).toBeGreaterThan(0);
    armed = true;
    failedNamingTier(await run(['tiers', 'promote', ids[0], ...S]), host);
    expect(counts(state)).toEqual(before);

    await gatewayBack();
    const promoted = await runJson(['tiers', 'promote', ids[0], ...S]);
    expect(promoted.chunks).toBeGreaterThan(0);
    expect(counts(state)).toMatchObject({ cold: before.cold - promoted.chunks, both: 0 });
    expect((await run(['checkpoint', 'verify', '--all', ...S])).code).toBe(0);
  });
});
