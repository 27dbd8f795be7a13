// `lifeboat doctor` as a real process against real state folders: a healthy demo desk exits 0;
// each planted fault exits 3 naming its detector and playbook; a damaged database is named and the
// other detectors still report; the folder is left exactly as it was and no lock is taken.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETECTOR_IDS, type DoctorReport, type Finding } from '../../shared/api/recovery';
import { appendAudit } from '../../electron/engine/audit/audit-log';
import { Engine } from '../../electron/engine/engine';
import { bundleChild, startChild } from '../support/child-process';
import { api, lifeboat, lifeboatJson, nextEvent, serve } from '../support/cli';
import { folderListing, tamper } from '../support/closed-desk';
import { tempDir } from '../support/temp-state';

const isRoot = process.getuid?.() === 0;

/** A healthy desk, made once: a demo desk as of now, synced to its broker file, checkpointed. */
let template = '';
beforeAll(() => {
  template = join(mkdtempSync(join(tmpdir(), 'lifeboat-doctor-')), 'desk');
  healthy(template);
});
afterAll(() => rmSync(join(template, '..'), { recursive: true, force: true }));

function healthy(dir: string): void {
  lifeboatJson(['demo', '--state', dir, '--as-of', 'now', '--seed', '3']);
  expect(lifeboat(['reconcile', '--broker', join(dir, 'demo-broker', 'lifeboat.json'), '--strategy', 'sync', '--state', dir]).code).toBe(0);
  lifeboatJson(['checkpoint', 'create', '--state', dir]);
}

function desk(): string {
  const dir = join(tempDir(), 'desk');
  cpSync(template, dir, { recursive: true });
  return dir;
}

function doctor(dir: string): { code: number; text: string; report: DoctorReport; stderr: string } {
  const text = lifeboat(['doctor', '--state', dir]);
  const json = lifeboat(['doctor', '--state', dir, '--json']);
  expect(json.code).toBe(text.code);
  return { code: text.code, text: text.stdout, report: JSON.parse(json.stdout) as DoctorReport, stderr: text.stderr };
}

const of = (r: DoctorReport, id: Finding['detector']) => r.findings.find((f) => f.detector === id)!;

/** Exit 3, the detector's row in the table with its severity and playbook, and its finding in the JSON. */
function expectFound(dir: string, id: Finding['detector'], severity: Finding['severity'] = 'critical'): Finding {
  const r = doctor(dir);
  expect(r.code, r.text + r.stderr).toBe(3);
  const f = of(r.report, id);
  expect(f, JSON.stringify(f)).toMatchObject({ found: true, severity });
  expect(r.text).toMatch(new RegExp(`^${severity}\\s+${f.title}\\s+.*\\s${f.playbook}$`, 'm'));
  return f;
}

function killedWriter(dir: string): Promise<number> {
  const child = startChild(bundleChild('test/support/children/slow-job.ts'), [dir]);
  return child.line((l) => l.startsWith('running ')).then(async () => {
    child.process.kill('SIGKILL');
    await child.exited;
    return child.process.pid!;
  });
}

describe('lifeboat doctor on a healthy desk', () => {
  it('exits 0 with every detector clear (no backup destination is a note only), and writes nothing, takes no lock', () => {
    const dir = desk();
    const before = folderListing(dir);
    const r = doctor(dir);
    expect(r.code, r.text).toBe(0);
    expect(r.report.findings.map((f) => f.detector)).toEqual([...DETECTOR_IDS]);
    expect(r.report.findings.filter((f) => f.found).map((f) => [f.detector, f.severity])).toEqual([['backup-overdue', 'info']]);
    expect(r.report.findings.every((f) => f.checked)).toBe(true);
    expect(r.report).toMatchObject({ stateDir: dir, problems: false, found: { critical: 0, warning: 0, info: 1 }, readFrom: 'a scratch copy of lifeboat.db' });
    expect(r.text).toMatch(/^Doctor: .* nothing in the state folder was written and no lock was taken\.$/m);
    expect(r.text).toMatch(/^severity\s+detector\s+what it saw\s+playbook$/m);
    expect(r.text).toMatch(/^ok\s+Database damaged\s+.*lifeboat\.db opens and passes quick_check/m);
    expect(r.text).toMatch(/^Nothing wrong found \(and 1 note\)\.$/m);
    expect(folderListing(dir)).toEqual(before);
    expect(existsSync(join(dir, 'lifeboat.lock'))).toBe(false);
  });

  it('a folder that is no desk is an error (exit 1); a wrong argument a usage error (exit 2)', () => {
    const empty = tempDir();
    expect(lifeboat(['doctor', '--state', empty])).toMatchObject({ code: 1, stderr: expect.stringMatching(/no lifeboat\.db in this folder/) });
    expect(lifeboat(['doctor', 'now', '--state', empty]).code).toBe(2);
  });
});

describe('lifeboat doctor finds each planted fault (exit 3, naming it)', () => {
  it('an unclean shutdown: a writer killed with SIGKILL', async () => {
    const dir = desk();
    const pid = await killedWriter(dir);
    const before = folderListing(dir);
    const f = expectFound(dir, 'unclean-shutdown', 'warning');
    expect(f.evidence.text).toMatch(new RegExp(`names pid ${pid} .*which no longer runs`));
    expect(folderListing(dir)).toEqual(before);
  });

  it('a damaged database: named, and the other detectors still report', () => {
    const dir = desk();
    const db = join(dir, 'lifeboat.db');
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, Math.floor(statSync(db).size / 2 / 4096) * 4096);
    closeSync(fd);
    const before = folderListing(dir);
    const f = expectFound(dir, 'database-damaged');
    expect(f.evidence.text).toContain(db);
    const { report, text } = doctor(dir);
    expect(report.findings).toHaveLength(DETECTOR_IDS.length);
    for (const id of ['unclean-shutdown', 'wal-lost-or-foreign', 'disk-full', 'inbox-rejecting'] as const) expect(of(report, id).checked, id).toBe(true);
    expect(text).toMatch(/^ok\s+Disk nearly full/m);
    expect(folderListing(dir)).toEqual(before);
  });

  it('a database that will not open at all: named, the detectors that need it not checked, the rest run', () => {
    const dir = desk();
    const fd = openSync(join(dir, 'lifeboat.db'), 'r+');
    writeSync(fd, Buffer.alloc(100, 0x00), 0, 100, 0);
    closeSync(fd);
    const f = expectFound(dir, 'database-damaged');
    expect(f.evidence.text).toMatch(new RegExp(`${join(dir, 'lifeboat.db').replace(/[/.]/g, '\\$&')} is not a SQLite database`));
    const { report, text } = doctor(dir);
    expect(report.readFrom).toBeNull();
    expect(of(report, 'audit-broken')).toMatchObject({ checked: false });
    expect(of(report, 'unclean-shutdown')).toMatchObject({ checked: true });
    expect(text).toMatch(/^not checked\s+Audit chain broken/m);
    expect(text).toMatch(/The database could not be read/);
  });

  it('a lost WAL: the -wal of a killed writer deleted, its -shm left', async () => {
    const dir = desk();
    await killedWriter(dir);
    rmSync(join(dir, 'lifeboat.db-wal'));
    expect(expectFound(dir, 'wal-lost-or-foreign').evidence.text).toMatch(/-wal is gone: .* are lost/);
  });

  it("a foreign WAL: another database's -wal beside lifeboat.db", () => {
    const dir = desk();
    const other = new Database(join(tempDir(), 'tradesv3.sqlite'));
    other.pragma('journal_mode = WAL');
    other.pragma('wal_autocheckpoint = 0');
    other.exec("CREATE TABLE trades (id INTEGER PRIMARY KEY, pair TEXT); INSERT INTO trades (pair) VALUES ('BTC/USDT');");
    copyFileSync(`${other.name}-wal`, join(dir, 'lifeboat.db-wal'));
    other.close();
    expect(expectFound(dir, 'wal-lost-or-foreign').evidence.text).toMatch(/is another database's/);
  });

  it('a damaged checkpoint: a flipped byte in one of its chunks', () => {
    const dir = desk();
    tamper(dir, `UPDATE chunks SET data = CAST(zeroblob(length(data)) AS BLOB) WHERE hash = (SELECT hash FROM chunks WHERE kind = 'rows' ORDER BY hash LIMIT 1)`);
    expect(expectFound(dir, 'checkpoint-damaged').evidence.text).toMatch(/fail verify/);
  });

  it('a broken audit chain: an edited entry', () => {
    const dir = desk();
    tamper(dir, `UPDATE audit_log SET actor = 'mallory' WHERE seq = 1`);
    expect(expectFound(dir, 'audit-broken').evidence.text).toMatch(/broken at entry #1/);
  });

  it('stale state: a desk whose live rows last changed two weeks ago, never checkpointed', () => {
    const dir = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', dir, '--as-of', '2026-11-20T21:00:00Z']);
    expect(expectFound(dir, 'live-state-stale', 'warning').evidence.text).toMatch(/No live row changed for/);
    expect(expectFound(dir, 'checkpoint-stale', 'warning').evidence.text).toMatch(/no checkpoint yet/);
  });

  it('settings changed after the newest checkpoint', async () => {
    const dir = desk();
    const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: 'test' });
    engine.commit('settings', () => {
      engine.store.setSetting('desk.name', 'Renamed after the deploy');
      appendAudit(engine.store.db, 'settings.set', { key: 'desk.name' });
    });
    await engine.close();
    expect(expectFound(dir, 'settings-changed', 'warning').evidence.text).toMatch(/changed desk\.name/);
  });

  it('a webhook changed after the newest checkpoint: its token appears nowhere in the report', () => {
    const dir = desk();
    lifeboatJson(['settings', 'set', 'alerts.webhook', 'https://hooks.example/lifeboat?token=0ld-s3cret', '--state', dir]);
    lifeboatJson(['checkpoint', 'create', '--state', dir]);
    lifeboatJson(['settings', 'set', 'alerts.webhook', 'https://hooks.example/lifeboat?token=s3cret', '--state', dir]);
    const found = expectFound(dir, 'settings-changed', 'warning');
    expect(found.evidence.text).toMatch(/changed alerts\.webhook/);
    expect(found.evidence.details).toMatchObject({ changed: [{ key: 'alerts.webhook', before: '"https://hooks.example/lifeboat?…"', after: '"https://hooks.example/lifeboat?…"' }] });
    const { text, report } = doctor(dir);
    expect(JSON.stringify(report)).not.toMatch(/s3cret/);
    expect(text).not.toMatch(/s3cret/);
  });

  it('broker disagreement: a reconciliation left with critical differences', () => {
    const dir = desk();
    expect(lifeboat(['reconcile', '--broker', join(dir, 'demo-broker', 'alpaca.json'), '--state', dir]).code).toBe(3);
    expect(expectFound(dir, 'broker-disagreement').evidence.text).toMatch(/open critical difference/);
  });

  it('backups: overdue, never test-restored, then failing once the destination folder is gone', () => {
    const dir = desk();
    const folder = join(tempDir(), 'backups');
    const passphrase = join(tempDir(), 'passphrase');
    writeFileSync(passphrase, 'correct horse battery staple\n');
    lifeboatJson(['backup', 'destination', 'add', 'nas', '--folder', folder, '--state', dir]);
    lifeboatJson(['backup', 'init', '--destination', 'nas', '--passphrase-file', passphrase, '--state', dir]);
    // Added two days ago and never backed up to.
    tamper(dir, `UPDATE backup_destinations SET created_at = ? WHERE name = 'nas'`, new Date(Date.now() - 2 * 86_400_000).toISOString());
    expect(expectFound(dir, 'backup-overdue', 'warning').evidence.text).toMatch(/incremental to nas .* never ran/);

    lifeboatJson(['backup', 'create', '--type', 'full', '--destination', 'nas', '--state', dir]);
    expect(expectFound(dir, 'backup-untested', 'warning').evidence.text).toMatch(/nas \(1 snapshot\) has never been test-restored/);

    rmSync(folder, { recursive: true, force: true });
    expect(lifeboat(['backup', 'create', '--type', 'incremental', '--destination', 'nas', '--state', dir]).code).not.toBe(0);
    expect(expectFound(dir, 'backup-failing').evidence.text).toMatch(/Backups are failing: nas /);
  });

  it.runIf(isRoot)('a disk nearly full: a small real file system filled to its last bytes', () => {
    const mount = join(tempDir(), 'disk');
    mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mount]);
    try {
      const dir = join(mount, 'desk');
      cpSync(template, dir, { recursive: true });
      expect(of(doctor(dir).report, 'disk-full').found).toBe(false);
      const fd = openSync(join(mount, 'filler.bin'), 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(64 * 1024, 1));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
      expect(expectFound(dir, 'disk-full').evidence.text).toMatch(new RegExp(`free on the file system of ${dir.replace(/[/.]/g, '\\$&')}; the next checkpoint or backup needs`));
    } finally {
      execFileSync('umount', ['-l', mount]);
    }
  });

  it("a model artifact failing its checksum: the newest version's bytes changed", () => {
    const dir = desk();
    tamper(dir, `UPDATE blobs SET data = CAST(zeroblob(length(data)) AS BLOB) WHERE sha256 = (SELECT sha256 FROM artifacts WHERE name = 'btc-momentum-4h/model.onnx' AND version = 2)`);
    expect(expectFound(dir, 'artifact-failure').evidence.text).toMatch(/btc-momentum-4h\/model\.onnx v2 \(the newest\)/);
  });

  it('the inbox rejecting files: a bad file dropped while the console runs', async () => {
    const dir = desk();
    const served = await serve(dir);
    try {
      // As a careful bot drops it: a temp name, then renamed.
      const drop = () => {
        writeFileSync(join(dir, 'inbox', 'bot-a.json.tmp'), readFileSync('test/fixtures/import/bad/quantity-comma.json'));
        renameSync(join(dir, 'inbox', 'bot-a.json.tmp'), join(dir, 'inbox', 'bot-a.json'));
      };
      const rejected = nextEvent(served, 'inbox.rejected', drop);
      expect((await rejected).file).toBe('bot-a.json');
    } finally {
      await served.stop();
    }
    expect(expectFound(dir, 'inbox-rejecting', 'warning').evidence.text).toMatch(/refused 1 file since it started .*bot-a\.json/);
  });

  it('the clock behind: an audit entry dated an hour ahead of this machine', async () => {
    const dir = desk();
    const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: 'test' });
    engine.commit('test', () => appendAudit(engine.store.db, 'test.future', {}, new Date(Date.now() + 3600_000).toISOString()));
    await engine.close();
    expect(expectFound(dir, 'clock-behind', 'warning').evidence.text).toMatch(/behind the newest recorded event: audit entry/);
  });
});

describe('doctor beside a running console', () => {
  it('recovery.doctor answers over the console API (on a pool thread), and lifeboat doctor reads beside the console, in place, its lock left alone', async () => {
    const dir = desk();
    const served = await serve(dir);
    try {
      const answered = await api<{ ok: true; value: DoctorReport }>(served, 'recovery.doctor', {});
      expect(answered.status).toBe(200);
      const report = answered.body.value;
      expect(report.findings.map((f) => f.detector)).toEqual([...DETECTOR_IDS]);
      expect(report).toMatchObject({ readFrom: 'lifeboat.db in place (a live holder has it open)', problems: false });
      expect(of(report, 'unclean-shutdown').evidence.text).toMatch(new RegExp(`Held by pid ${served.pid} .*\\(serve, .*which is running`));
      expect((await api(served, 'recovery.doctor', { fix: true })).status).toBe(400);

      const lock = readFileSync(join(dir, 'lifeboat.lock'), 'utf8');
      const r = doctor(dir);
      expect(r.code, r.text).toBe(0);
      expect(r.report.readFrom).toBe('lifeboat.db in place (a live holder has it open)');
      expect(readFileSync(join(dir, 'lifeboat.lock'), 'utf8')).toBe(lock);
    } finally {
      await served.stop();
    }
  });
});
