import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

type Export = Record<string, Record<string, unknown>[]>;
const KEYS: Record<string, (r: any) => string> = {
  accounts: (r) => r.accountId,
  strategies: (r) => r.strategyId,
  positions: (r) => `${r.strategyId}/${r.symbol}`,
  orders: (r) => r.orderId,
  cashBalances: (r) => `${r.accountId}/${r.currency}`,
  riskState: (r) => `${r.accountId}/${r.strategyId}`,
};

/** Rows that differ between two exports, per table, by key. */
function changedRows(a: Export, b: Export): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [table, key] of Object.entries(KEYS)) {
    const before = new Map(a[table].map((r) => [key(r), JSON.stringify(r)]));
    const after = new Map(b[table].map((r) => [key(r), JSON.stringify(r)]));
    let n = 0;
    for (const k of new Set([...before.keys(), ...after.keys()])) if (before.get(k) !== after.get(k)) n++;
    out[table] = n;
  }
  return out;
}

describe('lifeboat checkpoint and rollback', () => {
  it('diff lists exactly what the simulation changed; rollback and its undo restore each state by hash', () => {
    const state = join(tempDir(), 'desk');
    const S = ['--state', state];
    lifeboatJson(['demo', ...S, '--seed', '7']);
    const first = lifeboatJson(['checkpoint', 'create', ...S, '--label', 'before']);
    const exportBefore = lifeboatJson<Export>(['state', 'export', ...S]);
    lifeboatJson(['simulate', ...S, '--ticks', '50', '--seed', '9']);
    const second = lifeboatJson(['checkpoint', 'create', ...S]);
    const exportAfter = lifeboatJson<Export>(['state', 'export', ...S]);

    const diff = lifeboatJson(['checkpoint', 'diff', first.checkpointId, second.checkpointId, ...S]);
    const expected = changedRows(exportBefore, exportAfter);
    const byTable = Object.fromEntries(diff.tables.map((t: any) => [t.table, t.added + t.removed + t.changed]));
    expect(byTable).toMatchObject({
      accounts: expected.accounts,
      strategies: expected.strategies,
      positions: expected.positions,
      orders: expected.orders,
      cash_balances: expected.cashBalances,
      risk_state: expected.riskState,
    });
    expect(diff.rows.length).toBeGreaterThan(0);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(second.rootHash);

    // A dry run changes nothing: same hash, no new checkpoint.
    const count = lifeboatJson(['checkpoint', 'list', ...S]).checkpoints.length;
    const preview = lifeboatJson(['rollback', first.checkpointId, '--dry-run', ...S]);
    expect(preview.rows.length).toBe(diff.rows.length);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(second.rootHash);
    expect(lifeboatJson(['checkpoint', 'list', ...S]).checkpoints.length).toBe(count);

    const rolled = lifeboatJson(['rollback', first.checkpointId, '--yes', ...S]);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(first.rootHash);
    expect(lifeboatJson(['checkpoint', 'show', rolled.preRollbackId, ...S])).toMatchObject({ type: 'pre_rollback', rootHash: second.rootHash });
    lifeboatJson(['rollback', rolled.preRollbackId, '--yes', ...S]);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(second.rootHash);
    expect(lifeboatJson(['audit', 'verify', ...S]).ok).toBe(true);
  });

  it('a flipped byte is found by verify (exit 3, naming table and chunk) and rollback to it is refused', () => {
    const state = join(tempDir(), 'desk');
    const S = ['--state', state];
    lifeboatJson(['demo', ...S, '--seed', '7']);
    const first = lifeboatJson(['checkpoint', 'create', ...S]);
    expect(lifeboat(['checkpoint', 'verify', '--all', ...S]).code).toBe(0);
    const db = new Database(join(state, 'lifeboat.db'));
    const chunk = db.prepare(`SELECT hash, data FROM chunks WHERE kind = 'rows' ORDER BY hash LIMIT 1`).get() as { hash: string; data: Buffer };
    chunk.data[3] ^= 0x01;
    db.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(chunk.data, chunk.hash);
    db.close();

    const verify = lifeboat(['checkpoint', 'verify', first.checkpointId, ...S]);
    expect(verify.code).toBe(3);
    expect(verify.stdout).toMatch(new RegExp(`CORRUPT: table \\w+, chunk ${chunk.hash.slice(0, 12)}`));
    expect(lifeboatJson(['checkpoint', 'show', first.checkpointId, ...S]).status).toBe('corrupt');
    const hash = lifeboatJson(['state', 'hash', ...S]).rootHash;
    const refused = lifeboat(['rollback', first.checkpointId, '--yes', ...S]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/cannot be a rollback target|damaged/);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(hash);
  });

  it('exports strategy-checkpoint files that import back', () => {
    const state = join(tempDir(), 'desk');
    const S = ['--state', state];
    lifeboatJson(['demo', ...S, '--seed', '7']);
    const c = lifeboatJson(['checkpoint', 'create', ...S]);
    const exported = lifeboatJson(['checkpoint', 'export', c.checkpointId, ...S]);
    const strategies = readdirSync(join(state, 'exports'));
    expect(strategies.length).toBe(lifeboatJson(['status', ...S]).counts.strategies);
    const latest = join(state, 'exports', strategies[0], 'latest.json');
    expect(existsSync(latest)).toBe(true);
    expect(exported.files).toContain(latest);
    const before = lifeboatJson(['state', 'hash', ...S]).rootHash;
    expect(lifeboat(['state', 'import', latest, ...S]).code).toBe(0);
    // The strategy's positions come back as they were; only their update time is the file's.
    const diff = lifeboatJson(['checkpoint', 'diff', c.checkpointId, 'live', ...S]);
    const positions = diff.rows.filter((r: any) => r.table === 'positions');
    expect(positions.filter((r: any) => r.kind !== 'changed')).toEqual([]);
    for (const r of positions) expect(r.fields.map((f: any) => f.field)).toEqual(['updated_at']);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).not.toBe(before);
  });

  it('asks for --dry-run or --yes, and names a bad checkpoint id', () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    expect(lifeboat(['rollback', 'MAN_20261122_000000_abcd', '--state', state]).code).toBe(2);
    const bad = lifeboat(['rollback', 'yesterday', '--dry-run', '--state', state]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a checkpoint id/);
    expect(lifeboat(['checkpoint', 'prune', '--state', state]).stderr).toMatch(/no keep rules/);
  });
});
