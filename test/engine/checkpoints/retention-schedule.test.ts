// The retention setting applied by itself after an automatic checkpoint: a job that prunes what
// checkpoint.retention does not keep, audited, never the pinned ones nor the newest; no job when
// nothing would go. Real SQLite desks (the small demo desk).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../../../electron/engine/audit/audit-log';
import { applyRetention, scheduledPolicy } from '../../../electron/engine/checkpoints/retention-schedule';
import { startAutoCheckpoints } from '../../../electron/engine/services/auto-checkpoints';
import { changeSetting } from '../../../electron/engine/settings/settings';
import { demoDesk } from '../../support/demo-desk';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A desk with `n` manual checkpoints, the first one pinned. */
function deskWithCheckpoints(n: number) {
  const engine = demoDesk(7);
  const ids = Array.from({ length: n }, (_, i) => engine.checkpoints.create('manual', `cp ${i + 1}`).checkpointId);
  engine.checkpoints.pin(ids[0], true);
  return { engine, ids };
}

describe('the retention setting, applied by itself', () => {
  it('prunes what the setting does not keep, as a job with an audit entry, keeping the pinned and the newest', async () => {
    const { engine, ids } = deskWithCheckpoints(6);
    changeSetting(engine, 'checkpoint.retention', { keepLast: 2 });
    const job = applyRetention(engine)!;
    expect(job.kind).toBe('checkpoint-retention');
    const done = await engine.jobs.wait(job.jobId);
    expect(done.state).toBe('succeeded');
    const left = engine.checkpoints.list().map((c) => c.checkpointId);
    expect(new Set(left)).toEqual(new Set([ids[0], ids[4], ids[5]]));
    expect(done.result).toMatchObject({ removed: expect.arrayContaining([ids[1], ids[2], ids[3]]) });
    const audit = listAudit(engine.store.db, { limit: 5, action: 'checkpoint.prune' }).entries;
    expect(audit[0].details).toMatchObject({ policy: { keepLast: 2 }, removed: expect.arrayContaining([ids[1], ids[2], ids[3]]) });
  });

  it('starts no job when nothing would go', () => {
    const { engine } = deskWithCheckpoints(3);
    changeSetting(engine, 'checkpoint.retention', { keepLast: 10 });
    expect(applyRetention(engine)).toBeNull();
    expect(engine.checkpoints.list()).toHaveLength(3);
  });

  it('always keeps the newest, even under rules that keep no last ones', () => {
    expect(scheduledPolicy({ keepLast: 0, keepDaily: 3 })).toMatchObject({ keepLast: 1, keepDaily: 3 });
    expect(scheduledPolicy({ keepLast: 'many' })).toBeNull();
  });

  it('runs after the timer’s automatic checkpoint', async () => {
    const { engine, ids } = deskWithCheckpoints(5);
    changeSetting(engine, 'checkpoint.retention', { keepLast: 2 });
    vi.spyOn(engine.checkpoints, 'changedRows').mockReturnValue(4);
    vi.useFakeTimers();
    const auto = startAutoCheckpoints(engine, (err) => {
      throw err;
    });
    vi.advanceTimersByTime(auto.intervalSeconds * 1000);
    const job = engine.jobs.list().find((j) => j.kind === 'checkpoint-retention')!;
    expect(job).toBeDefined();
    vi.useRealTimers();
    expect((await engine.jobs.wait(job.jobId)).state).toBe('succeeded');
    const left = engine.checkpoints.list();
    // The pinned one, and the last two: the timer's own (a daily: the desk had none today) and the newest manual one.
    expect(left.map((c) => c.checkpointId)).toContain(ids[0]);
    expect(left.map((c) => c.checkpointId)).toContain(ids[4]);
    expect(left.some((c) => c.type === 'daily')).toBe(true);
    expect(left).toHaveLength(3);
    vi.restoreAllMocks();
    vi.spyOn(engine.checkpoints, 'changedRows').mockReturnValue(0);
    auto.stop();
  });
});
