import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

describe('lifeboat simulate and audit verify', () => {
  it('simulate changes the state; the audit chain holds, and an edited row is named with exit 3', () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const before = lifeboat(['state', 'export', '--state', state, '--json']).stdout;
    const sim = lifeboatJson(['simulate', '--state', state, '--ticks', '1000', '--seed', '3']);
    expect(sim.ticks).toBe(1000);
    expect(sim.created + sim.filled + sim.cancelled).toBeGreaterThan(0);
    expect(lifeboat(['state', 'export', '--state', state, '--json']).stdout).not.toBe(before);

    const verified = lifeboatJson(['audit', 'verify', '--state', state]);
    expect(verified).toMatchObject({ ok: true, firstBad: null });
    expect(verified.entries).toBeGreaterThan(1000);

    // Edit one audit row behind Lifeboat's back, as with the sqlite3 shell.
    const db = new Database(join(state, 'lifeboat.db'));
    db.prepare(`UPDATE audit_log SET details = json_set(details, '$.forged', 1) WHERE seq = 500`).run();
    db.close();
    const broken = lifeboat(['audit', 'verify', '--state', state, '--json']);
    expect(broken.code).toBe(3);
    expect(JSON.parse(broken.stdout).firstBad.seq).toBe(500);
    const text = lifeboat(['audit', 'verify', '--state', state]);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/#500/);
  });
});
