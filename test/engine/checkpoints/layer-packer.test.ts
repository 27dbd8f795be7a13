// The packing thread: the same names and bytes as packing here, and a thread that stops answering
// costs a wait, never a checkpoint. The thread is the worker pool's, on the bundled worker.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { decompressChunk } from '../../../electron/engine/chunks/codec';
import { packInThisThread, PackingThread } from '../../../electron/engine/checkpoints/layer-packer';
import type { WorkerPool } from '../../../electron/engine/workers/pool';
import { closePools, threadedPool } from '../../support/worker-pool';

const chunks = (n: number) =>
  Array.from({ length: n }, (_, i) => Buffer.from(`${randomBytes(64).toString('hex')}\t${'row text that repeats '.repeat(200 + i * 50)}`, 'utf8'));

const threads: PackingThread[] = [];
let pool: WorkerPool;
/** A packing thread on a pool of its own, once it serves. */
const thread = async (...args: ConstructorParameters<typeof PackingThread> extends [unknown, ...infer R] ? R : never) => {
  pool = threadedPool();
  const t = new PackingThread(pool, ...args);
  threads.push(t);
  expect(await t.ready).toBe(true);
  return t;
};
afterEach(async () => {
  threads.splice(0).forEach((t) => t.close());
  await closePools();
});

describe('packing a layer on a second thread', () => {
  it('names and compresses every chunk exactly as packing here does, batch after batch', async () => {
    const packing = await thread();
    for (let batch = 0; batch < 3; batch++) {
      const data = chunks(6);
      const there = packing.packer();
      const here = packInThisThread();
      const names = data.map((d) => there.add(d));
      expect(data.map((d) => here.add(d))).toEqual(names);
      const stored = there.finish();
      expect(stored).toEqual(here.finish());
      names.forEach((name, i) => expect(decompressChunk('brotli', stored.get(name)!)).toEqual(data[i]));
    }
    expect(packing.running).toBe(true);
  });

  it('gives a layer its own bytes after a checkpoint that failed midway left answers unread', async () => {
    const packing = await thread();
    const abandoned = packing.packer();
    chunks(3).forEach((d) => abandoned.add(d)); // and never finished: its transaction rolled back
    const data = chunks(2);
    const packer = packing.packer();
    const names = data.map((d) => packer.add(d));
    const stored = packer.finish();
    names.forEach((name, i) => expect(decompressChunk('brotli', stored.get(name)!)).toEqual(data[i]));
    expect(packing.running).toBe(true);
  });

  it('packs here when the thread stops answering, says why once, and packs here from then on', async () => {
    const failures: string[] = [];
    const packing = await thread((why) => failures.push(why), 200);
    const data = chunks(4);
    const packer = packing.packer();
    packer.add(data[0]);
    // The thread dies mid-layer (as a crash would): its answers stop coming.
    pool.threads.forEach((t) => void t.terminate());
    data.slice(1).forEach((d) => packer.add(d));
    const stored = packer.finish();
    const expected = packInThisThread();
    data.forEach((d) => expected.add(d));
    expect(stored).toEqual(expected.finish());
    expect(packing.running).toBe(false);
    expect(failures).toEqual([expect.stringMatching(/did not answer within 200 ms|stopped/)]);

    const after = packing.packer();
    const name = after.add(data[0]);
    expect(decompressChunk('brotli', after.finish().get(name)!)).toEqual(data[0]);
  });

  it('is not a failure to close', async () => {
    const failures: string[] = [];
    const packing = await thread((why) => failures.push(why));
    packing.close();
    expect(packing.running).toBe(false);
    expect(failures).toEqual([]);
  });
});
