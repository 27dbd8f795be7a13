// The destination contract (electron/engine/backups/destinations/destination.ts), one suite run on
// each kind: a folder, and a bucket on the real S3 server (Ceph radosgw, started once per run by
// the `s3` project's globalSetup). Each test gets an empty destination: a new folder, or a new
// key prefix in the file's bucket. The S3 one lists 5 keys per page, so listings cross pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Destination } from '../../../electron/engine/backups/destinations/destination';
import { FolderDestination } from '../../../electron/engine/backups/destinations/folder-destination';
import { S3Destination } from '../../../electron/engine/backups/destinations/s3-destination';
import { failure } from '../../support/failure';
import { adminClient, makeBucket, removeBucket, s3Config } from '../../support/s3-server';

interface Kind {
  name: string;
  setUp(): Promise<void>;
  /** An empty destination for one test. */
  fresh(): Promise<Destination>;
  tearDown(): Promise<void>;
}

function folderKind(): Kind {
  let parent = '';
  let n = 0;
  return {
    name: 'folder',
    async setUp() {
      parent = mkdtempSync(join(tmpdir(), 'lifeboat-destination-'));
    },
    async fresh() {
      const root = mkdtempSync(join(parent, `t${n++}-`));
      return new FolderDestination(root);
    },
    async tearDown() {
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

function s3Kind(): Kind {
  let client: S3Client;
  let bucket = '';
  let n = 0;
  return {
    name: 's3 (radosgw)',
    async setUp() {
      client = adminClient();
      bucket = await makeBucket(client, 'contract');
    },
    async fresh() {
      return new S3Destination(s3Config(bucket, { prefix: `desk/t${n++}/` }), { listPageSize: 5 });
    },
    async tearDown() {
      await removeBucket(client, bucket);
      client.destroy();
    },
  };
}

const sameBytes = (a: Buffer, b: Buffer): boolean => a.length === b.length && a.equals(b);

describe.each([folderKind(), s3Kind()])('the destination contract on a $name', (kind) => {
  let dest: Destination;
  const opened: Destination[] = [];

  beforeAll(() => kind.setUp());
  afterAll(async () => {
    for (const d of opened) await d.close();
    await kind.tearDown();
  });
  beforeEach(async () => {
    dest = await kind.fresh();
    opened.push(dest);
  });

  it('writes and reads back binary objects whole: empty, every byte value, and 20 MB', async () => {
    const everyByte = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const large = randomBytes(20 * 1024 * 1024);
    await dest.put('config', Buffer.alloc(0));
    await dest.put('keys/k1', everyByte);
    await dest.put('data/ab/pack-large', large);
    expect((await dest.get('config')).length).toBe(0);
    expect(sameBytes(await dest.get('keys/k1'), everyByte)).toBe(true);
    const back = await dest.get('data/ab/pack-large');
    expect(back.length).toBe(large.length);
    expect(sameBytes(back, large)).toBe(true);
  });

  it('replaces an existing key when not asked to create only', async () => {
    await dest.put('index/i1', Buffer.from('first'));
    await dest.put('index/i1', Buffer.from('second, longer'));
    expect((await dest.get('index/i1')).toString()).toBe('second, longer');
    expect(await dest.stat('index/i1')).toEqual({ key: 'index/i1', size: 14 });
  });

  it('reads ranges: the start, the middle, the last byte, an empty one; past the end is verification_failed naming the key', async () => {
    const data = randomBytes(100_000);
    await dest.put('data/cd/pack', data);
    expect(sameBytes(await dest.getRange('data/cd/pack', 0, 10), data.subarray(0, 10))).toBe(true);
    expect(sameBytes(await dest.getRange('data/cd/pack', 54_321, 30_000), data.subarray(54_321, 84_321))).toBe(true);
    expect(sameBytes(await dest.getRange('data/cd/pack', 99_999, 1), data.subarray(99_999))).toBe(true);
    expect((await dest.getRange('data/cd/pack', 500, 0)).length).toBe(0);
    for (const [offset, length] of [[99_990, 11], [100_000, 1], [200_000, 5]]) {
      const err = await failure(dest.getRange('data/cd/pack', offset, length));
      expect(err.code, `${offset}+${length}`).toBe('verification_failed');
      expect(err.where).toBe(`${dest.where}, key data/cd/pack`);
      expect(err.reason).toMatch(new RegExp(`asked for ${length} bytes at offset ${offset.toLocaleString('en-US')}`));
    }
  });

  it('stat gives a key\'s size, and null for an absent key', async () => {
    await dest.put('snapshots/s1', Buffer.alloc(1234, 7));
    await dest.put('snapshots/empty', Buffer.alloc(0));
    expect(await dest.stat('snapshots/s1')).toEqual({ key: 'snapshots/s1', size: 1234 });
    expect(await dest.stat('snapshots/empty')).toEqual({ key: 'snapshots/empty', size: 0 });
    expect(await dest.stat('snapshots/s2')).toBeNull();
    expect(await dest.stat('snapshots')).toBeNull(); // a "folder" of keys is no key
  });

  it('lists the keys under a prefix, at any depth, in key order, with their sizes', async () => {
    const keys = ['config', 'data/0a/p2', 'data/00/p1', 'data/a-b', 'data/a.b', 'data/a/b', 'data/a_b', 'data/ff/p3', 'snapshots/s1', 'snapshotsx'];
    for (const [i, key] of keys.entries()) await dest.put(key, Buffer.alloc(i + 1, i));
    const sizeOf = (key: string) => keys.indexOf(key) + 1;
    const expected = (...ks: string[]) => ks.map((key) => ({ key, size: sizeOf(key) }));
    // Byte order: '-' < '.' < '/' < digits < '_' < letters.
    expect(await dest.list('data/')).toEqual(expected('data/00/p1', 'data/0a/p2', 'data/a-b', 'data/a.b', 'data/a/b', 'data/a_b', 'data/ff/p3'));
    expect(await dest.list('data/0')).toEqual(expected('data/00/p1', 'data/0a/p2'));
    expect(await dest.list('data/a')).toEqual(expected('data/a-b', 'data/a.b', 'data/a/b', 'data/a_b'));
    expect(await dest.list('snapshots/')).toEqual(expected('snapshots/s1'));
    expect(await dest.list('snapshots')).toEqual(expected('snapshots/s1', 'snapshotsx'));
    expect(await dest.list('')).toEqual(expected(...[...keys].sort()));
    expect(await dest.list('locks/')).toEqual([]);
  });

  it('lists many keys whole (23 keys: five pages of 5 on S3)', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `index/${String(i).padStart(3, '0')}`);
    await Promise.all(keys.map((key) => dest.put(key, Buffer.from(key))));
    const listed = await dest.list('index/');
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed.every((o) => o.size === 9)).toBe(true);
  });

  it('ifAbsent refuses an existing key with conflict naming it, and keeps the first object', async () => {
    await dest.put('locks/l1', Buffer.from('mine'), { ifAbsent: true });
    const err = await failure(dest.put('locks/l1', Buffer.from('theirs'), { ifAbsent: true }));
    expect(err.code).toBe('conflict');
    expect(err.where).toBe(`${dest.where}, key locks/l1`);
    expect(err.reason).toMatch(/locks\/l1 already exists/);
    expect((await dest.get('locks/l1')).toString()).toBe('mine');
  });

  it('deletes a key; deleting an absent key is fine', async () => {
    await dest.put('locks/l2', Buffer.from('x'));
    await dest.put('locks/l3', Buffer.from('y'));
    await dest.delete('locks/l2');
    expect(await dest.stat('locks/l2')).toBeNull();
    expect((await dest.list('locks/')).map((o) => o.key)).toEqual(['locks/l3']);
    await dest.delete('locks/l2');
    await dest.delete('locks/never');
  });

  it('a missing key is not_found naming it (get, getRange, and an empty range)', async () => {
    for (const read of [() => dest.get('snapshots/gone'), () => dest.getRange('snapshots/gone', 0, 10), () => dest.getRange('snapshots/gone', 0, 0)]) {
      const err = await failure(read());
      expect(err.code).toBe('not_found');
      expect(err.where).toBe(`${dest.where}, key snapshots/gone`);
      expect(err.reason).toMatch(/no object snapshots\/gone/);
    }
  });

  it('refuses keys outside the alphabet (bad_request), so none can climb out of the destination', async () => {
    for (const key of ['../escape', 'data/../../escape', '/absolute', 'Upper', 'a//b', '.hidden', 'data/', '']) {
      const err = await failure(dest.put(key, Buffer.from('x')));
      expect(err.code, key).toBe('bad_request');
      expect(err.reason, key).toMatch(/not a repository key/);
    }
    expect(await dest.list('')).toEqual([]);
  });
});
