// `lifeboat recover unclean-shutdown` and `lifeboat recover lost-wal` as real processes on real
// desks with real planted faults: a writer killed with SIGKILL (its lease, -wal and running job
// left behind), and that writer's -wal deleted with its -shm left. Each is confirmed, the lease
// taken over, the desk checked (integrity_check, the newest checkpoint verified), reconciled
// against its newest broker snapshot, resumed and recorded with RTO and RPO; a damaged database
// falls through to damaged-database; a run killed with SIGKILL half-way is finished by a rerun.
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../shared/api/recovery';
import { injectDamage } from '../../electron/engine/recovery/playbooks/drill';
import { readLease } from '../../electron/engine/store/lease';
import { startChild } from '../support/child-process';
import { killedWriter } from '../support/killed-writer';
import { CLI, lifeboat, lifeboatJson } from '../support/cli';
import { folderListing } from '../support/closed-desk';
import { tempDir } from '../support/temp-state';

let root = '';
/** A demo desk with a checkpoint, a reconciliation against live (its broker snapshot kept) and a folder backup. */
let template = '';
let reconciled: { runId: string; unresolved: number };
let snapshot: { id: string; rootHash: string };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lifeboat-recover-in-place-'));
  template = join(root, 'desk');
  const S = ['--state', template];
  const pass = join(root, 'pass');
  writeFileSync(pass, 'the in-place recover test passphrase\n', { mode: 0o600 });
  expect(lifeboat(['demo', ...S]).code).toBe(0);
  expect(lifeboat(['checkpoint', 'create', ...S]).code).toBe(0);
  const rec = lifeboat(['reconcile', '--broker', join(template, 'demo-broker', 'ccxt.json'), ...S, '--json']);
  expect(rec.code, rec.stderr).toBe(3);
  const report = JSON.parse(rec.stdout);
  reconciled = { runId: report.runId, unresolved: report.summary.unresolved };
  expect(lifeboat(['backup', 'destination', 'add', 'usb', '--folder', join(root, 'usb'), ...S]).code).toBe(0);
  expect(lifeboat(['backup', 'init', '--passphrase-file', pass, ...S]).code).toBe(0);
  snapshot = lifeboatJson(['backup', 'create', '--type', 'full', ...S]).destinations[0].snapshot;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function desk(): string {
  const dir = join(tempDir(), 'desk');
  cpSync(template, dir, { recursive: true });
  return dir;
}

const doctor = (dir: string) => JSON.parse(lifeboat(['doctor', '--state', dir, '--json']).stdout) as DoctorReport;
const finding = (dir: string, id: string) => doctor(dir).findings.find((f) => f.detector === id)!;
const history = (dir: string) => readFileSync(join(dir, 'recovery-history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const asideFolders = (dir: string) => (existsSync(join(dir, 'damaged')) ? readdirSync(join(dir, 'damaged')).sort() : []);
const jobState = (dir: string, jobId: string) => {
  const db = new Database(join(dir, 'lifeboat.db'), { readonly: true });
  try {
    return db.prepare('SELECT state FROM jobs WHERE job_id = ?').pluck().get(jobId);
  } finally {
    db.close();
  }
};

function expectResumed(dir: string, playbook: string) {
  // Closed cleanly: no lease, no -wal or -shm, no progress note (looked at before anything reads the desk).
  expect(readdirSync(dir).filter((n) => ['lifeboat.lock', 'lifeboat.db-wal', 'lifeboat.db-shm', '.lifeboat-playbook.json'].includes(n))).toEqual([]);
  const runs = lifeboatJson(['audit', 'list', '--action', 'recovery.run', '--state', dir]).entries;
  expect(runs).toHaveLength(1);
  const [r] = history(dir);
  expect(r).toMatchObject({ playbook, restoredFrom: { kind: 'in-place' } });
  expect(runs[0].details).toMatchObject(r);
  expect(r.rtoSeconds).toBeCloseTo((Date.parse(r.verifiedAt) - Date.parse(r.detectedAt)) / 1000, 6);
  expect(r.rpoSeconds).toBeCloseTo((Date.parse(r.detectedAt) - Date.parse(r.restoredPointTime)) / 1000, 6);
  // The reconciliation rechecked and stored.
  // Against the template's reconciliation, or (after a killed run's own recheck) a recheck of it: the same broker snapshot.
  const rec = runs[0].details.reconciliation;
  expect(rec).toMatchObject({ unresolved: reconciled.unresolved, skipped: null });
  expect([rec.of, lifeboatJson(['reconcile', 'show', rec.of, '--state', dir]).recheckOf]).toContain(reconciled.runId);
  expect(lifeboatJson(['reconcile', 'show', rec.runId, '--state', dir]).recheckOf).toBe(rec.of);
  expect(runs[0].details.checkpoint).toMatchObject({ checkpointId: expect.any(String) });
  const audit = lifeboat(['audit', 'verify', '--state', dir]);
  expect(audit.code, audit.stderr).toBe(0);
  return r;
}

describe('lifeboat recover unclean-shutdown', () => {
  it('a writer killed with SIGKILL: lease taken over, checked, reconciled, resumed (its job marked interrupted), recorded with RPO 0', async () => {
    const dir = desk();
    const { pid, jobId } = await killedWriter(dir);
    expect(finding(dir, 'unclean-shutdown').found).toBe(true);
    const r = lifeboat(['recover', 'unclean-shutdown', '--yes', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    for (let n = 1; n <= 7; n++) expect(r.stdout).toMatch(new RegExp(`^step ${n}/7 \\((runs by itself|waits for --yes)\\): `, 'm'));
    expect(r.stdout).toMatch(new RegExp(`taken over from pid ${pid} on .*which no longer runs`));
    expect(r.stdout).toMatch(/ok: integrity_check ok/);
    expect(r.stdout).toMatch(/ok: checkpoint \S+ .* verifies/);
    expect(r.stdout).toContain(`(recheck of ${reconciled.runId})`);
    const record = expectResumed(dir, 'unclean-shutdown');
    // Nothing lost: the WAL of the dead writer was its own, and is folded in.
    expect(record.rpoSeconds).toBe(0);
    expect(jobState(dir, jobId)).toBe('interrupted');
    expect(finding(dir, 'unclean-shutdown').found).toBe(false);
    expect(lifeboat(['checkpoint', 'create', '--state', dir]).code).toBe(0);
  });

  it('without --yes: the plan, exit 2, and nothing in the folder changed (the dead holder’s lease is still the evidence)', async () => {
    const dir = desk();
    const { pid } = await killedWriter(dir);
    const before = folderListing(dir);
    const r = lifeboat(['recover', 'unclean-shutdown', '--state', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^step 2\/7 \(waits for --yes\): Take the single-writer lease/m);
    expect(r.stdout + r.stderr).toMatch(/give --yes to run it/);
    expect(folderListing(dir)).toEqual(before);
    expect(readLease(dir)?.pid).toBe(pid);
  });

  it('a desk closed cleanly: nothing to recover, exit 0, nothing written', () => {
    const dir = desk();
    const before = folderListing(dir);
    const r = lifeboat(['recover', 'unclean-shutdown', '--yes', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Nothing to recover: No lock left behind/);
    expect(folderListing(dir)).toEqual(before);
  });

  it('the database damaged too: falls through to damaged-database, which restores the backup and says where it came from', async () => {
    const dir = desk();
    await killedWriter(dir);
    rmSync(join(dir, 'lifeboat.db-wal'));
    rmSync(join(dir, 'lifeboat.db-shm'));
    injectDamage(join(dir, 'lifeboat.db'));
    const r = lifeboat(['recover', 'unclean-shutdown', '--yes', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Falls through to the damaged-database playbook: (integrity_check found damage|lifeboat\.db will not open)/m);
    expect(r.stdout).toMatch(/^Playbook: Damaged database \(damaged-database\)/m);
    const [record] = history(dir);
    expect(record).toMatchObject({ playbook: 'damaged-database', fellThroughFrom: 'unclean-shutdown', restoredFrom: { snapshotId: snapshot.id } });
    expect(record.evidence).toMatch(/^unclean-shutdown fell through: /);
    expect(lifeboatJson(['state', 'hash', '--state', dir]).rootHash).toBe(snapshot.rootHash);
    expect(existsSync(join(dir, '.lifeboat-playbook.json'))).toBe(false);
    expect(existsSync(join(dir, 'lifeboat.lock'))).toBe(false);
  });

  it('the newest checkpoint damaged (the database itself passes quick_check): falls through, and damaged-database takes that as the fault', async () => {
    const dir = desk();
    const raw = new Database(join(dir, 'lifeboat.db'));
    const { hash, data } = raw.prepare('SELECT hash, data FROM chunks ORDER BY hash LIMIT 1').get() as { hash: string; data: Buffer };
    data[data.length >> 1] ^= 0x01;
    raw.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(data, hash);
    raw.close();
    await killedWriter(dir);
    expect(finding(dir, 'database-damaged').found).toBe(false);
    const r = lifeboat(['recover', 'unclean-shutdown', '--yes', '--json', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ playbook: 'damaged-database', fellThrough: { from: 'unclean-shutdown', reason: expect.stringMatching(/^the newest checkpoint \S+ fails verify/) } });
    expect(history(dir)).toEqual([expect.objectContaining({ playbook: 'damaged-database', fellThroughFrom: 'unclean-shutdown', evidence: expect.stringMatching(/^unclean-shutdown fell through: the newest checkpoint/) })]);
    // The damaged database (its checkpoint with it) is kept aside; the desk is the backup again.
    const [aside] = asideFolders(dir);
    expect(existsSync(join(dir, 'damaged', aside, 'lifeboat.db'))).toBe(true);
    expect(lifeboatJson(['state', 'hash', '--state', dir]).rootHash).toBe(snapshot.rootHash);
    expect(finding(dir, 'checkpoint-damaged').found).toBe(false);
  });

  it('killed with SIGKILL before it resumes: running it again finishes, as a resumed run with the first run’s detection time', async () => {
    const dir = desk();
    const { jobId } = await killedWriter(dir);
    const child = startChild(CLI, ['recover', 'unclean-shutdown', '--yes', '--state', dir], { LIFEBOAT_TEST_PAUSE_BEFORE: 'resume' });
    await child.line((l) => l === 'paused before resume');
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    const note = JSON.parse(readFileSync(join(dir, '.lifeboat-playbook.json'), 'utf8'));
    expect(note).toMatchObject({ playbook: 'unclean-shutdown', detectedAt: expect.any(String) });
    // The killed recovery's own lease is left: stale, as the first one was.
    expect(finding(dir, 'unclean-shutdown').found).toBe(true);

    const again = lifeboat(['recover', 'unclean-shutdown', '--yes', '--state', dir]);
    expect(again.code, again.stderr).toBe(0);
    const record = expectResumed(dir, 'unclean-shutdown');
    expect(record).toMatchObject({ resumed: true, detectedAt: note.detectedAt });
    expect(jobState(dir, jobId)).toBe('interrupted');
    const third = lifeboat(['recover', 'unclean-shutdown', '--yes', '--state', dir]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/Nothing to recover/);
  });

  it('--drill: a sandbox copy with a dead holder’s lease is recovered; the live desk is untouched', () => {
    const dir = desk();
    const before = folderListing(dir);
    const r = lifeboat(['recover', 'unclean-shutdown', '--drill', '--json', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ drill: true, fault: { deadHolderPid: expect.any(Number) }, record: { playbook: 'unclean-shutdown' } });
    expect(existsSync(out.sandbox)).toBe(false);
    expect(folderListing(dir)).toEqual(before);
  });
});

describe('lifeboat recover lost-wal', () => {
  /** A killed writer's -wal deleted, its -shm left: the transactions in the log are gone. */
  async function lostWalDesk(): Promise<string> {
    const dir = desk();
    await killedWriter(dir);
    rmSync(join(dir, 'lifeboat.db-wal'));
    const wal = finding(dir, 'wal-lost-or-foreign');
    expect(wal).toMatchObject({ found: true, severity: 'critical' });
    expect((wal.evidence.details as { framesLost: number }).framesLost).toBeGreaterThan(0);
    return dir;
  }

  it('a deleted -wal with its -shm left: the -shm set aside, the desk checked, reconciled, resumed; RPO from the newest entry that survived', async () => {
    const dir = await lostWalDesk();
    const shm = readFileSync(join(dir, 'lifeboat.db-shm'));
    const r = lifeboat(['recover', 'lost-wal', '--yes', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    for (let n = 1; n <= 8; n++) expect(r.stdout).toMatch(new RegExp(`^step ${n}/8 `, 'm'));
    expect(r.stdout).toMatch(/WAL frames were lost: the desk is back at its newest entry that survived/);
    const [aside] = asideFolders(dir);
    expect(readFileSync(join(dir, 'damaged', aside, 'lifeboat.db-shm'))).toEqual(shm);
    expect(JSON.parse(readFileSync(join(dir, 'damaged', aside, 'recovery.json'), 'utf8'))).toMatchObject({ playbook: 'lost-wal', files: ['lifeboat.db-shm'], finishedAt: expect.any(String) });
    const record = expectResumed(dir, 'lost-wal');
    expect(record.damagedFiles).toBe(join(dir, 'damaged', aside));
    expect(record.rpoSeconds).toBeGreaterThan(0);
    expect(finding(dir, 'wal-lost-or-foreign').found).toBe(false);
  });

  it("another database's -wal beside lifeboat.db: moved aside before any writer folds it in; nothing lost, RPO 0", async () => {
    const dir = desk();
    const other = new Database(join(tempDir(), 'tradesv3.sqlite'));
    other.pragma('journal_mode = WAL');
    other.pragma('wal_autocheckpoint = 0');
    other.exec("CREATE TABLE trades (id INTEGER PRIMARY KEY, pair TEXT); INSERT INTO trades (pair) VALUES ('BTC/USDT');");
    cpSync(`${other.name}-wal`, join(dir, 'lifeboat.db-wal'));
    other.close();
    const foreign = readFileSync(join(dir, 'lifeboat.db-wal'));
    expect(finding(dir, 'wal-lost-or-foreign').evidence.text).toMatch(/is another database's/);
    const r = lifeboat(['recover', 'lost-wal', '--yes', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    const [aside] = asideFolders(dir);
    expect(readFileSync(join(dir, 'damaged', aside, 'lifeboat.db-wal'))).toEqual(foreign);
    const record = expectResumed(dir, 'lost-wal');
    expect(record.rpoSeconds).toBe(0);
  });

  it('without --yes: the plan, exit 2, nothing moved', async () => {
    const dir = await lostWalDesk();
    const before = folderListing(dir);
    const r = lifeboat(['recover', 'lost-wal', '--state', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^step 3\/8 \(waits for --yes\): Move lifeboat\.db-shm/m);
    expect(folderListing(dir)).toEqual(before);
  });

  it('killed with SIGKILL after the move-aside, before the integrity check: running it again finishes from the same aside folder', async () => {
    const dir = await lostWalDesk();
    const child = startChild(CLI, ['recover', 'lost-wal', '--yes', '--state', dir], { LIFEBOAT_TEST_PAUSE_BEFORE: 'integrity' });
    await child.line((l) => l === 'paused before integrity');
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    const [aside] = asideFolders(dir);
    expect(existsSync(join(dir, 'damaged', aside, 'lifeboat.db-shm'))).toBe(true);
    const note = JSON.parse(readFileSync(join(dir, '.lifeboat-playbook.json'), 'utf8'));
    // The fault no longer shows (the -shm is aside): the note is what the rerun continues from.
    expect(finding(dir, 'wal-lost-or-foreign').found).toBe(false);

    const again = lifeboat(['recover', 'lost-wal', '--yes', '--state', dir]);
    expect(again.code, again.stderr).toBe(0);
    const record = expectResumed(dir, 'lost-wal');
    expect(record).toMatchObject({ resumed: true, detectedAt: note.detectedAt, damagedFiles: join(dir, 'damaged', aside) });
    expect(asideFolders(dir)).toEqual([aside]);
  });

  it('--drill: a sandbox copy with an orphan -shm is recovered; the live desk is untouched', () => {
    const dir = desk();
    const before = folderListing(dir);
    const r = lifeboat(['recover', 'lost-wal', '--drill', '--json', '--state', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ drill: true, record: { playbook: 'lost-wal' } });
    expect(folderListing(dir)).toEqual(before);
  });
});

describe('lifeboat recover', () => {
  it('--list names every built playbook with its purpose; an unknown playbook is a usage error naming them', () => {
    const r = lifeboat(['recover', '--list']);
    expect(r.code).toBe(0);
    for (const id of ['damaged-database', 'lost-wal', 'unclean-shutdown']) expect(r.stdout).toMatch(new RegExp(`^${id} +\\S`, 'm'));
    expect(lifeboatJson(['recover', '--list']).playbooks.map((p: { id: string }) => p.id)).toEqual(['damaged-database', 'lost-wal', 'unclean-shutdown', 'stale-state', 'no-state', 'broker-disagreement', 'bad-deploy']);
    const bad = lifeboat(['recover', 'lost-wall', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown playbook "lost-wall"; the playbooks are damaged-database, lost-wal, unclean-shutdown, stale-state, no-state, broker-disagreement, bad-deploy/);
  });
});
