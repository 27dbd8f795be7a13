// The step runner: ordered steps with their checks, retries with backoff, undo and cancel, each
// step's state, attempts and timing recorded as it goes.
import { describe, expect, it } from 'vitest';
import type { StepReport } from '../../../shared/api/jobs';
import { LifeboatError } from '../../../shared/result';
import { runSteps, type Step, type StepContext } from '../../../electron/engine/jobs/steps';

function reports(...names: string[]): StepReport[] {
  return names.map((name) => ({ name, label: `Step ${name}`, state: 'pending', attempts: 0, startedAt: null, durationMs: null, message: null }));
}

function context(controller = new AbortController()): StepContext {
  return { signal: controller.signal, progress: () => undefined };
}

describe('runSteps', () => {
  it('runs the steps in their declared order and records each one', async () => {
    const order: string[] = [];
    const r = reports('a', 'b');
    const transitions: string[] = [];
    await runSteps(
      { b: { run: () => void order.push('b') }, a: { run: () => void order.push('a'), check: () => 'a checked' } },
      r,
      context(),
      () => transitions.push(r.map((s) => s.state).join(',')),
    );
    expect(order).toEqual(['a', 'b']);
    expect(r.map((s) => [s.state, s.attempts, s.message])).toEqual([
      ['succeeded', 1, 'a checked'],
      ['succeeded', 1, null],
    ]);
    for (const s of r) {
      expect(s.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(s.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(transitions).toEqual(['running,pending', 'succeeded,pending', 'succeeded,running', 'succeeded,succeeded']);
  });

  it('retries an action that may be retried, and stops at its attempts', async () => {
    let calls = 0;
    const flaky: Step = {
      run: () => {
        calls++;
        if (calls < 3) throw new Error(`busy ${calls}`);
      },
      retry: { attempts: 3, backoffMs: 1 },
    };
    const r = reports('flaky');
    await runSteps({ flaky }, r, context(), () => undefined);
    expect(r[0]).toMatchObject({ state: 'succeeded', attempts: 3 });

    calls = -10;
    const r2 = reports('flaky');
    await expect(runSteps({ flaky }, r2, context(), () => undefined)).rejects.toThrow('busy -7');
    expect(r2[0]).toMatchObject({ state: 'failed', attempts: 3, message: 'busy -7' });
  });

  it('does not retry an error its retry rule does not name', async () => {
    let calls = 0;
    const r = reports('once');
    const step: Step = { run: () => void (calls++, (() => { throw new Error('disk full'); })()), retry: { attempts: 5, backoffMs: 1, when: (e) => String(e).includes('busy') } };
    await expect(runSteps({ once: step }, r, context(), () => undefined)).rejects.toThrow('disk full');
    expect(calls).toBe(1);
    expect(r[0]).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('undoes the finished steps, newest first, when a later check fails', async () => {
    const undone: string[] = [];
    const r = reports('a', 'b', 'c', 'd');
    const steps: Record<string, Step> = {
      a: { run: () => undefined, undo: () => void undone.push('a') },
      b: { run: () => undefined, undo: () => void undone.push('b') },
      c: { run: () => undefined, check: () => { throw new LifeboatError('verification_failed', 'the hash differs'); } },
      d: { run: () => undefined },
    };
    await expect(runSteps(steps, r, context(), () => undefined)).rejects.toThrow('the hash differs');
    expect(undone).toEqual(['b', 'a']);
    expect(r.map((s) => s.state)).toEqual(['undone', 'undone', 'failed', 'cancelled']);
    expect(r[2].message).toBe('the hash differs');
  });

  it('stops between steps when cancelled, and undoes what ran', async () => {
    const controller = new AbortController();
    const undone: string[] = [];
    const r = reports('a', 'b');
    const steps: Record<string, Step> = {
      a: { run: () => controller.abort(), undo: () => void undone.push('a') },
      b: { run: () => { throw new Error('must not run'); } },
    };
    await expect(runSteps(steps, r, context(controller), () => undefined)).rejects.toMatchObject({ code: 'cancelled' });
    expect(r.map((s) => s.state)).toEqual(['undone', 'cancelled']);
    expect(undone).toEqual(['a']);
  });

  it('ends a backoff wait at once when cancelled', async () => {
    const controller = new AbortController();
    const r = reports('slow');
    const step: Step = {
      run: () => {
        // Cancel as soon as the runner starts waiting a minute before the next attempt.
        queueMicrotask(() => controller.abort());
        throw new Error('busy');
      },
      retry: { attempts: 2, backoffMs: 60_000 },
    };
    await expect(runSteps({ slow: step }, r, context(controller), () => undefined)).rejects.toMatchObject({ code: 'cancelled' });
    expect(r[0]).toMatchObject({ state: 'cancelled', attempts: 1 });
  });
});
