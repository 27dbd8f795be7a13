import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshThrottle, touches } from '../../renderer/src/live/throttle';

describe('refreshing on state.changed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns a burst of events into one refresh now and one after the interval', async () => {
    const run = vi.fn(() => Promise.resolve());
    const t = new RefreshThrottle(run, 300);
    for (let i = 0; i < 50; i++) t.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(299);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never runs two refreshes at once', async () => {
    let finish: () => void = () => undefined;
    const run = vi.fn(() => new Promise<void>((r) => (finish = r)));
    const t = new RefreshThrottle(run, 100);
    t.request();
    await vi.advanceTimersByTimeAsync(0);
    t.request();
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1); // it took 500 ms, so the next waits until 1 s after it began
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('waits twice as long as a slow refresh took before the next one', async () => {
    const run = vi.fn(() => new Promise<void>((r) => setTimeout(r, 1000)));
    const t = new RefreshThrottle(run, 300);
    t.request();
    await vi.advanceTimersByTimeAsync(0);
    t.request();
    await vi.advanceTimersByTimeAsync(1000); // first refresh done
    await vi.advanceTimersByTimeAsync(900);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1100); // 2 s after the first started
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('stops after dispose', async () => {
    const run = vi.fn(() => Promise.resolve());
    const t = new RefreshThrottle(run, 100);
    t.request();
    await vi.advanceTimersByTimeAsync(0);
    t.request();
    t.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('refreshes a view only for the tables it shows', () => {
    expect(touches(['positions'], ['orders', 'positions'])).toBe(true);
    expect(touches(['positions'], ['orders'])).toBe(false);
    expect(touches(['audit'], ['audit_log'])).toBe(true);
    expect(touches(['*'], ['orders'])).toBe(true);
    expect(touches(['positions'], [])).toBe(true);
  });
});
