import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

describe('bad command lines and files', () => {
  it('an unknown command is a usage error (exit 2)', () => {
    const r = lifeboat(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('an unknown flag is a usage error naming the flag', () => {
    const r = lifeboat(['status', '--colour', 'blue']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--colour/);
  });

  it('a flag value of the wrong kind is a usage error naming the flag', () => {
    const state = tempDir();
    expect(lifeboat(['simulate', '--state', state, '--ticks', 'many']).stderr).toMatch(/--ticks takes a whole number/);
    expect(lifeboat(['simulate', '--state', state, '--ticks', 'many']).code).toBe(2);
    expect(lifeboat(['demo', '--state', state, '--size', 'huge']).code).toBe(2);
    expect(lifeboat(['simulate', '--state', state]).stderr).toMatch(/--ticks is required/);
  });

  it('a missing state folder fails naming the folder (exit 1), and --json errors go to stderr as JSON', () => {
    const missing = join(tempDir(), 'nowhere');
    const r = lifeboat(['status', '--state', missing, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr).error).toMatchObject({ where: missing, message: expect.stringMatching(/does not exist/) });
  });

  it('a bad import file is refused naming file and field, with no write at all', () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const before = lifeboat(['state', 'export', '--state', state, '--json']).stdout;
    const auditBefore = lifeboatJson(['audit', 'verify', '--state', state]).entries;
    const strategy = lifeboatJson(['state', 'export', '--state', state]).strategies[0].name;
    const cases: [string, string, RegExp][] = [
      ['truncated.json', '{"strategy_name": "x", "positions": [', /not valid JSON/],
      ['text.json', 'hello, I am not JSON', /not valid JSON/],
      ['other.json', '{"hello": "world"}', /not a strategy checkpoint/],
      ['flex.xml', readFileSync(join(process.cwd(), 'test/fixtures/broker/ibkr-flex.xml'), 'utf8'), /an IBKR Flex statement is a broker statement, not a bot's state file: compare it with our books with `lifeboat reconcile --broker FILE`/],
      [
        'exponent.json',
        JSON.stringify({ strategy_name: strategy, timestamp: '2026-11-22T10:00:00Z', strategy_state: {}, positions: [{ symbol: 'AAPL', quantity: '1e400', avg_price: '10' }], pending_orders: [], cash_balance: '100' }),
        /positions\[0\]\.quantity/,
      ],
      [
        'comma.json',
        JSON.stringify({ strategy_name: strategy, timestamp: '2026-11-22T10:00:00Z', strategy_state: {}, positions: [], pending_orders: [], cash_balance: '12,5' }),
        /cash_balance/,
      ],
    ];
    for (const [name, content, reason] of cases) {
      const file = join(tempDir(), name);
      writeFileSync(file, content);
      const r = lifeboat(['state', 'import', file, '--state', state]);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(reason);
      expect(r.stderr, name).toContain(name);
    }
    expect(lifeboat(['state', 'import', join(tempDir(), 'absent.json'), '--state', state]).stderr).toMatch(/cannot read the file/);
    expect(lifeboat(['state', 'export', '--state', state, '--json']).stdout).toBe(before);
    expect(lifeboatJson(['audit', 'verify', '--state', state]).entries).toBe(auditBefore);
  });
});

describe('command-line words that were misread', () => {
  it('a negative number gets the range message, a usage error', () => {
    const r = lifeboat(['simulate', '--ticks', '-5', '--state', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--ticks must be between 1 and .*got -5/);
    expect(r.stderr).not.toMatch(/ambiguous/);
  });

  it('prune with no keep rules is a usage error (exit 2), and nothing is pruned', () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '3']);
    lifeboatJson(['checkpoint', 'create', '--state', state]);
    const r = lifeboat(['checkpoint', 'prune', '--state', state]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least one --keep-/);
    expect(lifeboatJson(['checkpoint', 'list', '--state', state]).checkpoints).toHaveLength(1);
  });

  it('--state "" is a usage error, never the current folder', () => {
    const r = lifeboat(['status', '--state', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--state needs a folder/);
  });
});

describe('execution-checkpoint versions', () => {
  it('a version this Lifeboat does not read is refused naming the file, the field and the versions it reads; nothing is written', () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const before = lifeboat(['state', 'hash', '--state', state]).stdout;
    const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/import/execution-checkpoint.json'), 'utf8'));
    for (const version of [999, 'v-from-the-future-42', 0]) {
      const file = join(tempDir(), `exec-${version}.json`);
      writeFileSync(file, JSON.stringify({ ...fixture, version }));
      const r = lifeboat(['state', 'import', file, '--state', state]);
      expect(r.code, String(version)).toBe(1);
      expect(r.stderr, String(version)).toContain(`exec-${version}.json:`);
      expect(r.stderr, String(version)).toMatch(/version.*is not one this Lifeboat reads \(it reads 1, 2, 3\)/);
    }
    expect(lifeboat(['state', 'hash', '--state', state]).stdout).toBe(before);
  });
});
