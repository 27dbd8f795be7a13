// The detectors of the desk's operations, each against a real planted fault: a reconciliation left
// with critical differences, backups overdue, failing and never test-restored (to a real folder
// repository), too little free space, a model artifact damaged or missing, and an inbox refusing
// files.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DoctorReport, Finding } from '../../../shared/api/recovery';
import { writeDemoSnapshots } from '../../../electron/engine/demo/broker-snapshots/write-demo-snapshots';
import type { Engine } from '../../../electron/engine/engine';
import { runDoctor } from '../../../electron/engine/recovery/doctor';
import { processInboxOnce } from '../../../electron/engine/state-files/inbox-scan';
import { bytesFree } from '../../../electron/engine/store/io-errors';
import { closedDesk, tamper } from '../../support/closed-desk';
import { tempDir } from '../../support/temp-state';

const of = (r: DoctorReport, id: Finding['detector']) => r.findings.find((f) => f.detector === id)!;
const DAY = 24 * 3600_000;

async function finished(engine: Engine, job: Promise<{ jobId: string }>) {
  const done = await engine.jobs.wait((await job).jobId);
  return done;
}

describe('broker disagreement', () => {
  async function reconciled(resolve: boolean): Promise<string> {
    return closedDesk({
      work: async (engine) => {
        const files = writeDemoSnapshots(engine, 1, new Date().toISOString());
        const file = files.find((f) => f.format === 'alpaca')!;
        const content = readFileSync(join(engine.paths.dir, 'demo-broker', file.file), 'utf8');
        const job = await finished(engine, engine.call('reconcile.run', { fileName: file.file, content }));
        expect(job.state).toBe('succeeded');
        if (!resolve) return;
        const [run] = await engine.call('reconcile.list', {});
        const report = await engine.call('reconcile.get', { runId: run.runId });
        const open = report.discrepancies.filter((d) => d.severity === 'critical' && !d.withinTolerance).map((d) => d.itemId);
        await engine.call('reconcile.resolve', { runId: run.runId, itemIds: open, resolution: 'ignore', reason: 'checked with the broker by phone' });
      },
    });
  }

  it('the newest run with open critical differences is critical, naming them; once resolved it is clear', async () => {
    const found = of(runDoctor(await reconciled(false)), 'broker-disagreement');
    expect(found).toMatchObject({ found: true, severity: 'critical', playbook: 'broker-disagreement' });
    expect(found.evidence.text).toMatch(/The newest reconciliation REC_\w+ \(.*, alpaca\.json\) has \d+ open critical differences?: F\d{4} /);
    expect(of(runDoctor(await reconciled(true)), 'broker-disagreement')).toMatchObject({ found: false, evidence: { text: expect.stringMatching(/ran today and has no open critical difference/) } });
  });

  it('no run today is a warning; none ever, too', async () => {
    const dir = await reconciled(true);
    expect(of(runDoctor(dir, { now: new Date(Date.now() + DAY) }), 'broker-disagreement')).toMatchObject({ found: true, severity: 'warning', evidence: { text: expect.stringMatching(/No reconciliation ran today/) } });
    expect(of(runDoctor(await closedDesk()), 'broker-disagreement')).toMatchObject({ found: true, severity: 'warning', evidence: { text: expect.stringMatching(/has ever run/) } });
  });
});

describe('backups', () => {
  const PASS = 'correct horse battery staple';
  /** A desk with a folder destination, initialised, and what `work` does with it. */
  async function withDestination(work: (engine: Engine, folder: string) => Promise<void> = async () => undefined): Promise<{ dir: string; folder: string }> {
    const folder = join(tempDir(), 'backups');
    const dir = await closedDesk({
      work: async (engine) => {
        await engine.call('backups.destinations.add', { name: 'nas', folder: { path: folder } });
        await engine.call('backups.init', { destination: 'nas', passphrase: PASS });
        await work(engine, folder);
      },
    });
    return { dir, folder };
  }
  const backup = async (engine: Engine) => finished(engine, engine.call('backups.create', { type: 'full', destination: 'nas' }));

  it('a destination never backed up to is overdue once its first scheduled run is late; none set up is info only', async () => {
    const { dir } = await withDestination();
    expect(of(runDoctor(dir), 'backup-overdue').found).toBe(false);
    const late = of(runDoctor(dir, { now: new Date(Date.now() + DAY) }), 'backup-overdue');
    expect(late).toMatchObject({ found: true, severity: 'warning', playbook: 'backup-overdue' });
    expect(late.evidence.text).toMatch(/Backups are overdue: .*incremental to nas \(\* \* \* \* \*\) was due .* never ran/);
    expect(of(runDoctor(await closedDesk()), 'backup-overdue')).toMatchObject({ found: true, severity: 'info' });
  });

  it('a backup that failed (its folder gone) is failing, naming the destination and why', async () => {
    const { dir } = await withDestination(async (engine, folder) => {
      expect((await backup(engine)).state).toBe('succeeded');
      rmSync(folder, { recursive: true, force: true });
      expect((await backup(engine)).state).toBe('failed');
    });
    const failing = of(runDoctor(dir), 'backup-failing');
    expect(failing).toMatchObject({ found: true, severity: 'critical', playbook: 'destination-down' });
    expect(failing.evidence.text).toMatch(/Backups are failing: nas \(.*backups\) failed at .*; last success /);
  });

  it('snapshots never test-restored are a warning; a test restore that passed clears it', async () => {
    const { dir } = await withDestination(async (engine) => void (await backup(engine)));
    expect(of(runDoctor(dir), 'backup-untested')).toMatchObject({ found: true, severity: 'warning', evidence: { text: expect.stringMatching(/nas \(1 snapshot\) has never been test-restored/) } });
    expect(of(runDoctor(dir), 'backup-failing').found).toBe(false);
    const { dir: tested } = await withDestination(async (engine) => {
      await backup(engine);
      expect((await finished(engine, engine.call('backups.testRestore', { destination: 'nas' }))).state).toBe('succeeded');
    });
    expect(of(runDoctor(tested), 'backup-untested')).toMatchObject({ found: false, evidence: { text: expect.stringMatching(/last test restore succeeded \(nas at /) } });
  });
});

describe('disk nearly full', () => {
  it('less free space than the threshold set is critical, naming the folder and the figures', async () => {
    const dir = await closedDesk();
    expect(of(runDoctor(dir), 'disk-full').found).toBe(false);
    const free = bytesFree(dir)!;
    const found = of(runDoctor(dir, { limits: { minFreeBytes: free + 1024 ** 3 } }), 'disk-full');
    expect(found).toMatchObject({ found: true, severity: 'critical', playbook: 'disk-full' });
    expect(found.evidence.text).toContain(`free on the file system of ${dir}; the next checkpoint or backup needs`);
    expect(found.evidence.details).toMatchObject({ dir, estimated: false });
  });
});

describe('model artifacts', () => {
  it('the newest version of a model whose bytes were changed is critical; an older one missing alone is a warning', async () => {
    const dir = await closedDesk();
    const newest = of(runDoctor(dir), 'artifact-failure');
    expect(newest.found).toBe(false);
    // Flip a byte of the retrained model (version 2): its checksum no longer holds.
    tamper(dir, `UPDATE blobs SET data = CAST(zeroblob(length(data)) AS BLOB) WHERE sha256 = (SELECT sha256 FROM artifacts WHERE name = 'btc-momentum-4h/model.onnx' AND version = 2)`);
    const damaged = of(runDoctor(dir), 'artifact-failure');
    expect(damaged).toMatchObject({ found: true, severity: 'critical', playbook: 'artifact-failure' });
    expect(damaged.evidence.text).toMatch(/btc-momentum-4h\/model\.onnx v2 \(the newest\) of .*: its bytes hash to [0-9a-f]{12}…, not [0-9a-f]{12}…/);

    const other = await closedDesk({ seed: 2 });
    // Foreign keys off, as the sqlite3 shell has them: the first version's bytes deleted.
    tamper(other, `DELETE FROM blobs WHERE sha256 = (SELECT sha256 FROM artifacts WHERE name = 'btc-momentum-4h/model.onnx' AND version = 1)`);
    const missing = of(runDoctor(other), 'artifact-failure');
    expect(missing).toMatchObject({ found: true, severity: 'warning', evidence: { text: expect.stringMatching(/btc-momentum-4h\/model\.onnx v1 of .*: its bytes are missing/) } });
  });
});

describe('the inbox', () => {
  /** Drops a file the way a careful bot does (temp name, then rename) and runs one inbox scan. */
  function drop(engine: Engine, name: string, content: string, at: Date) {
    const path = join(engine.paths.inbox, name);
    writeFileSync(`${path}.tmp`, content);
    renameSync(`${path}.tmp`, path);
    return processInboxOnce(engine.store, engine.paths, undefined, { now: () => at, commit: (reason, write) => engine.commit(reason, write) });
  }
  // The fixture's strategy, renamed to one of the demo desk's.
  const good = () => readFileSync('test/fixtures/import/strategy-checkpoint.json', 'utf8').replace('"mean-reversion"', '"mean-reversion-spy"');
  const bad = () => readFileSync('test/fixtures/import/bad/quantity-comma.json', 'utf8');

  it('files refused since the last accepted one are found, with the newest reason; a file accepted after them clears it', async () => {
    const t = Date.now() - 3600_000;
    const dir = await closedDesk({
      work: (engine) => {
        expect(drop(engine, 'bot-a.json', good(), new Date(t))[0].ok).toBe(true);
        expect(drop(engine, 'bot-a.json', bad(), new Date(t + 60_000))[0].ok).toBe(false);
      },
    });
    const found = of(runDoctor(dir), 'inbox-rejecting');
    expect(found).toMatchObject({ found: true, severity: 'warning', playbook: 'inbox-rejecting' });
    expect(found.evidence.text).toMatch(/The inbox refused 1 file since the last one it accepted \(.*inbox\/rejected\/bot-a\.json at .*\); the last file accepted was .*processed\/\d{8}T\d{9}Z-bot-a\.json at .*\. The newest was refused 59 min ago: .*positions\[1\]\.quantity/);

    const recovered = await closedDesk({
      work: (engine) => {
        drop(engine, 'bot-a.json', bad(), new Date(t));
        drop(engine, 'bot-a.json', good(), new Date(t + 60_000));
      },
    });
    expect(of(runDoctor(recovered), 'inbox-rejecting')).toMatchObject({ found: false, evidence: { text: expect.stringMatching(/accepts files again/) } });
  });
});
