// `lifeboat backup` over S3 as a real process against the run's real S3 server (Ceph radosgw on
// 127.0.0.1): the round trip, an archive destination, one destination down while the others go on,
// and the S3 failures users meet — nothing listening, wrong credentials, a bucket that is not there —
// each a clear error naming the host or bucket, a non-zero exit, and no secret anywhere.
import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson, type CliResult } from '../support/cli';
import { adminClient, makeBucket, removeBucket, s3Server } from '../support/s3-server';

let root = '';
let desk = '';
let pass = '';
let client: S3Client;
const buckets: string[] = [];
const outputs: CliResult[] = [];
const S = () => ['--state', desk];

/** The CLI with the server's keys in the environment (as a user gives them); every output kept for the secret check. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const { accessKeyId, secretAccessKey } = s3Server();
  const r = lifeboat([...args, ...S()], { env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, ...env } });
  outputs.push(r);
  return r;
}

function runJson<T = any>(args: string[]): T {
  const r = run([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

function failed(r: CliResult, fragment: RegExp) {
  expect(r.code, r.stdout + r.stderr).not.toBe(0);
  expect(r.stderr).toMatch(fragment);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/internal:/);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function keys(bucket: string): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key!);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lifeboat-backup-s3-cli-'));
  desk = join(root, 'desk');
  pass = join(root, 'pass');
  writeFileSync(pass, 'the s3 cli test passphrase\n');
  chmodSync(pass, 0o600);
  client = adminClient();
  buckets.push(await makeBucket(client, 'cli'), await makeBucket(client, 'cli-archive'));
  expect(lifeboat(['demo', ...S()]).code).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const b of buckets) await removeBucket(client, b);
  rmSync(root, { recursive: true, force: true });
});

describe('lifeboat backup over S3', () => {
  it('backs up to a bucket, lists, verifies with --read-data and restores to the same root', () => {
    const { endpoint } = s3Server();
    expect(run(['backup', 'destination', 'add', 'cloud', '--s3', endpoint, '--bucket', buckets[0], '--prefix', 'desk-1/']).code).toBe(0);
    const init = run(['backup', 'init', '--destination', 'cloud', '--passphrase-file', pass]);
    expect(init.code, init.stderr).toBe(0);
    const full = runJson(['backup', 'create', '--type', 'full', '--destination', 'cloud']);
    const snapshot = full.destinations[0].snapshot;
    expect(snapshot.type).toBe('full');
    expect(runJson(['backup', 'list', '--destination', 'cloud']).map((s: { id: string }) => s.id)).toEqual([snapshot.id]);
    const verify = run(['backup', 'verify', '--read-data', '--destination', 'cloud']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const to = join(root, 'restored');
    const restored = runJson(['backup', 'restore', snapshot.id, '--to', to, '--destination', 'cloud']);
    expect(restored.restoredRoot).toBe(snapshot.rootHash);
    expect(lifeboatJson(['state', 'hash', '--state', to]).rootHash).toBe(lifeboatJson(['state', 'hash', ...S()]).rootHash);
    expect(lifeboat(['audit', 'verify', '--state', to]).code).toBe(0);
  });

  it('stores an archive destination’s packs with the archive storage class, and restores from it', async () => {
    const { endpoint } = s3Server();
    expect(run(['backup', 'destination', 'add', 'vault', '--s3', endpoint, '--bucket', buckets[1], '--archive']).code).toBe(0);
    expect(run(['backup', 'init', '--destination', 'vault', '--passphrase-file', pass]).code).toBe(0);
    const snapshot = runJson(['backup', 'create', '--type', 'full', '--destination', 'vault']).destinations[0].snapshot;
    const all = await keys(buckets[1]);
    const packs = all.filter((k) => k.startsWith('data/'));
    expect(packs.length).toBeGreaterThan(0);
    for (const key of packs) expect((await client.send(new HeadObjectCommand({ Bucket: buckets[1], Key: key }))).StorageClass, key).toBe('GLACIER');
    // What must be read to find the packs stays in the standard class.
    const record = all.find((k) => k.startsWith('snapshots/'))!;
    expect((await client.send(new HeadObjectCommand({ Bucket: buckets[1], Key: record }))).StorageClass ?? 'STANDARD').toBe('STANDARD');
    const restored = runJson(['backup', 'restore', snapshot.id, '--to', join(root, 'from-vault'), '--destination', 'vault']);
    expect(restored.restoredRoot).toBe(snapshot.rootHash);
  });

  it('an emergency backup with one destination down goes to the others and names the one that failed', async () => {
    const port = await closedPort();
    expect(run(['backup', 'destination', 'add', 'down', '--s3', `http://127.0.0.1:${port}`, '--bucket', 'nowhere']).code).toBe(0);
    const before = (await keys(buckets[0])).length;
    const r = run(['backup', 'create', '--type', 'emergency', '--reason', 'drill: the desk host is failing', '--passphrase-file', pass]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/cloud: snapshot [0-9a-f]+ \(emergency\)/);
    expect(r.stdout).toMatch(/vault: snapshot [0-9a-f]+ \(emergency\)/);
    expect(r.stdout).toMatch(new RegExp(`down: FAILED — .*127\\.0\\.0\\.1:${port}`));
    expect((await keys(buckets[0])).length).toBeGreaterThan(before);
    const health = runJson(['backup', 'destination', 'list']);
    expect(health.find((d: { name: string }) => d.name === 'down').health.state).toBe('failing');
    expect(health.find((d: { name: string }) => d.name === 'cloud').health.state).toBe('ok');
  });

  it('nothing listening, wrong credentials and a missing bucket are each named, exit non-zero, and write nothing', async () => {
    const { endpoint } = s3Server();
    failed(run(['backup', 'list', '--destination', 'down', '--passphrase-file', pass]), /127\.0\.0\.1:\d+/);

    expect(run(['backup', 'destination', 'add', 'badkey', '--s3', endpoint, '--bucket', buckets[0], '--prefix', 'badkey/'], { AWS_SECRET_ACCESS_KEY: 'not-the-secret-key-0123456789' }).code).toBe(0);
    const wrongKey = run(['backup', 'init', '--destination', 'badkey', '--passphrase-file', pass]);
    failed(wrongKey, /credentials|denied|signature|access key/i);
    expect(wrongKey.stderr).toContain(buckets[0]);
    expect((await keys(buckets[0])).some((k) => k.startsWith('badkey/'))).toBe(false);

    expect(run(['backup', 'destination', 'add', 'nobucket', '--s3', endpoint, '--bucket', 'lifeboat-no-such-bucket']).code).toBe(0);
    const missing = run(['backup', 'init', '--destination', 'nobucket', '--passphrase-file', pass]);
    failed(missing, /lifeboat-no-such-bucket/);
    failed(run(['backup', 'create', '--destination', 'nobucket', '--passphrase-file', pass]), /lifeboat-no-such-bucket/);
  });

  it('never prints, audits or exports a secret key', () => {
    const { secretAccessKey } = s3Server();
    // The audit trail and an export of the desk say which destinations exist, never their keys.
    expect(run(['audit', 'list', '--json']).code).toBe(0);
    expect(run(['state', 'export']).code).toBe(0);
    expect(run(['backup', 'destination', 'list', '--json']).code).toBe(0);
    for (const r of outputs) expect(r.stdout + r.stderr).not.toContain(secretAccessKey);
    // Only backup-secrets.json (mode 0600) holds it.
    const holders: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (readFileSync(p).includes(secretAccessKey)) holders.push(p.slice(desk.length + 1));
      }
    };
    walk(desk);
    expect(holders).toEqual(['backup-secrets.json']);
    expect(statSync(join(desk, 'backup-secrets.json')).mode & 0o777).toBe(0o600);
  });
});
