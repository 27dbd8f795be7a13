// Job history: every job's report is kept in SQLite, survives a restart, and a job whose process
// was killed is marked interrupted at the next start rather than left "running".
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { bundleChild, startChild } from '../../support/child-process';
import { tempDir } from '../../support/temp-state';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

async function newDesk(): Promise<string> {
  const stateDir = join(tempDir(), 'desk');
  const setup = Engine.open({ stateDir, mode: 'write', purpose: 'setup', create: true });
  generateDesk(setup.store, { size: 'small', seed: 2, asOf: '2026-11-20T21:00:00.000Z' });
  setup.checkpoints.create('manual');
  await setup.close();
  return stateDir;
}

describe('job history', () => {
  it('keeps each job with its steps after the process closes, and lists it again', async () => {
    const stateDir = await newDesk();
    engine = Engine.open({ stateDir, mode: 'write', purpose: 'test' });
    const target = engine.checkpoints.list()[0].checkpointId;
    const verify = await engine.call('checkpoints.verify', { all: true });
    await engine.jobs.wait(verify.jobId);
    const rollback = await engine.call('rollback.apply', { checkpointId: target, scope: {}, confirm: target });
    const done = await engine.jobs.wait(rollback.jobId);
    expect(done.steps.map((s) => [s.name, s.state, s.attempts])).toEqual([
      ['pre-rollback', 'succeeded', 1],
      ['apply', 'succeeded', 1],
      ['check', 'succeeded', 1],
    ]);
    await engine.close();

    engine = Engine.open({ stateDir, mode: 'read', purpose: 'test' });
    const listed = await engine.call('jobs.list', {});
    expect(listed.map((j) => [j.kind, j.state])).toEqual([
      ['rollback', 'succeeded'],
      ['verify', 'succeeded'],
    ]);
    const kept = await engine.call('jobs.get', { jobId: rollback.jobId });
    expect(kept.kind === 'rollback' && kept.result?.preRollbackId).toBe(done.kind === 'rollback' && done.result?.preRollbackId);
    expect(kept.steps.every((s) => s.startedAt !== null && s.durationMs !== null)).toBe(true);
  });

  it('marks a job whose process was killed as interrupted at the next start', async () => {
    const stateDir = await newDesk();
    const child = startChild(bundleChild('test/support/children/slow-job.ts'), [stateDir]);
    const jobId = (await child.line((l) => l.startsWith('running '))).slice('running '.length);
    child.process.kill('SIGKILL');
    await child.exited;

    engine = Engine.open({ stateDir, mode: 'write', purpose: 'after the kill' });
    const job = await engine.call('jobs.get', { jobId });
    expect(job).toMatchObject({ kind: 'simulate', state: 'interrupted', error: expect.stringMatching(/stopped before it finished/) });
    expect(job.finishedAt).not.toBeNull();
    expect(job.steps.map((s) => s.state)).toEqual(['interrupted']);
  });
});
