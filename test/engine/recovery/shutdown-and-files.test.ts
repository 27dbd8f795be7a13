// The detectors of the state folder's files, each against a real planted fault: a writer killed
// with SIGKILL (its lease, WAL and job left behind), a WAL lost, a WAL of another database, and a
// database damaged, missing or another program's. Doctor writes nothing and takes no lease.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, openSync, closeSync, rmSync, statSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTOR_IDS, type DoctorReport, type Finding } from '../../../shared/api/recovery';
import { DETECTORS } from '../../../electron/engine/recovery/detectors';
import { runDoctor } from '../../../electron/engine/recovery/doctor';
import { readLease } from '../../../electron/engine/store/lease';
import { bundleChild, startChild } from '../../support/child-process';
import { killedWriter } from '../../support/killed-writer';
import { closedDesk, folderListing } from '../../support/closed-desk';
import { tempDir } from '../../support/temp-state';

const of = (r: DoctorReport, id: Finding['detector']) => r.findings.find((f) => f.detector === id)!;

/** The -wal of another SQLite database, taken while it still held its commits. */
function foreignWal(pageSize = 4096): string {
  const dir = tempDir();
  const other = new Database(join(dir, 'tradesv3.sqlite'));
  other.pragma(`page_size = ${pageSize}`);
  other.pragma('journal_mode = WAL');
  other.pragma('wal_autocheckpoint = 0');
  other.exec("CREATE TABLE trades (id INTEGER PRIMARY KEY, pair TEXT); INSERT INTO trades (pair) VALUES ('BTC/USDT'), ('ETH/USDT');");
  const copy = join(dir, 'foreign-wal');
  copyFileSync(join(dir, 'tradesv3.sqlite-wal'), copy);
  other.close();
  return copy;
}

/**
 * A write-ahead log as SQLite writes one (https://www.sqlite.org/fileformat2.html#walformat):
 * frames with the header's salt and a running checksum, the last a commit. SQLite replays it.
 */
function walOf(pageSize: number, frames: { page: number; data: Buffer }[], dbPages: number): Buffer {
  const sum = (buf: Buffer, s: [number, number]): [number, number] => {
    let [a, b] = s;
    for (let i = 0; i < buf.length; i += 8) {
      a = (a + buf.readUInt32BE(i) + b) >>> 0;
      b = (b + buf.readUInt32BE(i + 4) + a) >>> 0;
    }
    return [a, b];
  };
  const header = Buffer.alloc(32);
  header.writeUInt32BE(0x377f0683, 0);
  header.writeUInt32BE(3007000, 4);
  header.writeUInt32BE(pageSize, 8);
  header.writeUInt32BE(0x1234, 16);
  header.writeUInt32BE(0x5678, 20);
  let s = sum(header.subarray(0, 24), [0, 0]);
  header.writeUInt32BE(s[0], 24);
  header.writeUInt32BE(s[1], 28);
  const out: Buffer[] = [header];
  frames.forEach((f, i) => {
    const fh = Buffer.alloc(24);
    fh.writeUInt32BE(f.page, 0);
    fh.writeUInt32BE(i === frames.length - 1 ? dbPages : 0, 4);
    header.copy(fh, 8, 16, 24);
    s = sum(f.data, sum(fh.subarray(0, 8), s));
    fh.writeUInt32BE(s[0], 16);
    fh.writeUInt32BE(s[1], 20);
    out.push(fh, f.data);
  });
  return Buffer.concat(out);
}

describe('unclean shutdown', () => {
  it('a writer killed with SIGKILL: its lease names the dead pid and the job it left running; its WAL is read, not lost', async () => {
    const dir = await closedDesk();
    const { pid, jobId } = await killedWriter(dir);
    expect(readLease(dir)?.pid).toBe(pid);
    const before = folderListing(dir);

    const report = runDoctor(dir);
    const unclean = of(report, 'unclean-shutdown');
    expect(unclean).toMatchObject({ found: true, severity: 'warning', playbook: 'unclean-shutdown' });
    expect(unclean.evidence.text).toMatch(new RegExp(`lifeboat\\.lock names pid ${pid} on .*\\(test slow job, since .*\\), which no longer runs`));
    expect(unclean.evidence.text).toMatch(new RegExp(`simulate ${jobId} since .*at step`));
    expect(unclean.evidence.details).toMatchObject({ lease: { state: 'held', holder: { pid }, alive: false }, jobsLeftRunning: [{ jobId, kind: 'simulate' }] });
    // The WAL the writer left is its own: read with the database, nothing lost, nothing foreign.
    expect(of(report, 'wal-lost-or-foreign')).toMatchObject({ found: false, checked: true });
    expect(of(report, 'wal-lost-or-foreign').evidence.text).toMatch(/lifeboat\.db-wal holds \d+ frames of \d+ committed transactions? of this database/);
    expect(of(report, 'database-damaged').found).toBe(false);
    expect(report.readFrom).toBe('a scratch copy of lifeboat.db with its -wal');

    // Doctor wrote nothing (the dead writer's WAL and -shm untouched) and took no lease.
    expect(folderListing(dir)).toEqual(before);
    expect(readLease(dir)?.pid).toBe(pid);
  });

  it('a running holder is no unclean shutdown; doctor reads beside it, in place, and leaves its lease alone', async () => {
    const dir = await closedDesk();
    const holder = startChild(bundleChild('test/support/children/slow-job.ts'), [dir]);
    try {
      await holder.line((l) => l.startsWith('running '));
      const lease = readLease(dir);
      const report = runDoctor(dir);
      expect(of(report, 'unclean-shutdown')).toMatchObject({ found: false, evidence: { text: expect.stringMatching(new RegExp(`Held by pid ${holder.process.pid} .*, which is running`)) } });
      expect(report.readFrom).toBe('lifeboat.db in place (a live holder has it open)');
      expect(of(report, 'database-damaged').found).toBe(false);
      expect(readLease(dir)).toEqual(lease);
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('a desk closed cleanly shows nothing, and doctor leaves every file as it was', async () => {
    const dir = await closedDesk();
    const before = folderListing(dir);
    const report = runDoctor(dir);
    expect(of(report, 'unclean-shutdown').found).toBe(false);
    expect(of(report, 'wal-lost-or-foreign').evidence.text).toMatch(/No -wal or -shm beside lifeboat\.db/);
    expect(report.readFrom).toBe('a scratch copy of lifeboat.db');
    expect(folderListing(dir)).toEqual(before);
    expect(existsSync(join(dir, 'lifeboat.lock'))).toBe(false);
  });
});

describe('a WAL lost or foreign', () => {
  it('a -shm whose -wal is gone: the index names the frames never copied back, lost', async () => {
    const dir = await closedDesk();
    await killedWriter(dir);
    rmSync(join(dir, 'lifeboat.db-wal'));
    const wal = of(runDoctor(dir), 'wal-lost-or-foreign');
    expect(wal).toMatchObject({ found: true, severity: 'critical', playbook: 'lost-wal' });
    expect(wal.evidence.text).toMatch(/lifeboat\.db-shm is there but .*lifeboat\.db-wal is gone: its index says the log held \d+ frames, of which 0 were copied back into lifeboat\.db; the transactions in the other \d+ frames are lost/);
    expect((wal.evidence.details as { framesLost: number }).framesLost).toBeGreaterThan(0);
  });

  it('a -shm left over from a log whose frames were all copied back is a warning: nothing lost', async () => {
    const dir = await closedDesk();
    // A read-only connection leaves an empty -wal and a -shm whose index holds no frames.
    const reader = new Database(join(dir, 'lifeboat.db'), { readonly: true });
    reader.prepare('SELECT COUNT(*) FROM accounts').get();
    reader.close();
    rmSync(join(dir, 'lifeboat.db-wal'));
    const wal = of(runDoctor(dir), 'wal-lost-or-foreign');
    expect(wal).toMatchObject({ found: true, severity: 'warning', evidence: { text: expect.stringMatching(/nothing was lost; the -shm is a leftover/) } });
  });

  it("another database's WAL beside lifeboat.db is named by its page 1; the desk is read without it", async () => {
    const dir = await closedDesk();
    copyFileSync(foreignWal(), join(dir, 'lifeboat.db-wal'));
    const before = folderListing(dir);
    const report = runDoctor(dir);
    const wal = of(report, 'wal-lost-or-foreign');
    expect(wal).toMatchObject({ found: true, severity: 'critical' });
    expect(wal.evidence.text).toMatch(/lifeboat\.db-wal is another database's: its copy of page 1 carries application_id 0x00000000, not Lifeboat's/);
    expect(of(report, 'database-damaged')).toMatchObject({ found: false, evidence: { text: expect.stringMatching(/passes quick_check without its -wal/) } });
    expect(report.readFrom).toBe('a scratch copy of lifeboat.db without its -wal');
    // The detectors of the desk's content still ran, on the database as it is without the log.
    expect(of(report, 'audit-broken')).toMatchObject({ checked: true, found: false });
    expect(folderListing(dir)).toEqual(before);
  });

  it("a log with another database's page size is named so", async () => {
    const dir = await closedDesk();
    copyFileSync(foreignWal(8192), join(dir, 'lifeboat.db-wal'));
    const wal = of(runDoctor(dir), 'wal-lost-or-foreign');
    expect(wal).toMatchObject({ found: true, severity: 'critical', evidence: { text: expect.stringMatching(/is another database's: its pages are 8192 bytes, lifeboat\.db's are 4096/) } });
  });

  it('a log that SQLite replays into a damaged database (no page 1 in it): whole without it, damaged with it', async () => {
    const dir = await closedDesk();
    // One committed frame that overwrites page 2 with bytes that are no b-tree page.
    writeFileSync(join(dir, 'lifeboat.db-wal'), walOf(4096, [{ page: 2, data: Buffer.alloc(4096, 0x5a) }], statSync(join(dir, 'lifeboat.db')).size / 4096));
    const report = runDoctor(dir);
    const wal = of(report, 'wal-lost-or-foreign');
    expect(wal).toMatchObject({ found: true, severity: 'critical' });
    expect(wal.evidence.text).toMatch(/lifeboat\.db-wal does not belong to lifeboat\.db .*with it the database reads as damaged .*without it lifeboat\.db is whole/);
    expect(wal.evidence.details).toMatchObject({ wal: { committedFrames: 1, commits: 1 } });
    expect(of(report, 'database-damaged').found).toBe(false);
    expect(report.readFrom).toBe('a scratch copy of lifeboat.db without its -wal');
  });
});

describe('a damaged database', () => {
  it('bytes overwritten in the middle of lifeboat.db: quick_check names the damage, the file is named, the other detectors still run', async () => {
    const dir = await closedDesk({ size: 'small' });
    const db = join(dir, 'lifeboat.db');
    const size = statSync(db).size;
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const before = folderListing(dir);
    const report = runDoctor(dir);
    const damaged = of(report, 'database-damaged');
    expect(damaged).toMatchObject({ found: true, severity: 'critical', playbook: 'damaged-database' });
    expect(damaged.evidence.text).toContain(db);
    expect(damaged.evidence.text).toMatch(/quick_check found damage|will not open/);
    // Every detector gave an answer; those of the folder looked, whatever the database's state.
    expect(report.findings.map((f) => f.detector)).toEqual([...DETECTOR_IDS]);
    for (const d of DETECTORS.filter((x) => x.needs === 'folder')) expect(of(report, d.id).checked, d.id).toBe(true);
    expect(report.problems).toBe(true);
    expect(folderListing(dir)).toEqual(before);
  });

  it('a header that is not SQLite: the database will not open, and the detectors that need it say so', async () => {
    const dir = await closedDesk();
    const fd = openSync(join(dir, 'lifeboat.db'), 'r+');
    writeSync(fd, Buffer.from('this is not a database at all'), 0, 29, 0);
    closeSync(fd);
    const report = runDoctor(dir);
    expect(of(report, 'database-damaged')).toMatchObject({ found: true, evidence: { text: expect.stringMatching(/is not a SQLite database, or its header is damaged/) } });
    expect(report.readFrom).toBeNull();
    expect(of(report, 'audit-broken')).toMatchObject({ checked: false, found: false, evidence: { text: expect.stringMatching(/not checked: it needs the database, and .*lifeboat\.db cannot be read/) } });
    expect(of(report, 'unclean-shutdown').checked).toBe(true);
  });

  it('another program\'s database named lifeboat.db is refused by name, never read as a desk', async () => {
    const dir = await closedDesk();
    rmSync(join(dir, 'lifeboat.db'));
    const other = new Database(join(dir, 'lifeboat.db'));
    other.exec('CREATE TABLE trades (id INTEGER PRIMARY KEY)');
    other.close();
    expect(of(runDoctor(dir), 'database-damaged').evidence.text).toMatch(/will not open: not a Lifeboat database: it holds another program's tables \(trades\)/);
  });

  it('a folder that lost its database is reported, naming what is left; an empty folder is no desk', async () => {
    const dir = await closedDesk();
    rmSync(join(dir, 'lifeboat.db'));
    const report = runDoctor(dir);
    expect(of(report, 'database-damaged')).toMatchObject({ found: true, evidence: { text: expect.stringMatching(/lifeboat\.db is missing \(the folder has held a desk: audit\.key/) } });
    const empty = tempDir();
    writeFileSync(join(empty, 'notes.txt'), 'hi');
    expect(() => runDoctor(empty)).toThrow(expect.objectContaining({ code: 'bad_request', reason: expect.stringMatching(/no lifeboat\.db in this folder/) }));
  });
});
