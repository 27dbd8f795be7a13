// The automatic checkpoint timer's failures: announced as checkpoints.failed (with the reason) for
// an open console, and still handed to onError (the console's stderr line).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTakingFirstCheckpoint, startAutoCheckpoints } from '../../../electron/engine/services/auto-checkpoints';
import { demoDesk } from '../../support/demo-desk';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('automatic checkpoints', () => {
  it('announces a failed timed checkpoint with its reason, and takes none', async () => {
    const engine = demoDesk(7);
    // A desk with a checkpoint already, so the timer's first checkpoint is the timed one (not the start-up one).
    engine.checkpoints.create('manual', 'before');
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

  it('takes a desk’s first checkpoint at start, saying so until it is written', async () => {
    const engine = demoDesk(7);
    expect(engine.checkpoints.count()).toBe(0);
    const taken = engine.events.next('checkpoints.changed');
    const auto = startAutoCheckpoints(engine, (err) => {
      throw err;
    });
    // Not an interval later: on the next turn of the event loop, and "being taken" until then.
    expect(isTakingFirstCheckpoint(engine)).toBe(true);
    expect(await taken).toMatchObject({ reason: 'checkpoint.daily' });
    expect(engine.checkpoints.count()).toBe(1);
    expect(isTakingFirstCheckpoint(engine)).toBe(false);
    auto.stop();
  });

  it('does not say a first checkpoint is being taken when the desk has one, nor after a failed one', async () => {
    const engine = demoDesk(7);
    engine.checkpoints.create('manual', 'before');
    const auto = startAutoCheckpoints(engine, () => undefined);
    expect(isTakingFirstCheckpoint(engine)).toBe(false);
    auto.stop();

    const empty = demoDesk(8);
    vi.spyOn(empty.checkpoints, 'create').mockImplementation(() => {
      throw new Error('database or disk is full');
    });
    const failed = empty.events.next('checkpoints.failed');
    const second = startAutoCheckpoints(empty, () => undefined);
    expect(isTakingFirstCheckpoint(empty)).toBe(true);
    expect(await failed).toMatchObject({ type: 'daily', reason: 'database or disk is full' });
    expect(isTakingFirstCheckpoint(empty)).toBe(false);
    vi.spyOn(empty.checkpoints, 'changedRows').mockReturnValue(0);
    second.stop();
  });
});
