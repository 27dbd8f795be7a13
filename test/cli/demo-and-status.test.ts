import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('lifeboat demo, status and state export', () => {
  it('status agrees with the counts demo reports', () => {
    const state = join(tempDir(), 'desk');
    const demo = lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const status = lifeboatJson(['status', '--state', state]);
    expect(status.counts).toMatchObject({
      accounts: demo.accounts,
      strategies: demo.strategies,
      positions: demo.positions,
      orders: demo.orders,
      openOrders: demo.openOrders,
    });
    expect(demo.accounts).toBeGreaterThanOrEqual(2);
    expect(demo.strategies).toBeGreaterThanOrEqual(6);
    expect(demo.positions).toBeGreaterThanOrEqual(150);
    expect(demo.orders).toBeGreaterThanOrEqual(1500);
    expect(status.accounts.map((a: any) => a.account.accountId).length).toBe(demo.accounts);
  });

  it('the same seed gives a byte-identical export, another seed a different one', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => join(tempDir(), n));
    lifeboatJson(['demo', '--state', a, '--seed', '7']);
    lifeboatJson(['demo', '--state', b, '--seed', '7']);
    lifeboatJson(['demo', '--state', c, '--seed', '8']);
    const exports = [a, b, c].map((s) => lifeboat(['state', 'export', '--state', s, '--json']));
    for (const e of exports) expect(e.code).toBe(0);
    expect(sha(exports[0].stdout)).toBe(sha(exports[1].stdout));
    expect(sha(exports[0].stdout)).not.toBe(sha(exports[2].stdout));
    // The indented form is canonical too.
    expect(lifeboat(['state', 'export', '--state', a]).stdout).toBe(lifeboat(['state', 'export', '--state', b]).stdout);
  });

  it('refuses to build a demo desk over an existing one, changing nothing', () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const before = lifeboat(['state', 'export', '--state', state, '--json']).stdout;
    const again = lifeboat(['demo', '--state', state, '--seed', '9']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already/);
    expect(lifeboat(['state', 'export', '--state', state, '--json']).stdout).toBe(before);
  });
});
