// The one write path: every write channel's state.changed names exactly the tables and rows that
// changed (read from the commit's own capture, compared here with the rows before and after).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIVE_TABLES, MAX_KEYS_PER_TABLE, type StateChanged } from '../../../shared/api/changes';
import { Engine } from '../../../electron/engine/engine';
import { tableSpec } from '../../../electron/engine/checkpoints/tables';
import { demoDesk } from '../../support/demo-desk';

const openDesk = () => demoDesk(7);

/** Every live row as text, by table and key. */
function snapshot(e: Engine): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const t of LIVE_TABLES) {
    const rows = e.store.db.prepare(`SELECT ${tableSpec(t).keySql()} AS lb_key, * FROM ${t}`).all() as Record<string, unknown>[];
    out.set(t, new Map(rows.map((r) => [String(r.lb_key), JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))])));
  }
  return out;
}

/** The keys whose rows differ between two snapshots (inserted, deleted or changed), by table. */
function differences(before: Map<string, Map<string, string>>, after: Map<string, Map<string, string>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of LIVE_TABLES) {
    const a = before.get(t)!;
    const b = after.get(t)!;
    const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
    if (keys.length) out[t] = keys;
  }
  return out;
}

function collect(e: Engine): StateChanged[] {
  const seen: StateChanged[] = [];
  e.events.subscribe((ev) => {
    if (ev.name === 'state.changed') seen.push(ev.payload);
  });
  return seen;
}

/** The live-table rows the events named, merged; a table named with null keys counts as "all of it". */
function named(events: StateChanged[]): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const ev of events) {
    for (const t of ev.tables) {
      if (t === 'audit_log') continue;
      const keys = ev.rows[t];
      out[t] = keys === null || out[t] === null ? null : [...new Set([...(out[t] ?? []), ...(keys ?? [])])].sort();
    }
  }
  return out;
}

function expectNamedExactly(events: StateChanged[], diff: Record<string, string[]>): void {
  const got = named(events);
  expect(Object.keys(got).sort()).toEqual(Object.keys(diff).sort());
  for (const [t, keys] of Object.entries(diff)) {
    if (got[t] === null) expect(keys.length).toBeGreaterThan(MAX_KEYS_PER_TABLE);
    else expect(got[t]).toEqual(keys);
  }
}

describe('the commit path', () => {
  it('state.import names the tables and rows the import wrote, and the audit entry', async () => {
    const e = openDesk();
    const account = e.store.accounts()[0].accountId;
    const before = snapshot(e);
    const events = collect(e);
    const content = readFileSync(join(import.meta.dirname, '../../fixtures/import/strategy-checkpoint.json'), 'utf8');
    const result = await e.call('state.import', { fileName: 'sc.json', content, accountId: account });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reason: 'state.import', auditSeq: result.auditSeq });
    expect(events[0].tables).toContain('audit_log');
    expectNamedExactly(events, differences(before, snapshot(e)));
  });

  it('a refused import writes nothing and announces nothing; the next commit names only its own rows', async () => {
    const e = openDesk();
    const events = collect(e);
    const before = snapshot(e);
    await expect(e.call('state.import', { fileName: 'bad.json', content: '{"strategy_name": "x", "positions": [{"symbol": ""}]}' })).rejects.toMatchObject({ code: 'bad_request' });
    expect(events).toEqual([]);
    expect(differences(before, snapshot(e))).toEqual({});
    const job = await e.call('simulate.start', { ticks: 3, seed: 1 });
    await e.jobs.wait(job.jobId);
    expectNamedExactly(events, differences(before, snapshot(e)));
  });

  it('a simulation announces every row its ticks wrote, and rollback names what it put back', async () => {
    const e = openDesk();
    const target = e.checkpoints.create('manual');
    const events = collect(e);
    let before = snapshot(e);
    const sim = await e.call('simulate.start', { ticks: 40, seed: 3 });
    await e.jobs.wait(sim.jobId);
    expect(events.every((ev) => ev.reason === 'simulate.tick')).toBe(true);
    expectNamedExactly(events, differences(before, snapshot(e)));

    events.length = 0;
    before = snapshot(e);
    const job = await e.call('rollback.apply', { checkpointId: target.checkpointId, scope: {}, confirm: target.checkpointId });
    expect((await e.jobs.wait(job.jobId)).state).toBe('succeeded');
    expect(events.map((ev) => ev.reason)).toEqual(['rollback.apply']);
    expectNamedExactly(events, differences(before, snapshot(e)));
  });

  it('names a table alone once more rows changed than an event carries keys for', () => {
    const e = openDesk();
    const events = collect(e);
    const n = MAX_KEYS_PER_TABLE + 1;
    e.commit('test', () => {
      const put = e.store.db.prepare("INSERT INTO settings (key, value_json) VALUES (?, '1')");
      for (let i = 0; i < n; i++) put.run(`test.many.${i}`);
    });
    expect(events).toHaveLength(1);
    expect(events[0].tables).toEqual(['settings']);
    expect(events[0].rows.settings).toBeNull();
  });

  it('refuses a commit inside another transaction, whose changes would be announced before they are durable', () => {
    const e = openDesk();
    expect(() => e.store.db.transaction(() => e.commit('nested', () => undefined))()).toThrow(/inside another transaction/);
  });

  it('is refused on a desk opened read-only', async () => {
    const e = openDesk();
    const dir = e.paths.dir;
    await e.close();
    const reader = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test' });
    try {
      expect(() => reader.commit('test', () => undefined)).toThrow(/read-only/);
    } finally {
      await reader.close();
    }
  });
});
