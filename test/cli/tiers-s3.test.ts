// The S3 cold tier as real processes against the run's real S3 server (Ceph radosgw on 127.0.0.1):
// with a bucket configured, demoted history goes to the bucket (archive storage class), not the
// cold/ folder, and verify, diff and promote read it back checked; a damaged pack there is a
// verification failure naming it; and with the gateway stopped (by its pid) what the warm tier holds
// still works, what only the bucket holds fails naming the tier and its host, nothing moves, the
// status says down — and once the gateway is back everything works again by itself, in a running
// console too. No secret key in any output, the audit trail or an export.
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, lifeboat, serve, type CliResult, type Served } from '../support/cli';
import { adminClient, makeBucket, removeBucket, s3Server, startGateway, stopGateway } from '../support/s3-server';
import { DEMOTE_ALL, deskWithHistory } from '../support/tiered-desk';

let client: S3Client;
let bucket = '';
const outputs: CliResult[] = [];
let gatewayStopped = false;

/** The CLI with the server's keys in the environment; every output kept for the secret check. */
function run(args: string[]): CliResult {
  const { accessKeyId, secretAccessKey } = s3Server();
  const r = lifeboat(args, { env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } });
  outputs.push(r);
  return r;
}

function runJson<T = any>(args: string[]): T {
  const r = run([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** A desk with history whose cold tier is `prefix` in the test bucket (keys from the environment). */
async function s3Desk(seed: number, checkpoints: number, prefix: string): Promise<{ state: string; ids: string[]; S: string[] }> {
  const { state, ids } = await deskWithHistory(seed, checkpoints);
  const S = ['--state', state];
  for (const [key, value] of [['tiers.cold.s3.endpoint', s3Server().endpoint], ['tiers.cold.s3.bucket', bucket], ['tiers.cold.s3.prefix', prefix]]) {
    expect(run(['settings', 'set', key, value, ...S]).code).toBe(0);
  }
  return { state, ids, S };
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

function coldOf(status: any): any {
  if (!Array.isArray(status?.tiers)) throw new Error(`not a tiers status: ${JSON.stringify(status)}`);
  return status.tiers.find((t: any) => t.tier === 'cold');
}
const host = () => new URL(s3Server().endpoint).host;

function takeGatewayAway(): void {
  gatewayStopped = true;
  stopGateway();
}

function bringGatewayBack(): void {
  startGateway();
  gatewayStopped = false;
}

beforeAll(async () => {
  client = adminClient();
  bucket = await makeBucket(client, 'cold');
}, 120_000);

// A failed test must not leave the run's server down for the next.
afterEach(() => {
  if (gatewayStopped) bringGatewayBack();
});

afterAll(async () => {
  await removeBucket(client, bucket);
});

describe('the S3 cold tier', () => {
  it('takes demoted history into the bucket in the archive class; diff, verify and promote read it back', async () => {
    const { state, ids, S } = await s3Desk(41, 4, 'desk-a/');
    const warmDiff = runJson(['checkpoint', 'diff', ids[0], ids[2], ...S]);
    const demoted = runJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    expect(demoted.chunks).toBeGreaterThan(0);
    expect(demoted.packs.every((p: string) => /^s3:pack-[0-9a-f]{64}\.pack$/.test(p))).toBe(true);
    // In the bucket under the prefix, checked there, in GLACIER; nothing in the cold/ folder.
    const inBucket = await keys('desk-a/');
    expect(inBucket).toEqual(demoted.packs.map((p: string) => `desk-a/${p.slice(3)}`).sort());
    for (const key of inBucket) expect((await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).StorageClass).toBe('GLACIER');
    expect(readdirSync(state).includes('cold') ? readdirSync(join(state, 'cold')).filter((n) => n.endsWith('.pack')) : []).toEqual([]);
    expect(counts(state)).toMatchObject({ cold: demoted.chunks, both: 0 });

    const status = runJson(['tiers', 'status', ...S]);
    expect(coldOf(status)).toMatchObject({ health: 'up', objects: demoted.chunks, packs: demoted.packs.length, location: `s3 ${s3Server().endpoint} bucket ${bucket}/desk-a/` });

    // A read-only diff reads the packs from the bucket and answers as from warm.
    expect(runJson(['checkpoint', 'diff', ids[0], ids[2], ...S])).toEqual(warmDiff);
    // Verify reads everything; the writer promotes what was read, and the emptied packs go from the bucket.
    const verified = run(['checkpoint', 'verify', '--all', ...S, '--json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(counts(state).cold).toBe(0);
    // The next move collects the packs nothing points into any more, in the bucket as in a folder.
    expect(runJson(['tiers', 'promote', ids[0], ...S]).chunks).toBe(0);
    expect(await keys('desk-a/')).toEqual([]);
    runJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    expect(await keys('desk-a/')).toEqual(inBucket);

    const again = counts(state).cold;
    const promoted = runJson(['tiers', 'promote', ids[0], ...S]);
    expect(promoted.chunks).toBeGreaterThan(0);
    expect(counts(state)).toMatchObject({ cold: again - promoted.chunks, both: 0 });
    expect(run(['checkpoint', 'verify', '--all', ...S]).code).toBe(0);
  });

  it('a pack damaged in the bucket is a verification failure naming it', async () => {
    const { state, ids, S } = await s3Desk(42, 3, 'desk-b/');
    runJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    const [pack] = counts(state).packs;
    const key = `desk-b/${pack.slice(3)}`;
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    bytes[bytes.length - 10] ^= 0xff;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
    const diff = run(['checkpoint', 'diff', ids[0], ids[1], ...S]);
    expect(diff.code, diff.stderr).toBe(3);
    expect(diff.stderr).toContain(pack.slice(3));
    expect(diff.stderr).toMatch(/damaged/);
  });

  it('with the server stopped: warm reads work, a bucket-only read fails naming the tier and host, nothing moves; back, all is well', async () => {
    const { state, ids, S } = await s3Desk(43, 4, 'desk-c/');
    const oldDiff = runJson(['checkpoint', 'diff', ids[0], ids[1], ...S]);
    runJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    const before = counts(state);
    expect(before.cold).toBeGreaterThan(0);

    takeGatewayAway();
    const failed = (r: CliResult) => {
      expect(r.code, r.stdout).not.toBe(0);
      expect(r.stderr).toMatch(/the S3 cold tier on /);
      expect(r.stderr).toContain(host());
      expect(r.stderr).toMatch(/cannot be reached/);
      expect(r.stderr).not.toMatch(/\n\s+at |internal:/);
    };
    failed(run(['checkpoint', 'diff', ids[0], ids[1], ...S]));
    failed(run(['tiers', 'promote', ids[0], ...S]));
    const verify = run(['checkpoint', 'verify', '--all', ...S]);
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toMatch(/the S3 cold tier on /);
    // What the warm tier holds still serves: the newest checkpoint against live, a new checkpoint.
    expect(run(['checkpoint', 'diff', ids[3], 'live', ...S]).code).toBe(0);
    expect(run(['checkpoint', 'create', ...S]).code).toBe(0);
    const down = runJson(['tiers', 'status', ...S]);
    expect(coldOf(down)).toMatchObject({ health: 'down', lastError: expect.stringContaining(host()) });
    expect(down.tiers.find((t: any) => t.tier === 'warm').health).toBe('up');
    // Nothing half-moved, nothing marked damaged for a tier it could not reach.
    expect(counts(state)).toMatchObject({ cold: before.cold, both: 0, packs: before.packs });
    expect(runJson(['checkpoint', 'list', ...S]).checkpoints.filter((c: any) => c.status === 'corrupt')).toEqual([]);

    bringGatewayBack();
    expect(coldOf(runJson(['tiers', 'status', ...S])).health).not.toBe('down');
    expect(runJson(['checkpoint', 'diff', ids[0], ids[1], ...S])).toEqual(oldDiff);
    expect(run(['checkpoint', 'verify', '--all', ...S]).code).toBe(0);
  });

  it('a running console rides the server going away and coming back: down, then up again by itself', async () => {
    const { state, ids } = await deskWithHistory(44, 3);
    const { accessKeyId, secretAccessKey } = s3Server();
    // This time the keys are in the settings (the console's environment has none).
    const S = ['--state', state];
    for (const [key, value] of [
      ['tiers.cold.s3.endpoint', s3Server().endpoint],
      ['tiers.cold.s3.bucket', bucket],
      ['tiers.cold.s3.prefix', 'desk-d/'],
      ['tiers.cold.s3.accessKeyId', accessKeyId],
      ['tiers.cold.s3.secretAccessKey', secretAccessKey],
    ]) {
      const r = lifeboat(['settings', 'set', key, value, ...S]);
      outputs.push(r);
      expect(r.code, r.stderr).toBe(0);
    }
    let console: Served | null = null;
    try {
      console = await serve(state);
      const job = await api(console, 'tiers.demote', { policy: { demoteAfterDays: 0, unreadForDays: 0, keepNewest: 1 } });
      expect(job.status, JSON.stringify(job.body)).toBe(200);
      await waitFor(async () => coldOf((await api(console!, 'tiers.status')).body.value).objects > 0);
      expect((await keys('desk-d/')).length).toBeGreaterThan(0);

      takeGatewayAway();
      await waitFor(async () => coldOf((await api(console!, 'tiers.status')).body.value).health === 'down');
      const diff = await api(console, 'checkpoints.diff', { from: ids[0], to: ids[1] });
      expect(diff.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(diff.body)).toContain(host());

      bringGatewayBack();
      await waitFor(async () => coldOf((await api(console!, 'tiers.status')).body.value).health !== 'down');
      const back = await api(console, 'checkpoints.diff', { from: ids[0], to: ids[1] });
      expect(back.status, JSON.stringify(back.body)).toBe(200);
      // A verify runs on the console's worker threads: its reader reaches the bucket from there too.
      await api(console, 'tiers.demote', { policy: { demoteAfterDays: 0, unreadForDays: 0, keepNewest: 1 } });
      await waitFor(async () => coldOf((await api(console!, 'tiers.status')).body.value).objects > 0);
      const verify = await api(console, 'checkpoints.verify', { all: true });
      expect(verify.status, JSON.stringify(verify.body)).toBe(200);
      let verifying: any = verify.body.value;
      await waitFor(async () => (verifying = (await api(console!, 'jobs.get', { jobId: verifying.jobId })).body.value).state !== 'running');
      expect(verifying.state, JSON.stringify(verifying)).toBe('succeeded');
      expect(coldOf((await api(console, 'tiers.status')).body.value).hits).toBeGreaterThan(0);
    } finally {
      await console?.stop();
    }
    // The settings page's view and the audit trail show the keys masked.
    const settings = run(['settings', ...S, '--json']);
    outputs.push(run(['audit', 'list', ...S, '--json']), run(['checkpoint', 'export', ids[2], ...S, '--json']));
    expect(settings.stdout).toContain('tiers.cold.s3.secretAccessKey');
    outputs.push(settings);
    // The export's files hold no key either.
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    const exported = files(join(state, 'exports'));
    expect(exported.length).toBeGreaterThan(0);
    for (const f of exported) expect(readFileSync(f, 'utf8'), f).not.toContain(secretAccessKey);
  });

  it('a wrong secret key or a missing bucket shows at once in the status, and a demote then moves nothing', async () => {
    const { state, S } = await s3Desk(45, 3, 'desk-e/');
    const wrong = 'not-the-secret-key-0123456789';
    expect(run(['settings', 'set', 'tiers.cold.s3.secretAccessKey', wrong, ...S]).code).toBe(0);
    const refused = coldOf(runJson(['tiers', 'status', ...S]));
    expect(refused).toMatchObject({ health: 'down', lastError: expect.stringMatching(/the S3 cold tier on .*refused the credentials.*check the access key and its secret/) });
    const demote = run(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    expect(demote.code).not.toBe(0);
    expect(demote.stderr).toMatch(/refused the credentials/);
    expect(counts(state).cold).toBe(0);
    expect(await keys('desk-e/')).toEqual([]);

    expect(run(['settings', 'reset', 'tiers.cold.s3.secretAccessKey', ...S]).code).toBe(0);
    expect(run(['settings', 'set', 'tiers.cold.s3.bucket', 'lifeboat-no-such-bucket', ...S]).code).toBe(0);
    expect(coldOf(runJson(['tiers', 'status', ...S]))).toMatchObject({ health: 'down', lastError: expect.stringContaining('bucket lifeboat-no-such-bucket does not exist') });
    for (const r of outputs) expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  it('never prints, audits or exports the secret key', () => {
    const { secretAccessKey } = s3Server();
    expect(outputs.length).toBeGreaterThan(10);
    for (const r of outputs) expect(r.stdout + r.stderr).not.toContain(secretAccessKey);
  });
});

/** Polls `ok` until it holds (each poll is a real request: no fixed sleep decides anything). */
async function waitFor(ok: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await ok()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
