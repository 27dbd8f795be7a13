import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLease, LOCK_FILE, processStartTime, readLease, type LeaseInfo } from '../../../electron/engine/store/lease';
import { LifeboatError } from '../../../shared/result';
import { bundleChild, startChild } from '../../support/child-process';
import { tempDir } from '../../support/temp-state';

function lockOf(pid: number, extra: Partial<LeaseInfo> = {}): LeaseInfo {
  return { pid, host: hostname(), startedAt: '2026-11-22T00:00:00.000Z', processStart: processStartTime(pid), purpose: 'test', nonce: 'n1', ...extra };
}

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('single-writer lease', () => {
  it('records pid, host and start time, and removes the lock on release', () => {
    const dir = tempDir();
    const lease = acquireLease(dir, 'serve');
    const info = readLease(dir)!;
    expect(info.pid).toBe(process.pid);
    expect(info.host).toBe(hostname());
    expect(Date.parse(info.startedAt)).not.toBeNaN();
    lease.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second writer while a live process holds it, naming the holder', async () => {
    const dir = tempDir();
    const holder = startChild(bundleChild('test/support/children/lease-holder.ts'), [dir]);
    const line = await holder.line((l) => l.startsWith('holding '));
    const pid = Number(line.split(' ')[1]);
    try {
      expect(() => acquireLease(dir, 'second')).toThrowError(new RegExp(`pid ${pid} on ${hostname()}`));
      try {
        acquireLease(dir, 'second');
      } catch (err) {
        expect(err).toBeInstanceOf(LifeboatError);
        expect((err as LifeboatError).code).toBe('locked');
      }
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('takes over from a holder that was killed with SIGKILL', async () => {
    const dir = tempDir();
    const holder = startChild(bundleChild('test/support/children/lease-holder.ts'), [dir]);
    await holder.line((l) => l.startsWith('holding '));
    holder.process.kill('SIGKILL');
    await holder.exited;
    expect(readLease(dir)?.pid).toBe(holder.process.pid);
    const lease = acquireLease(dir, 'after crash');
    expect(readLease(dir)?.pid).toBe(process.pid);
    lease.release();
  });

  it('treats a reused pid (alive, but started at another time) as a dead holder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(lockOf(process.ppid, { processStart: '1' })));
    const lease = acquireLease(dir, 'reuse');
    expect(readLease(dir)?.nonce).toBe(lease.info.nonce);
    lease.release();
  });

  it('treats a dead pid as stale and an empty lock file left by a crash as stale', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(lockOf(deadPid())));
    acquireLease(dir, 'dead pid').release();
    writeFileSync(join(dir, LOCK_FILE), '');
    acquireLease(dir, 'empty lock').release();
  });

  it('obeys a holder on another host, since it cannot check it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(lockOf(deadPid(), { host: 'trading-box-7' })));
    expect(() => acquireLease(dir, 'x')).toThrowError(/on trading-box-7/);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).host).toBe('trading-box-7');
  });
});
