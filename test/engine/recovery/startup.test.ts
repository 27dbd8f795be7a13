// The start-up coordinator when a state folder is opened for writing, against real planted faults:
// a writer killed with SIGKILL (unclean: its lease taken over, its job marked interrupted, both
// recorded), a lost WAL and a damaged database (not opened, recorded, the playbook named, the
// files left as they were), a stale desk, a healthy one (its record kept, the history not grown),
// a new one; and a desk opened to read runs none of it.
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LifeboatError } from '../../../shared/result';
import { Engine } from '../../../electron/engine/engine';
import { readRecoveryHistory } from '../../../electron/engine/recovery/playbooks/history';
import { readStartup, readStartups, STARTUP_FILE } from '../../../electron/engine/recovery/startup/record';
import { readLease } from '../../../electron/engine/store/lease';
import { killedWriter } from '../../support/killed-writer';
import { closedDesk, folderListing } from '../../support/closed-desk';
import { lifeboat } from '../../support/cli';
import { tempDir } from '../../support/temp-state';

const open = (dir: string) => Engine.open({ stateDir: dir, mode: 'write', purpose: 'test open' });
const startups = (dir: string) => readStartups(dir);

function refused(dir: string): LifeboatError {
  try {
    open(dir).close();
  } catch (err) {
    if (err instanceof LifeboatError) return err;
    throw err;
  }
  throw new Error('the open was not refused');
}

describe('the start-up coordinator', () => {
  it("an unclean shutdown: the dead holder's lease taken over, its job marked interrupted, and both recorded", async () => {
    const dir = await closedDesk();
    const { pid, jobId } = await killedWriter(dir);
    const engine = open(dir);
    try {
      const s = engine.startup!;
      expect(s).toMatchObject({ kind: 'startup', state: 'unclean', purpose: 'test open', playbook: null });
      expect(s.did.join('\n')).toMatch(new RegExp(`took over the lease of pid ${pid} .*which no longer runs`));
      expect(s.did).toContain('marked 1 job left running as interrupted');
      expect(s.findings.map((f) => f.detector)).toContain('unclean-shutdown');
      expect((await engine.call('jobs.get', { jobId })).state).toBe('interrupted');
      expect(readLease(dir)?.pid).toBe(process.pid);
      // Kept: the newest start-up in its file (and on the channel), and a line of the start-ups not happy.
      expect(await engine.call('recovery.startup', {})).toEqual(s);
      expect(readStartup(dir)).toEqual(s);
      // (The first line is the desk's creation: no-state.)
      expect(startups(dir).map((e) => e.state)).toEqual(['no-state', 'unclean']);
      expect(startups(dir).at(-1)).toEqual(s);
      // The recovery history is the finished recoveries only, as before.
      expect(await engine.call('recovery.history', {})).toEqual([]);
      expect(existsSync(join(dir, 'recovery-history.jsonl'))).toBe(false);
    } finally {
      await engine.close();
    }
    // The next open finds a desk closed cleanly.
    const again = open(dir);
    expect(again.startup!.state).not.toBe('unclean');
    await again.close();
  });

  it('a lost WAL: not opened for writing, recorded, lost-wal named; the -shm and the database untouched', async () => {
    const dir = await closedDesk();
    await killedWriter(dir);
    rmSync(join(dir, 'lifeboat.db-wal'));
    const shm = readFileSync(join(dir, 'lifeboat.db-shm'));
    const db = statSync(join(dir, 'lifeboat.db'));
    const err = refused(dir);
    expect(err.code).toBe('verification_failed');
    expect(err.reason).toMatch(/lifeboat\.db-wal is gone.*are lost\..*Run `lifeboat recover lost-wal`/);
    expect(readFileSync(join(dir, 'lifeboat.db-shm'))).toEqual(shm);
    expect(statSync(join(dir, 'lifeboat.db'))).toMatchObject({ size: db.size, mtimeMs: db.mtimeMs });
    expect(readStartup(dir)).toMatchObject({ state: 'damaged', playbook: 'lost-wal', did: [], checked: ['wal-lost-or-foreign'] });
    expect(startups(dir).map((e) => e.state)).toEqual(['no-state', 'damaged']);
    expect(existsSync(join(dir, 'lifeboat.lock'))).toBe(false);
  });

  it('a damaged database: the open fails as before, and the start-up is recorded naming damaged-database', async () => {
    const dir = await closedDesk({ size: 'small' });
    const file = join(dir, 'lifeboat.db');
    const fd = openSync(file, 'r+');
    // Past the magic string (which a detector reads before any open): the page size, zeroed.
    writeSync(fd, Buffer.alloc(2, 0), 0, 2, 16);
    closeSync(fd);
    expect(refused(dir).reason).toMatch(/not an SQLite database/);
    const s = readStartup(dir)!;
    expect(s).toMatchObject({ state: 'damaged', playbook: 'damaged-database', next: expect.stringMatching(/lifeboat recover damaged-database/) });
    expect(s.findings[0]).toMatchObject({ detector: 'database-damaged', text: expect.stringMatching(/will not open: not an SQLite database, or its header is damaged/) });
    expect(existsSync(file)).toBe(true);
  });

  it('a desk where nothing changed for days is stale, naming the stale-state playbook', async () => {
    const dir = await closedDesk({ asOf: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const engine = open(dir);
    expect(engine.startup).toMatchObject({ state: 'stale', playbook: 'stale-state', says: expect.stringMatching(/No live row changed for 3 days/) });
    await engine.close();
  });

  it('a healthy desk: happy, its record replaced at each open, the history not grown; a new desk is no-state', async () => {
    const fresh = join(tempDir(), 'new-desk');
    const created = Engine.open({ stateDir: fresh, mode: 'write', purpose: 'test create', create: true });
    expect(created.startup).toMatchObject({ state: 'no-state', checked: [] });
    await created.close();

    const dir = await closedDesk();
    const first = open(dir);
    expect(first.startup).toMatchObject({ state: 'happy', playbook: null, next: 'Resume.' });
    expect(first.startup!.checked).toEqual(['unclean-shutdown', 'wal-lost-or-foreign', 'live-state-stale', 'broker-disagreement']);
    await first.close();
    const second = open(dir);
    await second.close();
    expect(readStartup(dir)?.at).toBe(second.startup!.at);
    // Only the desk's creation is a line: a happy start-up is not.
    expect(startups(dir).map((e) => e.state)).toEqual(['no-state']);
  });

  it('a desk opened to read runs none of it: nothing written, the dead holder still named', async () => {
    const dir = await closedDesk();
    const { pid } = await killedWriter(dir);
    const before = folderListing(dir);
    const kept = readFileSync(join(dir, STARTUP_FILE), 'utf8');
    const engine = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test read' });
    expect(engine.startup).toBeNull();
    // The channel gives the newest start-up for writing: the killed writer's (happy), not this open.
    expect(await engine.call('recovery.startup', {})).toMatchObject({ purpose: 'test slow job', state: 'happy' });
    await engine.close();
    // (SQLite's read in place touches the -shm's time, as it did before the coordinator: no file of ours is written.)
    const after = folderListing(dir);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of ['lifeboat.lock', STARTUP_FILE, 'recovery-startups.jsonl', 'lifeboat.db']) expect(after[name]).toEqual(before[name]);
    expect(readFileSync(join(dir, STARTUP_FILE), 'utf8')).toBe(kept);
    expect(readLease(dir)?.pid).toBe(pid);
    expect(readRecoveryHistory(dir)).toEqual([]);
  });

  it('`lifeboat status` prints one line about a start-up that was not happy, and none once it is', async () => {
    const dir = await closedDesk();
    const { pid } = await killedWriter(dir);
    expect(lifeboat(['checkpoint', 'create', '--state', dir]).code).toBe(0);
    const [first] = lifeboat(['status', '--state', dir]).stdout.split('\n');
    expect(first).toMatch(new RegExp(`^Start-up: unclean \\(.*, cli checkpoint create\\): .*Done at open: took over the lease of pid ${pid} .*marked 1 job left running as interrupted.*\\. Run \`lifeboat doctor\``));
    expect(lifeboat(['checkpoint', 'create', '--state', dir]).code).toBe(0);
    const status = lifeboat(['status', '--state', dir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^State folder/);
    expect(status.stdout).not.toMatch(/Start-up/);
  });
});
