// A drill started from the console (`recovery.drill`, a job): the damaged-database playbook runs on
// a sandbox copy with its fault injected, comes back verified from the newest backup, and is kept
// in the recovery history as a drill and in the audit trail — while the live desk is not touched.
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { demoDesk } from '../../support/demo-desk';
import { tempDir } from '../../support/temp-state';

const PASS = 'correct horse battery staple';

async function finished(engine: Engine, job: Promise<{ jobId: string }>) {
  return engine.jobs.wait((await job).jobId);
}

const dbStat = (engine: Engine) => {
  const s = statSync(engine.paths.db);
  return { size: s.size, mtimeMs: s.mtimeMs };
};
const sandboxes = () => readdirSync(tmpdir()).filter((n) => n.startsWith('lifeboat-drill-')).sort();

describe('a drill from the console', () => {
  it('recovers a damaged sandbox from the newest backup, records it as a drill, and leaves the live desk as it was', async () => {
    const engine = demoDesk(31);
    await engine.call('backups.destinations.add', { name: 'nas', folder: { path: join(tempDir(), 'backups') } });
    await engine.call('backups.init', { destination: 'nas', passphrase: PASS });
    const backup = await finished(engine, engine.call('backups.create', { type: 'full', destination: 'nas' }));
    expect(backup.state).toBe('succeeded');
    const root = await engine.call('state.hash', {});
    const before = dbStat(engine);
    const sandboxesBefore = sandboxes();

    const job = await finished(engine, engine.call('recovery.drill', {}));
    expect(job.state).toBe('succeeded');
    if (job.kind !== 'drill' || !job.result) throw new Error('not a drill result');
    expect(job.result.passed).toBe(true);
    expect(job.result.fault).toMatchObject({ file: 'lifeboat.db', bytes: 65536 });
    expect(job.result.record?.restoredFrom).toMatchObject({ kind: 'backup', destination: 'nas' });
    expect(job.result.steps.every((s) => s.state === 'succeeded')).toBe(true);

    const history = await engine.call('recovery.history', {});
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ playbook: 'damaged-database', drill: true, rtoSeconds: job.result.record!.rtoSeconds });
    const audit = await engine.call('audit.list', { limit: 5 });
    const entry = audit.entries.find((e) => e.action === 'recovery.drill');
    expect(entry?.details).toMatchObject({ playbook: 'damaged-database', passed: true });

    // The live desk: same root, its database not written by the drill, no sandbox left behind.
    expect(await engine.call('state.hash', {})).toEqual(root);
    expect(dbStat(engine).size).toBe(before.size);
    expect(sandboxes()).toEqual(sandboxesBefore);
    await engine.close();
  });

  it('fails naming what is missing when the desk has no backup to restore from, and records no drill', async () => {
    const engine = demoDesk(32);
    const job = await finished(engine, engine.call('recovery.drill', {}));
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/no backup destination is configured/);
    expect(await engine.call('recovery.history', {})).toEqual([]);
    await engine.close();
  });
});
