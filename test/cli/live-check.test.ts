// One digit changed in a live row by something other than Lifeboat (here: another connection with
// the triggers dropped, as a hex editor or a careless tool would leave it).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { api, lifeboat, lifeboatJson, serve } from '../support/cli';
import { tempDir } from '../support/temp-state';

function desk(): { dir: string; checkpointId: string } {
  const dir = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', dir, '--seed', '12']);
  const cp = lifeboatJson(['checkpoint', 'create', '--state', dir]);
  lifeboatJson(['simulate', '--ticks', '20', '--state', dir]);
  return { dir, checkpointId: cp.checkpointId };
}

/** Changes a position's quantity behind Lifeboat's back; returns its key. */
function editBehindLifeboat(dir: string): { key: string; quantity: string } {
  const db = new Database(join(dir, 'lifeboat.db'));
  const p = db.prepare('SELECT strategy_id, symbol, quantity FROM positions ORDER BY strategy_id, symbol LIMIT 1 OFFSET 7').get() as { strategy_id: string; symbol: string; quantity: string };
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'positions'`).all() as { name: string; sql: string }[];
  db.transaction(() => {
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    db.prepare('UPDATE positions SET quantity = ? WHERE strategy_id = ? AND symbol = ?').run(`${p.quantity}1`, p.strategy_id, p.symbol);
    for (const t of triggers) db.exec(t.sql);
  })();
  db.close();
  return { key: `${p.strategy_id}\u001f${p.symbol}`, quantity: p.quantity };
}

describe('live rows written outside Lifeboat', () => {
  it('an intact desk checks clean', () => {
    const { dir } = desk();
    const r = lifeboatJson(['state', 'check', '--state', dir]);
    expect(r).toMatchObject({ ok: true, tables: [], differences: [] });
    expect(r.rows).toBeGreaterThan(2000);
  });

  it('are found by `state check`, naming the table and the row (exit 3)', () => {
    const { dir } = desk();
    const { key } = editBehindLifeboat(dir);
    const r = lifeboat(['state', 'check', '--state', dir, '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, tables: [{ table: 'positions' }], differences: [{ table: 'positions', key, kind: 'changed' }] });
  });

  it('are found when a console opens, and shown in the desk status', async () => {
    const { dir } = desk();
    const { key } = editBehindLifeboat(dir);
    const s = await serve(dir);
    try {
      const status = await api(s, 'desk.status');
      expect(status.body.value.liveCheck).toMatchObject({ ok: false, differences: [{ table: 'positions', key }] });
    } finally {
      await s.stop();
    }
  });

  it('are put back as Lifeboat wrote them by `state check --repair`, audited with what was found; rollbacks work again', () => {
    const { dir, checkpointId } = desk();
    const { key } = editBehindLifeboat(dir);
    const repaired = lifeboatJson(['state', 'check', '--repair', '--state', dir]);
    expect(repaired).toMatchObject({ restored: 1, check: { ok: true } });
    const entry = lifeboatJson(['audit', 'list', '--action', 'state.repair', '--state', dir]).entries[0];
    expect(entry.details.restored).toEqual([{ table: 'positions', key, kind: 'changed', found: expect.stringMatching(/"quantity":"[^"]*1"/) }]);
    expect(lifeboatJson(['state', 'check', '--state', dir]).ok).toBe(true);
    expect(lifeboat(['rollback', checkpointId, '--yes', '--state', dir]).code).toBe(0);
    expect(lifeboat(['checkpoint', 'verify', '--all', '--state', dir]).code).toBe(0);
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
  });

  it('keep a whole checkpoint from taking them in (the first one, read from the live rows)', () => {
    const dir = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', dir, '--seed', '12']);
    editBehindLifeboat(dir);
    const r = lifeboat(['checkpoint', 'create', '--state', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no checkpoint taken: live rows differ from the state hash Lifeboat kept \(written outside Lifeboat\): positions/);
    expect(lifeboatJson(['checkpoint', 'list', '--state', dir]).checkpoints).toEqual([]);
  });

  it('an intact desk has nothing to repair', () => {
    const r = lifeboat(['state', 'check', '--repair', '--state', desk().dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing to put back/);
  });
});
