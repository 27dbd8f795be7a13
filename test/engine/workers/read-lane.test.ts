// The read threads' queue: no more reads at a time than threads; a read asked again while the
// same one waits joins it; once it has begun, asking again queues a new read (the first may not
// see writes made since). Reads are driven by hand here: each run waits until the test settles it.
import { describe, expect, it } from 'vitest';
import { ReadLane } from '../../../electron/engine/workers/read-lane';

function lane(slots: number) {
  const started: { input: string; resolve(v: string): void; reject(e: unknown): void }[] = [];
  const reads = new ReadLane<string, string>(slots, (input) => new Promise((resolve, reject) => started.push({ input, resolve, reject })));
  return { reads, started };
}

/** Lets settled promises run their callbacks. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the read lane', () => {
  it('runs no more reads at once than it has threads, the others in the order asked', async () => {
    const { reads, started } = lane(2);
    const answers = ['a', 'b', 'c', 'd'].map((k) => reads.read(k, k));
    expect(started.map((s) => s.input)).toEqual(['a', 'b']);
    started[1].resolve('B');
    await turn();
    expect(started.map((s) => s.input)).toEqual(['a', 'b', 'c']);
    started[0].resolve('A');
    await turn();
    started[2].resolve('C');
    started[3].resolve('D');
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('answers a read asked while the same one waits with that one’s answer, and runs it once', async () => {
    const { reads, started } = lane(1);
    const first = reads.read('status', 'status');
    const waiting = reads.read('orders', 'orders');
    const joined = reads.read('orders', 'orders');
    expect(joined).toBe(waiting);
    started[0].resolve('S');
    await turn();
    expect(started.map((s) => s.input)).toEqual(['status', 'orders']);
    started[1].resolve('O');
    expect([await first, await waiting, await joined]).toEqual(['S', 'O', 'O']);
    expect(started).toHaveLength(2);
  });

  it('runs a read again when it is asked after the same one began', async () => {
    const { reads, started } = lane(1);
    const begun = reads.read('status', 'status');
    const after = reads.read('status', 'status');
    expect(after).not.toBe(begun);
    started[0].resolve('old');
    await turn();
    expect(started).toHaveLength(2);
    started[1].resolve('new');
    expect([await begun, await after]).toEqual(['old', 'new']);
  });

  it('gives a failed read’s error to everyone waiting for it, and goes on with the next', async () => {
    const { reads, started } = lane(1);
    const first = reads.read('a', 'a');
    const failing = reads.read('b', 'b');
    const joined = reads.read('b', 'b');
    const last = reads.read('c', 'c');
    started[0].resolve('A');
    await turn();
    started[1].reject(new Error('the disk is full'));
    await expect(failing).rejects.toThrow('the disk is full');
    await expect(joined).rejects.toThrow('the disk is full');
    await turn();
    started[2].resolve('C');
    expect([await first, await last]).toEqual(['A', 'C']);
  });
});
