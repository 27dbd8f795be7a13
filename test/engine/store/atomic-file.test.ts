import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/engine/store/atomic-file';
import { bundleChild, startChild } from '../../support/child-process';
import { tempDir } from '../../support/temp-state';

function readGeneration(path: string): number {
  const data = readFileSync(path);
  const newline = data.indexOf(10);
  const [generation, hash] = data.subarray(0, newline).toString().split(':');
  const body = data.subarray(newline + 1);
  expect(createHash('sha256').update(body).digest('hex'), 'file is torn: body does not match its header').toBe(hash);
  return Number(generation);
}

describe('atomic file writes', () => {
  it('replaces the whole file and leaves no temp file behind', () => {
    const dir = tempDir();
    const path = join(dir, 'state.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('a kill -9 in the middle of writing always leaves a whole old or new file', async () => {
    const writer = bundleChild('test/support/children/atomic-writer.ts');
    const dir = tempDir();
    const path = join(dir, 'book.bin');
    const body = Buffer.alloc(1024, 7);
    writeFileAtomic(path, Buffer.concat([Buffer.from(`0:${createHash('sha256').update(body).digest('hex')}\n`), body]));
    const seen = new Set<number>();
    for (let round = 0; round < 12; round++) {
      const child = startChild(writer, [path, String(2 * 1024 * 1024 + round * 7919)]);
      // Kill at a different point of the write loop each round: after the child announces a
      // generation some way in.
      const target = 1 + (round % 4) * 3;
      await child.line((l) => l.startsWith('writing ') && Number(l.split(' ')[1]) >= target);
      child.process.kill('SIGKILL');
      const { signal } = await child.exited;
      expect(signal).toBe('SIGKILL');
      seen.add(readGeneration(path));
    }
    // The kills landed at different points: more than one generation survived them.
    expect(seen.size).toBeGreaterThan(1);
  });
});
