import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, readLease } from '../../electron/engine/store/lease';
import { bundleChild, startChild } from '../support/child-process';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

function desk(): string {
  const dir = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', dir, '--seed', '4']);
  return dir;
}

/** The lock a console in a container left behind before the container was restarted under a new name. */
function otherHostLock(dir: string): void {
  const lock = { pid: 4242, host: 'trading-7f3a9c', startedAt: '2026-11-30T06:00:00.000Z', processStart: '123', purpose: 'serve', nonce: 'gone1234' };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(lock));
}

describe('a lock held by another host', () => {
  it('blocks writes naming the holder, since when, and the way out', () => {
    const dir = desk();
    otherHostLock(dir);
    const r = lifeboat(['simulate', '--ticks', '1', '--state', dir]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/held by pid 4242 on trading-7f3a9c \(serve, since 2026-11-30T06:00:00.000Z\)/);
    expect(r.stderr).toMatch(/lifeboat lock break --yes/);
    const shown = lifeboatJson(['lock', 'show', '--state', dir]);
    expect(shown).toMatchObject({ holder: { host: 'trading-7f3a9c', pid: 4242 }, alive: null, sameHost: false });
  });

  it('is broken only with --yes; the break is audited with the holder it removed, and writes work again', () => {
    const dir = desk();
    otherHostLock(dir);
    const refused = lifeboat(['lock', 'break', '--state', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/needs --yes.*pid 4242 on trading-7f3a9c/);
    expect(readLease(dir)?.host).toBe('trading-7f3a9c');

    const broke = lifeboatJson(['lock', 'break', '--yes', '--reason', 'container restarted', '--state', dir]);
    expect(broke.broken).toMatchObject({ host: 'trading-7f3a9c', pid: 4242 });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const entry = lifeboatJson(['audit', 'list', '--action', 'lease.broken', '--state', dir]).entries[0];
    expect(entry).toMatchObject({ seq: broke.auditSeq, details: { holder: { host: 'trading-7f3a9c', pid: 4242 }, reason: 'container restarted' } });
    expect(lifeboat(['simulate', '--ticks', '1', '--state', dir]).code).toBe(0);
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
  });

  it('a holder running on this host is never broken', async () => {
    const dir = desk();
    const holder = startChild(bundleChild('test/support/children/lease-holder.ts'), [dir]);
    try {
      const pid = Number((await holder.line((l) => l.startsWith('holding '))).split(' ')[1]);
      const r = lifeboat(['lock', 'break', '--yes', '--state', dir]);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(new RegExp(`running process on this host, pid ${pid}.*stop it`));
      expect(readLease(dir)?.pid).toBe(pid);
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('with nobody holding the folder there is nothing to break', () => {
    const r = lifeboat(['lock', 'break', '--yes', '--state', desk()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no lock to break/);
  });
});

describe('a lock path that is a folder', () => {
  it('is named as such, with no stack trace, and nothing is written', () => {
    const dir = desk();
    const before = lifeboat(['state', 'hash', '--state', dir]).stdout;
    mkdirSync(join(dir, LOCK_FILE));
    const r = lifeboat(['simulate', '--ticks', '3', '--state', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lifeboat\.lock is a folder, not a lock file/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(lifeboat(['state', 'hash', '--state', dir]).stdout).toBe(before);
  });
});

describe('a database file that SQLite cannot open', () => {
  it('names the folder standing where its WAL should be, with no stack trace', () => {
    const dir = desk();
    for (const f of ['lifeboat.db-wal', 'lifeboat.db-shm']) rmSync(join(dir, f), { force: true });
    mkdirSync(join(dir, 'lifeboat.db-wal'));
    for (const args of [['simulate', '--ticks', '3'], ['status']]) {
      const r = lifeboat([...args, '--state', dir]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/lifeboat\.db-wal is a folder where SQLite needs its file/);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });
});
