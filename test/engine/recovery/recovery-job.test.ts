// The recovery job on an open desk, with the bad-deploy playbook: without yes it pauses before the
// step that waits for a person; a wrong word or the wrong step is refused (4xx) and nothing runs;
// the right word lets it finish; a cancel at the pause writes nothing more; yes runs every step;
// one run at a time; a step that finally fails is escalated (event, audit entry, history).
import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../../shared/api/jobs';
import type { Engine } from '../../../electron/engine/engine';
import { readEscalations, readRecoveryHistory } from '../../../electron/engine/recovery/playbooks/history';
import { badDeployDesk } from '../../support/bad-deploy-desk';
import { failure } from '../../support/failure';

/** Resolves with the job's report once `pred` holds for a job.updated event (or for the job now). */
function until(engine: Engine, jobId: string, pred: (j: JobInfo) => boolean): Promise<JobInfo> {
  return new Promise((resolve) => {
    const off = engine.events.subscribe((e) => {
      if (e.name === 'job.updated' && e.payload.jobId === jobId && pred(e.payload)) {
        off();
        resolve(e.payload);
      }
    });
    const now = engine.jobs.get(jobId);
    if (pred(now)) {
      off();
      resolve(now);
    }
  });
}

const waitingAt = (j: JobInfo) => j.steps.find((s) => s.state === 'waiting')?.name;
const count = (e: Engine, action: string) => e.store.db.prepare('SELECT COUNT(*) FROM audit_log WHERE action = ?').pluck().get(action) as number;

describe('recovery job', () => {
  it('plans with every step numbered and the word to type; pauses at the rollback; refuses a wrong word or step; runs on with the right one', async () => {
    const { engine, before, deployed } = await badDeployDesk(81);
    const plan = await engine.call('recovery.plan', { playbook: 'bad-deploy', input: { checkpoint: before.checkpointId } });
    expect(plan.steps.map((s) => [s.n, s.id, s.auto, s.confirmWord])).toEqual([
      [1, 'verify', true, null],
      [2, 'pre-rollback', true, null],
      [3, 'rollback', false, before.checkpointId],
      [4, 'check-hash', true, null],
      [5, 'reconcile', true, null],
      [6, 'record', true, null],
    ]);
    expect(count(engine, 'recovery.started')).toBe(0); // a plan runs nothing

    const job = await engine.call('recovery.run', { playbook: 'bad-deploy', input: { checkpoint: before.checkpointId } });
    const paused = await until(engine, job.jobId, (j) => waitingAt(j) === 'rollback');
    expect(paused.state).toBe('running');
    expect(paused.steps.map((s) => s.state)).toEqual(['succeeded', 'succeeded', 'waiting', 'pending', 'pending', 'pending']);
    expect(engine.checkpoints.stateHash().rootHash).toBe(deployed);

    const wrong = await failure(engine.call('recovery.confirm', { jobId: job.jobId, step: 'rollback', typed: 'yes' }));
    expect([wrong.code, wrong.where]).toEqual(['bad_request', 'typed']);
    expect(wrong.reason).toContain(before.checkpointId);
    const step = await failure(engine.call('recovery.confirm', { jobId: job.jobId, step: 'record', typed: before.checkpointId }));
    expect([step.code, step.where]).toEqual(['bad_request', 'step']);
    expect(waitingAt(engine.jobs.get(job.jobId))).toBe('rollback');
    expect(engine.checkpoints.stateHash().rootHash).toBe(deployed);

    const second = await failure(engine.call('recovery.run', { playbook: 'bad-deploy', input: {}, yes: true }));
    expect(second.code).toBe('conflict'); // one desk-playbook run at a time

    await engine.call('recovery.confirm', { jobId: job.jobId, step: 'rollback', typed: before.checkpointId });
    const done = (await engine.jobs.wait(job.jobId)) as JobInfo<'recovery'>;
    expect(done.state, done.error ?? '').toBe('succeeded');
    expect(done.result).toMatchObject({ playbook: 'bad-deploy', confirmed: true, record: { playbook: 'bad-deploy', restoredPointTime: before.createdAt } });
    expect(done.result!.steps.every((s) => s.state === 'succeeded')).toBe(true);
    expect(engine.checkpoints.stateHash().rootHash).toBe(before.rootHash);
    expect([count(engine, 'recovery.started'), count(engine, 'recovery.confirmed'), count(engine, 'recovery.run'), count(engine, 'recovery.finished')]).toEqual([1, 1, 1, 1]);
    expect((await engine.call('audit.verify', {})).ok).toBe(true);
  });

  it('a cancel at the pause writes nothing more: no rollback, no record', async () => {
    const { engine, deployed } = await badDeployDesk(82);
    const job = await engine.call('recovery.run', { playbook: 'bad-deploy', input: {} });
    await until(engine, job.jobId, (j) => waitingAt(j) === 'rollback');
    const checkpoints = engine.checkpoints.count();
    await engine.call('jobs.cancel', { jobId: job.jobId });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.state).toBe('cancelled');
    expect(done.steps.map((s) => s.state)).toEqual(['succeeded', 'succeeded', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(engine.checkpoints.stateHash().rootHash).toBe(deployed);
    expect(engine.checkpoints.count()).toBe(checkpoints);
    expect([count(engine, 'rollback.apply'), count(engine, 'recovery.run')]).toEqual([0, 0]);
    expect(readRecoveryHistory(engine.paths.dir)).toEqual([]);
    const late = await failure(engine.call('recovery.confirm', { jobId: job.jobId, step: 'rollback', typed: 'x' }));
    expect(late.code).toBe('conflict');
    // The desk is free for the next run.
    const next = await engine.call('recovery.run', { playbook: 'bad-deploy', input: {}, yes: true });
    expect((await engine.jobs.wait(next.jobId)).state).toBe('succeeded');
  });

  it('with yes runs every step; stopAtWaiting runs those before the first that waits and stops, confirmed: false', async () => {
    const { engine, before, deployed } = await badDeployDesk(83);
    const stop = await engine.call('recovery.run', { playbook: 'bad-deploy', input: {}, stopAtWaiting: true });
    const stopped = (await engine.jobs.wait(stop.jobId)) as JobInfo<'recovery'>;
    expect(stopped.state).toBe('succeeded');
    expect(stopped.result).toMatchObject({ confirmed: false, record: null });
    expect(stopped.steps.map((s) => s.name)).toEqual(['verify', 'pre-rollback']);
    expect(engine.checkpoints.stateHash().rootHash).toBe(deployed);

    const job = await engine.call('recovery.run', { playbook: 'bad-deploy', input: {}, yes: true });
    const done = (await engine.jobs.wait(job.jobId)) as JobInfo<'recovery'>;
    expect(done.state, done.error ?? '').toBe('succeeded');
    expect(done.steps.map((s) => s.state)).toEqual(Array(6).fill('succeeded'));
    expect(engine.checkpoints.stateHash().rootHash).toBe(before.rootHash);
    expect(done.result!.summary).toContain(`Rolled back to ${before.checkpointId}`);
  });

  it('bad input is a 400 naming the field, before any job', async () => {
    const { engine, before } = await badDeployDesk(84);
    const err = await failure(engine.call('recovery.run', { playbook: 'bad-deploy', input: { checkpoint: 'AUT_20990101_000000_0000' }, yes: true }));
    expect([err.code, err.where]).toEqual(['bad_request', 'checkpoint']);
    const notDesk = await failure(engine.call('recovery.plan', { playbook: 'damaged-database', input: {} }));
    expect([notDesk.code, notDesk.where]).toEqual(['bad_request', 'playbook']);
    expect(engine.jobs.list().filter((j) => j.kind === 'recovery')).toEqual([]);
    expect(count(engine, 'recovery.started')).toBe(0);
    expect(engine.checkpoints.get(before.checkpointId).checkpointId).toBe(before.checkpointId);
  });

  it('a step that finally fails is escalated: the event, the audit entry and the history say it', async () => {
    const { engine, before } = await badDeployDesk(85);
    // Damage a chunk only the pre-upgrade checkpoint holds: its verify fails (not a passing failure).
    const hash = engine.store.db
      .prepare("SELECT hash FROM chunks WHERE kind = 'rows' ORDER BY hash LIMIT 1")
      .pluck()
      .get() as string;
    engine.store.db.prepare('UPDATE chunks SET data = zeroblob(LENGTH(data)) WHERE hash = ?').run(hash);
    const heard = new Promise((resolve) => {
      const off = engine.events.subscribe((e) => {
        if (e.name === 'recovery.escalations') {
          off();
          resolve(e.payload);
        }
      });
    });
    const job = await engine.call('recovery.run', { playbook: 'bad-deploy', input: { checkpoint: before.checkpointId }, yes: true });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.state).toBe('failed');
    expect(done.steps[0]).toMatchObject({ name: 'verify', state: 'failed' });
    expect(await heard).toMatchObject({ kind: 'escalation', playbook: 'bad-deploy', step: 'verify', attempts: 1, audit: { written: true } });
    expect(readEscalations(engine.paths.dir)).toHaveLength(1);
    expect(count(engine, 'recovery.escalated')).toBe(1);
    expect(count(engine, 'rollback.apply')).toBe(0);
  });
});
