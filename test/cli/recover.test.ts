// `lifeboat recover damaged-database` as a real process on real desks: a demo desk with a folder
// backup (passphrase kept) whose database is then damaged for real (64 KiB overwritten) is moved
// aside, restored, verified and recorded; without --yes only the plan; a healthy desk, a held
// desk, a desk with nothing to restore from are refused without losing anything; a drill leaves
// the live desk as it was; a recovery killed with SIGKILL between move-aside and restore is
// finished by running it again.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../shared/api/recovery';
import { injectDamage } from '../../electron/engine/recovery/playbooks/drill';
import { bundleChild, startChild } from '../support/child-process';
import { Engine } from '../../electron/engine/engine';
import { CLI, lifeboat, lifeboatJson } from '../support/cli';
import { folderListing } from '../support/closed-desk';
import { tempDir } from '../support/temp-state';

let root = '';
/** A demo desk with one full backup on a folder destination, its passphrase kept. */
let template = '';
let snapshot: { id: string; rootHash: string; createdAt: string };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lifeboat-recover-'));
  template = join(root, 'desk');
  const S = ['--state', template];
  const pass = join(root, 'pass');
  writeFileSync(pass, 'the recover test passphrase\n', { mode: 0o600 });
  expect(lifeboat(['demo', ...S]).code).toBe(0);
  expect(lifeboat(['backup', 'destination', 'add', 'usb', '--folder', join(root, 'usb'), ...S]).code).toBe(0);
  expect(lifeboat(['backup', 'init', '--passphrase-file', pass, ...S]).code).toBe(0);
  snapshot = lifeboatJson(['backup', 'create', '--type', 'full', ...S]).destinations[0].snapshot;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function desk(from = template): string {
  const dir = join(tempDir(), 'desk');
  cpSync(from, dir, { recursive: true });
  return dir;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const asideFolders = (dir: string) => (existsSync(join(dir, 'damaged')) ? readdirSync(join(dir, 'damaged')).sort() : []);
/** The folder's files without the folder's own mtime (taking and giving back the lease touches it). */
const files = (dir: string) => {
  const l = folderListing(dir);
  delete l['.'];
  return l;
};
const damagedFinding = (dir: string) => (JSON.parse(lifeboat(['doctor', '--state', dir, '--json']).stdout) as DoctorReport).findings.find((f) => f.detector === 'database-damaged')!;

function damagedDesk(from = template): { dir: string; damagedSha: string } {
  const dir = desk(from);
  injectDamage(join(dir, 'lifeboat.db'));
  expect(damagedFinding(dir).found).toBe(true);
  return { dir, damagedSha: sha(join(dir, 'lifeboat.db')) };
}

function expectRecovered(dir: string, damagedSha: string) {
  const [aside] = asideFolders(dir);
  expect(aside).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
  expect(sha(join(dir, 'damaged', aside, 'lifeboat.db'))).toBe(damagedSha);
  expect(lifeboatJson(['state', 'hash', '--state', dir]).rootHash).toBe(snapshot.rootHash);
  const audit = lifeboat(['audit', 'verify', '--state', dir]);
  expect(audit.code, audit.stderr).toBe(0);
  expect(damagedFinding(dir)).toMatchObject({ found: false, checked: true });
  const runs = lifeboatJson(['audit', 'list', '--action', 'recovery.run', '--state', dir]).entries;
  expect(runs).toHaveLength(1);
  const history = readFileSync(join(dir, 'recovery-history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(history).toHaveLength(1);
  const r = history[0];
  expect(runs[0].details).toEqual(r);
  expect(r).toMatchObject({ playbook: 'damaged-database', restoredPointTime: snapshot.createdAt, restoredFrom: { kind: 'backup', destination: 'usb', snapshotId: snapshot.id } });
  expect(r.rtoSeconds).toBeCloseTo((Date.parse(r.verifiedAt) - Date.parse(r.detectedAt)) / 1000, 6);
  expect(r.rpoSeconds).toBeCloseTo((Date.parse(r.detectedAt) - Date.parse(snapshot.createdAt)) / 1000, 6);
  expect(r.rtoSeconds).toBeGreaterThan(0);
  expect(r.rpoSeconds).toBeGreaterThan(0);
  expect(readdirSync(dir).filter((n) => n.startsWith('.lifeboat-recover-') || n === 'lifeboat.lock')).toEqual([]);
  return r;
}

/** What the console's Recovery page gets: the same records, over the recovery.history channel. */
async function historyOverTheApi(dir: string) {
  const engine = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test' });
  try {
    return await engine.call('recovery.history', {});
  } finally {
    await engine.close();
  }
}

describe('lifeboat recover damaged-database', () => {
  it('a damaged database with a backup: moved aside, restored, verified, recorded with RTO and RPO (and given to the console)', async () => {
    const { dir, damagedSha } = damagedDesk();
    const r = lifeboat(['recover', 'damaged-database', '--yes', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    for (let n = 1; n <= 6; n++) expect(r.stdout).toMatch(new RegExp(`^step ${n}/6 \\((runs by itself|waits for --yes)\\): `, 'm'));
    expect(r.stdout).toMatch(/^RTO \d+\.\d\d s /m);
    expect(r.stdout).toMatch(/^RPO \d+ s /m);
    const record = expectRecovered(dir, damagedSha);
    expect(r.stdout).toContain(`RTO ${record.rtoSeconds.toFixed(2)} s`);
    expect(await historyOverTheApi(dir)).toEqual([record]);
    // The restored desk opens for writing.
    expect(lifeboat(['checkpoint', 'create', '--state', dir]).code).toBe(0);
  });

  it('--json: one document with the steps and the record', () => {
    const { dir, damagedSha } = damagedDesk();
    const r = lifeboat(['recover', 'damaged-database', '--yes', '--json', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.steps.map((s: { name: string; state: string }) => [s.name, s.state])).toEqual(
      ['confirm', 'lease', 'move-aside', 'restore', 'verify', 'record'].map((n) => [n, 'succeeded']),
    );
    expect(out.record).toEqual(expectRecovered(dir, damagedSha));
  });

  it('without --yes: the plan, exit 2, nothing moved', () => {
    const { dir } = damagedDesk();
    const before = files(dir);
    const r = lifeboat(['recover', 'damaged-database', '--state', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^step 3\/6 \(waits for --yes\): Move lifeboat\.db/m);
    expect(r.stdout).toMatch(/^step 4\/6 \(waits for --yes\): Restore/m);
    expect(r.stdout + r.stderr).toMatch(/give --yes to run it/);
    expect(files(dir)).toEqual(before);
  });

  it('a healthy desk: nothing to recover, exit 0, nothing written', () => {
    const dir = desk();
    const before = folderListing(dir);
    const r = lifeboat(['recover', 'damaged-database', '--yes', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Nothing to recover: .*lifeboat\.db opens and passes quick_check/);
    expect(folderListing(dir)).toEqual(before);
  });

  it('a desk held by a live writer: exit 4 naming the holder, nothing moved', async () => {
    const { dir } = damagedDesk();
    const holder = startChild(bundleChild('test/support/children/lease-holder.ts'), [dir]);
    try {
      const pid = Number((await holder.line((l) => l.startsWith('holding '))).split(' ')[1]);
      const before = files(dir);
      const r = lifeboat(['recover', 'damaged-database', '--yes', '--state', dir]);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain(`held by pid ${pid} on ${hostname()} (test holder`);
      expect(files(dir)).toEqual(before);
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('no backup to restore from: exit 1 naming what is missing, the damaged database put back where it was', () => {
    const bare = join(tempDir(), 'bare');
    expect(lifeboat(['demo', '--state', bare]).code).toBe(0);
    const { dir, damagedSha } = damagedDesk(bare);
    const r = lifeboat(['recover', 'damaged-database', '--yes', '--state', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no backup destination is configured on this desk.*nothing to restore from\. The damaged files are put back where they were \(lifeboat\.db\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(sha(join(dir, 'lifeboat.db'))).toBe(damagedSha);
    const [aside] = asideFolders(dir);
    expect(readdirSync(join(dir, 'damaged', aside))).toEqual(['recovery.json']);
    expect(JSON.parse(readFileSync(join(dir, 'damaged', aside, 'recovery.json'), 'utf8'))).toMatchObject({ movedBack: true });
    expect(existsSync(join(dir, 'lifeboat.lock'))).toBe(false);
    expect(damagedFinding(dir).found).toBe(true);
    // Escalated: the console says so, and the history keeps it; the damaged database is not written to.
    expect(r.stderr).toMatch(/^ALERT: playbook damaged-database escalated at step restore after 1 attempt: no backup destination is configured/m);
    const entries = readFileSync(join(dir, 'recovery-history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(entries).toEqual([expect.objectContaining({ kind: 'escalation', playbook: 'damaged-database', step: 'restore', attempts: 1, audit: { written: false, reason: expect.stringMatching(/damaged/) } })]);
    expect(entries[0].error).toMatch(/^no backup destination is configured/);
  });

  it('a backup whose passphrase is not kept: exit 1 naming the destination and the missing passphrase', () => {
    const { dir, damagedSha } = damagedDesk();
    writeFileSync(join(dir, 'backup-secrets.json'), JSON.stringify({ destinations: {} }), { mode: 0o600 });
    const r = lifeboat(['recover', 'damaged-database', '--yes', '--state', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no backup snapshot can be restored: usb: no passphrase kept in backup-secrets\.json/);
    expect(sha(join(dir, 'lifeboat.db'))).toBe(damagedSha);
  });

  it('--drill: a sandbox copy is damaged and recovered, RTO and RPO reported; the live desk is untouched', () => {
    const dir = desk();
    const before = folderListing(dir);
    const r = lifeboat(['recover', 'damaged-database', '--drill', '--json', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ drill: true, fault: { bytes: 65536 }, record: { restoredFrom: { snapshotId: snapshot.id } } });
    expect(out.sandbox.startsWith(tmpdir())).toBe(true);
    expect(existsSync(out.sandbox)).toBe(false);
    expect(out.record.rtoSeconds).toBeGreaterThan(0);
    const text = lifeboat(['recover', 'damaged-database', '--drill', '--state', dir]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Drill passed\.$/m);
    expect(text.stdout).toMatch(/^RTO \d+\.\d\d s/m);
    expect(folderListing(dir)).toEqual(before);
    expect(statSync(join(dir, 'lifeboat.db')).size).toBe(before['lifeboat.db'].size);
  });

  it.each([
    ['restore', 'between the move-aside and the restore'],
    ['verify', 'after the restored database is in place, before it is verified'],
  ])('killed with SIGKILL before the %s step (%s): running it again finishes the recovery', async (step) => {
    const { dir, damagedSha } = damagedDesk();
    const child = startChild(CLI, ['recover', 'damaged-database', '--yes', '--state', dir], { LIFEBOAT_TEST_PAUSE_BEFORE: step });
    await child.line((l) => l === `paused before ${step}`);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    const [aside] = asideFolders(dir);
    const note = JSON.parse(readFileSync(join(dir, 'damaged', aside, 'recovery.json'), 'utf8'));
    expect(note.finishedAt).toBeNull();
    expect(sha(join(dir, 'damaged', aside, 'lifeboat.db'))).toBe(damagedSha);
    if (step === 'restore') {
      expect(existsSync(join(dir, 'lifeboat.db'))).toBe(false);
      // Doctor sees the missing database; the lease left by the dead process is stale.
      expect(damagedFinding(dir).found).toBe(true);
    } else {
      expect(note.restored).toMatchObject({ snapshotId: snapshot.id, rootHash: snapshot.rootHash });
      expect(damagedFinding(dir).found).toBe(false);
    }

    const again = lifeboat(['recover', 'damaged-database', '--yes', '--json', '--state', dir]);
    expect(again.code, again.stderr).toBe(0);
    const record = expectRecovered(dir, damagedSha);
    expect(record).toMatchObject({ resumed: true, detectedAt: note.detectedAt });
    expect(asideFolders(dir)).toEqual([aside]);
    // Finished: a third run has nothing to do.
    const third = lifeboat(['recover', 'damaged-database', '--yes', '--state', dir]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/Nothing to recover/);
  });
});

describe('the restored database', () => {
  it('is the snapshot: same live rows as the desk it was backed up from', () => {
    const { dir } = damagedDesk();
    expect(lifeboat(['recover', 'damaged-database', '--yes', '--state', dir]).code).toBe(0);
    const count = (d: string) => {
      const db = new Database(join(d, 'lifeboat.db'), { readonly: true });
      try {
        return db.prepare('SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM positions) AS positions').get();
      } finally {
        db.close();
      }
    };
    expect(count(dir)).toEqual(count(template));
  });
});
