// A real full disk: a small tmpfs mounted for the test (root only, as in CI), a desk on it, and a
// filler file that takes the last free byte.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

const isRoot = process.getuid?.() === 0;

function withSmallDisk(sizeMb: number, fn: (mount: string) => void): void {
  const mount = join(tempDir(), 'disk');
  mkdirSync(mount);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', mount]);
  try {
    fn(mount);
  } finally {
    execFileSync('umount', ['-l', mount]);
  }
}

/** Writes until the disk refuses; returns the filler's path. */
function fillDisk(dir: string): string {
  const path = join(dir, 'filler.bin');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    // Take the last partial block too.
    const small = Buffer.alloc(512, 1);
    try {
      for (;;) writeSync(fd, small);
    } catch {
      // full
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

describe.runIf(isRoot)('a full disk', () => {
  it('is named with the bytes free and the folder; nothing half-written, no lock left, no stack trace; writes work once there is room', () => {
    withSmallDisk(24, (mount) => {
      const dir = join(mount, 'desk');
      lifeboatJson(['demo', '--state', dir, '--seed', '9']);
      lifeboatJson(['checkpoint', 'create', '--state', dir]);
      const before = lifeboat(['state', 'export', '--state', dir]).stdout;
      const checkpoints = lifeboatJson(['checkpoint', 'list', '--state', dir]).checkpoints.length;
      const filler = fillDisk(mount);
      for (const args of [['simulate', '--ticks', '200'], ['checkpoint', 'create'], ['state', 'import', join(process.cwd(), 'test/fixtures/import/strategy-checkpoint.json')]]) {
        const r = lifeboat([...args, '--state', dir]);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr, args.join(' ')).toMatch(new RegExp(`the disk is full: [\\d,]+ bytes free in ${mount}`));
        expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at |disk I\/O error/);
        expect(existsSync(join(dir, 'lifeboat.lock')), args.join(' ')).toBe(false);
      }
      expect(lifeboat(['state', 'export', '--state', dir]).stdout).toBe(before);
      expect(lifeboatJson(['checkpoint', 'list', '--state', dir]).checkpoints.length).toBe(checkpoints);

      // Room for the lock but not for the work: SQLite's own write fails, mid-way through the ticks.
      truncateSync(filler, statSync(filler).size - 128 * 1024);
      const r = lifeboat(['simulate', '--ticks', '5000', '--state', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`the disk is full: [\\d,]+ bytes free in ${dir}`));
      expect(r.stderr).not.toMatch(/\n\s+at |disk I\/O error/);
      expect(existsSync(join(dir, 'lifeboat.lock'))).toBe(false);

      rmSync(filler);
      // Each tick is one transaction: those before the disk filled are whole, the one it failed in is absent.
      expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
      expect(lifeboat(['checkpoint', 'verify', '--all', '--state', dir]).code).toBe(0);
      expect(lifeboat(['simulate', '--ticks', '20', '--state', dir]).code).toBe(0);
      // The live rows still agree with the state hash the triggers kept.
      expect(lifeboat(['checkpoint', 'create', '--state', dir]).code).toBe(0);
      expect(lifeboat(['checkpoint', 'verify', '--all', '--state', dir]).code).toBe(0);
    });
  });
});
