// `lifeboat settings` as a real process on a real demo desk: list, set (one audit entry), a refused
// value (exit 1 naming the key and what was expected, nothing written), reset, and the preview.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

function demo() {
  const state = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', state, '--seed', '7']);
  return ['--state', state];
}

const entries = (S: string[]) => lifeboatJson(['audit', 'list', '--limit', '5000', ...S]).entries as { action: string; details: any }[];
const setting = (S: string[], key: string) => lifeboatJson(['settings', 'get', key, ...S]);

describe('lifeboat settings', () => {
  it('lists every setting with value, default and description', () => {
    const S = demo();
    const text = lifeboat(['settings', ...S]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^key\s+value\s+default\s+description/);
    expect(text.stdout).toMatch(/checkpoint\.autoIntervalSeconds\s+60\s+60\s+How often the console takes a checkpoint/);
    const list = lifeboatJson(['settings', ...S]);
    expect(list.find((s: any) => s.key === 'console.theme')).toMatchObject({ value: 'system', default: 'system' });
  });

  it('set writes the setting and exactly one settings.change audit entry', () => {
    const S = demo();
    const before = entries(S).length;
    const r = lifeboat(['settings', 'set', 'checkpoint.autoIntervalSeconds', '120', ...S]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/checkpoint\.autoIntervalSeconds changed: 60 → 120/);
    expect(setting(S, 'checkpoint.autoIntervalSeconds')).toMatchObject({ value: 120, stored: true });
    const after = entries(S);
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ action: 'settings.change', details: { key: 'checkpoint.autoIntervalSeconds', from: 60, to: 120 } });
    // Text that is not JSON is taken as text.
    expect(lifeboat(['settings', 'set', 'alerts.command', '/usr/local/bin/page-oncall --desk 1', ...S]).code).toBe(0);
    expect(setting(S, 'alerts.command').value).toBe('/usr/local/bin/page-oncall --desk 1');
  });

  it('an invalid value exits 1 naming the key and what was expected, and writes nothing', () => {
    const S = demo();
    const settings = lifeboat(['settings', '--json', ...S]).stdout;
    const before = entries(S).length;
    const r = lifeboat(['settings', 'set', 'checkpoint.autoIntervalSeconds', 'soon', ...S]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('checkpoint.autoIntervalSeconds: expected a whole number of seconds from 5 to 86400, got "soon"');
    const tolerance = lifeboat(['settings', 'set', 'reconciliation.tolerance', '{"cash":{"abs":0.01}}', ...S]);
    expect(tolerance.code).toBe(1);
    expect(tolerance.stderr).toMatch(/reconciliation\.tolerance: expected tolerances .* decimal strings/);
    expect(lifeboat(['settings', 'set', 'desk.name', '"x"', ...S]).code).toBe(1);
    expect(lifeboat(['settings', '--json', ...S]).stdout).toBe(settings);
    expect(entries(S).length).toBe(before);
  });

  it('reset puts the default back, audited', () => {
    const S = demo();
    lifeboatJson(['settings', 'set', 'console.theme', 'dark', ...S]);
    const r = lifeboatJson(['settings', 'reset', 'console.theme', ...S]);
    expect(r).toMatchObject({ key: 'console.theme', from: 'dark', to: 'system' });
    expect(setting(S, 'console.theme')).toMatchObject({ value: 'system', stored: false });
    expect(entries(S)[0]).toMatchObject({ action: 'settings.reset', details: { key: 'console.theme' } });
  });

  it('a webhook is stored whole and shown masked, in the output and the audit trail', () => {
    const S = demo();
    const r = lifeboat(['settings', 'set', 'alerts.webhook', 'https://hooks.example.com/desk?token=s3cret', ...S]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('https://hooks.example.com/desk?…');
    const outputs = [r.stdout, lifeboat(['settings', ...S]).stdout, lifeboat(['settings', 'get', 'alerts.webhook', ...S]).stdout, lifeboat(['audit', 'list', '--json', ...S]).stdout, lifeboat(['state', 'export', ...S]).stdout];
    for (const out of outputs) expect(out).not.toContain('s3cret');
    expect(JSON.parse(outputs[4]).settings['alerts.webhook']).toBe('https://hooks.example.com/desk?…');
  });

  it("reconcile runs with the desk's default tolerances where the run names none", () => {
    const S = demo();
    const broker = join(S[1], 'demo-broker', 'alpaca.json');
    const before = JSON.parse(lifeboat(['reconcile', '--broker', broker, '--json', ...S]).stdout);
    const wide = { quantity: { abs: '1000000' }, price: { rel: '1' }, cash: { abs: '100000000' } };
    lifeboatJson(['settings', 'set', 'reconciliation.tolerance', JSON.stringify(wide), ...S]);
    const after = JSON.parse(lifeboat(['reconcile', '--broker', broker, '--json', ...S]).stdout);
    expect(after.tolerances).toEqual(wide);
    expect(after.summary.aboveTolerance).toBeLessThan(before.summary.aboveTolerance);
    // A tolerance the run names wins over the desk's for that field.
    const own = JSON.parse(lifeboat(['reconcile', '--broker', broker, '--tolerance', 'cash=0', '--json', ...S]).stdout);
    expect(own.tolerances).toEqual({ ...wide, cash: { abs: '0' } });
  });

  it('retention-preview counts what a retention would prune, and changes nothing', () => {
    const S = demo();
    for (let i = 0; i < 3; i++) {
      lifeboatJson(['settings', 'set', 'checkpoint.staleAfterSeconds', String(3600 + i), ...S]);
      lifeboatJson(['checkpoint', 'create', ...S]);
    }
    const ids = lifeboatJson(['checkpoint', 'list', ...S]).checkpoints.map((c: any) => c.checkpointId);
    const p = lifeboatJson(['settings', 'retention-preview', '--keep-last', '1', ...S]);
    expect(p).toMatchObject({ total: 3, policy: { keepLast: 1 } });
    expect(p.remove.map((c: any) => c.checkpointId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(lifeboat(['settings', 'retention-preview', '--keep-last', '1', ...S]).stdout).toMatch(/would prune 2 of 3 checkpoints/);
    expect(lifeboatJson(['checkpoint', 'list', ...S]).checkpoints).toHaveLength(3);
  });
});
