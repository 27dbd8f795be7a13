// The automatic checkpoint timer's failures: announced as checkpoints.failed (with the reason) for
// an open console, and still handed to onError (the console's stderr line).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAutoCheckpoints } from '../../../electron/engine/services/auto-checkpoints';
import { demoDesk } from '../../support/demo-desk';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('automatic checkpoints', () => {
  it('announces a failed timed checkpoint with its reason, and takes none', async () => {
    const engine = demoDesk(7);
    const before = engine.checkpoints.list().length;
    vi.spyOn(engine.checkpoints, 'changedRows').mockReturnValue(3);
    vi.spyOn(engine.checkpoints, 'create').mockImplementation(() => {
      throw new Error('database or disk is full');
    });
    const errors: unknown[] = [];
    vi.useFakeTimers();
    const auto = startAutoCheckpoints(engine, (err) => errors.push(err));
    const failed = engine.events.next('checkpoints.failed');
    vi.advanceTimersByTime(auto.intervalSeconds * 1000);
    const event = await failed;
    // The demo desk has no daily checkpoint of today, so the due one is the daily.
    expect(event).toMatchObject({ type: 'daily', reason: 'database or disk is full' });
    expect(Number.isNaN(Date.parse(event.at))).toBe(false);
    expect(errors).toHaveLength(1);
    vi.restoreAllMocks();
    vi.spyOn(engine.checkpoints, 'changedRows').mockReturnValue(0);
    auto.stop();
    expect(engine.checkpoints.list().length).toBe(before);
  });

  it('announces a failed clean-shutdown checkpoint too', async () => {
    const engine = demoDesk(7);
    vi.spyOn(engine.checkpoints, 'changedRows').mockReturnValue(1);
    vi.spyOn(engine.checkpoints, 'create').mockImplementation(() => {
      throw new Error('SQLITE_BUSY');
    });
    const auto = startAutoCheckpoints(engine, () => undefined);
    const failed = engine.events.next('checkpoints.failed');
    auto.stop();
    expect(await failed).toMatchObject({ type: 'automatic', reason: 'SQLITE_BUSY' });
  });
});
