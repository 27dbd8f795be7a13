// Sync after normal trading: a broker file taken before the simulator closed some of our orders
// must sync again cleanly, in every demo-broker format, and a sync that fails leaves nothing behind.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

interface PlantedFile {
  format: string;
  file: string;
  mapping: string | null;
}

function demo(seed: number) {
  const state = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', state, '--seed', String(seed)]);
  const planted = JSON.parse(readFileSync(join(state, 'demo-broker', 'planted.json'), 'utf8')) as { files: PlantedFile[] };
  const S = ['--state', state];
  const broker = (format: string) => {
    const f = planted.files.find((x) => x.format === format)!;
    return ['--broker', join(state, 'demo-broker', f.file), ...(f.mapping ? ['--mapping', join(state, 'demo-broker', f.mapping)] : [])];
  };
  return { state, S, broker };
}

/** Everything a failed run must not change: the live state, the checkpoints, the runs and the audit trail. */
function footprint(S: string[]) {
  const audit = lifeboatJson(['audit', 'verify', ...S]);
  return {
    state: lifeboat(['state', 'export', ...S]).stdout,
    checkpoints: lifeboatJson(['checkpoint', 'list', ...S]).checkpoints.map((c: any) => c.checkpointId),
    runs: lifeboatJson(['reconcile', 'list', ...S]).map((r: any) => r.runId),
    auditEntries: audit.entries,
    auditOk: audit.ok,
  };
}

describe('reconcile --strategy sync after the desk has traded', () => {
  for (const format of ['ccxt', 'alpaca', 'csv', 'lifeboat']) {
    it(`syncs the same ${format} file again after simulate: closed orders are status mismatches, not external orders`, () => {
      const { S, broker } = demo(11);
      const first = lifeboat(['reconcile', ...broker(format), '--strategy', 'sync', ...S, '--json']);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const externalFirst = JSON.parse(first.stdout).discrepancies.filter((f: any) => f.kind === 'external_order').map((f: any) => f.orderRef);

      lifeboatJson(['simulate', ...S, '--ticks', '200', '--seed', '3']);

      // A warn run first: what the sync will act on.
      const warn = JSON.parse(lifeboat(['reconcile', ...broker(format), ...S, '--json']).stdout);
      const external = warn.discrepancies.filter((f: any) => f.kind === 'external_order');
      // The planted external orders were adopted by the first sync; none of the broker's open orders is unknown to us now.
      expect(external.map((f: any) => f.orderRef)).toEqual([]);
      const reopened = warn.discrepancies.filter((f: any) => f.kind === 'order_status_mismatch' && f.broker.status !== 'filled' && f.broker.status !== 'cancelled');
      expect(reopened.length).toBeGreaterThan(0);
      for (const f of reopened) expect(['filled', 'cancelled', 'rejected', 'expired']).toContain(f.local.status);
      expect(externalFirst.length).toBeGreaterThan(0);

      const second = lifeboat(['reconcile', ...broker(format), '--strategy', 'sync', ...S, '--json']);
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);
      const report = JSON.parse(second.stdout);
      expect(report.checkpointId).toMatch(/^SYN_/);
      // What needs action is adopted (a difference within tolerance needs none).
      expect(report.discrepancies.filter((f: any) => !f.withinTolerance && f.resolution !== 'accept_broker')).toEqual([]);

      // The sync adopted the broker's word: nothing is left to find, and a repeated sync changes nothing.
      const again = lifeboat(['reconcile', ...broker(format), ...S, '--json']);
      expect(JSON.parse(again.stdout).discrepancies).toEqual([]);
      expect(again.code).toBe(0);
      const hash = lifeboatJson(['state', 'hash', ...S]).rootHash;
      expect(lifeboat(['reconcile', ...broker(format), '--strategy', 'sync', ...S]).code).toBe(0);
      expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(hash);
      expect(lifeboatJson(['audit', 'verify', ...S]).ok).toBe(true);
    });
  }

  it('a sync whose run cannot be stored leaves no checkpoint, no correction, no run and no audit entry', () => {
    const { state, S, broker } = demo(11);
    // Fault injection: the last write of a run (storing it) fails.
    const db = new Database(join(state, 'lifeboat.db'));
    db.exec(`CREATE TRIGGER test_refuse_runs BEFORE INSERT ON recon_runs BEGIN SELECT RAISE(ABORT, 'test: cannot store the run'); END`);
    db.close();
    const before = footprint(S);
    const r = lifeboat(['reconcile', ...broker('lifeboat'), '--strategy', 'sync', ...S]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot store the run/);
    expect(footprint(S)).toEqual(before);

    const fixed = new Database(join(state, 'lifeboat.db'));
    fixed.exec('DROP TRIGGER test_refuse_runs');
    fixed.close();
    expect(lifeboat(['reconcile', ...broker('lifeboat'), '--strategy', 'sync', ...S]).code).toBe(0);
    const after = footprint(S);
    expect(after.checkpoints).toHaveLength(before.checkpoints.length + 1);
    expect(after.runs).toHaveLength(1);
    expect(after.auditOk).toBe(true);
  });
});
