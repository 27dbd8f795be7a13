// A read-only copy of a state folder (a mounted backup, a forensic copy) is read, not refused: the
// WAL's -shm cannot be made there, so Lifeboat reads a private copy and says the folder is
// read-only (#15 point 15). A real read-only bind mount: root only, as in CI.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

const isRoot = process.getuid?.() === 0;

function readOnlyView(source: string, fn: (view: string) => void): void {
  const view = join(tempDir(), 'mounted');
  mkdirSync(view);
  execFileSync('mount', ['--bind', source, view]);
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', view]);
    fn(view);
  } finally {
    execFileSync('umount', ['-l', view]);
  }
}

describe.runIf(isRoot)('a read-only state folder', () => {
  it('without the WAL\'s -shm file is read through a private copy, says so, and leaves no trace', () => {
    const parent = tempDir();
    const desk = join(parent, 'desk');
    expect(lifeboat(['demo', '--state', desk]).code).toBe(0);
    expect(existsSync(join(desk, 'lifeboat.db-shm'))).toBe(false); // what made such folders unreadable
    const files = readdirSync(desk).sort();
    let counts: unknown = null;

    readOnlyView(parent, (view) => {
      const dir = join(view, 'desk');
      const status = lifeboat(['status', '--state', dir, '--json']);
      expect(status.code).toBe(0);
      const body = JSON.parse(status.stdout);
      expect(body.readOnly).toMatch(/^the state folder is read-only .*: showing a private copy of it taken at /);
      counts = body.counts;
      expect(status.stderr).toMatch(/note: .*is read-only/);
      expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
      expect(lifeboat(['checkpoint', 'list', '--state', dir]).code).toBe(0);
      // Writing is refused, and says why, without a stack trace.
      const write = lifeboat(['checkpoint', 'create', '--state', dir]);
      expect(write.code).not.toBe(0);
      expect(write.stderr).toMatch(/read-only/);
      expect(write.stderr).not.toMatch(/\n\s+at /);
    });
    expect(readdirSync(desk).sort()).toEqual(files);
    expect(counts).toEqual(lifeboatJson(['status', '--state', desk]).counts);
  });

  it('with its -shm file is read in place and still says it is read-only', () => {
    const parent = tempDir();
    const desk = join(parent, 'desk');
    expect(lifeboat(['demo', '--state', desk]).code).toBe(0);
    expect(lifeboat(['checkpoint', 'create', '--state', desk]).code).toBe(0);
    const writable = lifeboatJson(['checkpoint', 'list', '--state', desk]);
    readOnlyView(parent, (view) => {
      const dir = join(view, 'desk');
      const status = lifeboatJson(['status', '--state', dir]);
      expect(status.readOnly).toMatch(/^the state folder is read-only/);
      // The same catalog; only the age of the newest checkpoint moves with the clock.
      const seen = lifeboatJson(['checkpoint', 'list', '--state', dir]);
      expect({ ...seen, staleness: { ...seen.staleness, ageSeconds: null } }).toEqual({ ...writable, staleness: { ...writable.staleness, ageSeconds: null } });
    });
  });
});
