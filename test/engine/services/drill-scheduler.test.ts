// Scheduled drills: off by default (no drill however late), a bad expression refused by the
// setting, and with a schedule the drill job runs once its time has come, and not again until the
// next time (even when the drill itself failed before recording).
import { describe, expect, it } from 'vitest';
import { nextDrillAt, startDrillScheduler } from '../../../electron/engine/services/drill-scheduler';
import { demoDesk } from '../../support/demo-desk';
import { failure } from '../../support/failure';

describe('drill scheduler', () => {
  it('runs none while off, then the drill job at its cron time, and not twice for one time (even when the drill fails)', async () => {
    const engine = demoDesk(91);
    let clock = new Date('2026-12-01T10:00:30Z');
    const errors: unknown[] = [];
    const s = startDrillScheduler(engine, (e) => errors.push(e), () => clock);
    try {
      clock = new Date('2026-12-08T10:00:30Z');
      expect(s.tick()).toBeNull(); // off by default
      expect(nextDrillAt(engine, clock)).toBeNull();

      const bad = await failure(engine.call('settings.set', { key: 'recovery.drillSchedule', value: 'every sunday' }));
      expect([bad.code, bad.reason]).toEqual(['bad_request', expect.stringMatching(/five fields/)]);

      await engine.call('settings.set', { key: 'recovery.drillSchedule', value: '0 3 * * *' });
      expect(nextDrillAt(engine, clock)).toBe('2026-12-09T03:00:00.000Z');
      const jobId = s.tick();
      expect(jobId).not.toBeNull(); // 03:00 came after the console started
      const done = await engine.jobs.wait(jobId!);
      expect(done.kind).toBe('drill');
      expect(done.steps[0].state).not.toBe('pending'); // it ran (this desk has no backup to restore from: the drill itself fails)
      expect(s.tick()).toBeNull(); // the next 03:00 has not come
      expect(errors.filter((e) => !String(e).includes('scheduled drill failed'))).toEqual([]);
    } finally {
      s.stop();
    }
  });
});
