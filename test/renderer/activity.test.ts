// The activity list's shaping: newest first, durations that run on with the clock while a job
// runs, progress text, badge tones, and an outcome line read from the typed result.
import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../shared/api/contract';
import { formatDuration, jobRows, progressText, resultSummary, stateTone, stepDurationMs } from '../../renderer/src/pages/activity/model/jobs';

const job = (over: Partial<JobInfo> & Pick<JobInfo, 'jobId' | 'kind'>): JobInfo =>
  ({
    state: 'succeeded',
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T10:00:02.500Z',
    progress: { done: 1, total: 1, message: 'done' },
    steps: [],
    error: null,
    errorCode: null,
    errorWhere: null,
    result: null,
    ...over,
  }) as JobInfo;

describe('activity rows', () => {
  it('lists the newest first, with finished durations fixed and running ones on the clock', () => {
    const now = Date.parse('2026-11-20T10:05:00.000Z');
    const rows = jobRows(
      {
        a: job({ jobId: 'a', kind: 'verify' }),
        b: job({ jobId: 'b', kind: 'simulate', state: 'running', startedAt: '2026-11-20T10:04:00.000Z', finishedAt: null, progress: { done: 5, total: 200, message: 'tick 5 of 200' } }),
      },
      now,
    );
    expect(rows.map((r) => r.jobId)).toEqual(['b', 'a']);
    expect(rows[0]).toMatchObject({ kindLabel: 'Simulation', durationMs: 60_000, progress: '5 / 200', message: 'tick 5 of 200' });
    expect(rows[1].durationMs).toBe(2_500);
  });

  it('shows a failed job’s error as its message', () => {
    const [r] = jobRows({ f: job({ jobId: 'f', kind: 'rollback', state: 'failed', error: 'hash mismatch' }) }, 0);
    expect(r.message).toBe('hash mismatch');
    expect(stateTone('failed')).toBe('halt');
    expect(stateTone('interrupted')).toBe('warn');
    expect(stateTone('running')).toBe('info');
  });

  it('formats durations and progress', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(null)).toBe('');
    expect(progressText(job({ jobId: 'x', kind: 'verify', state: 'running', progress: { done: 0, total: null, message: '' } }))).toBe('…');
    expect(stepDurationMs({ name: 's', label: 'S', state: 'running', attempts: 1, startedAt: '2026-11-20T10:00:00.000Z', durationMs: null, message: null }, Date.parse('2026-11-20T10:00:03.000Z'))).toBe(3_000);
  });

  it('sums up a typed result by kind', () => {
    const sim = job({ jobId: 's', kind: 'simulate', result: { seed: 1, ticks: 200, created: 40, filled: 30, partiallyFilled: 2, cancelled: 3 } });
    expect(resultSummary(sim)).toBe('200 ticks: 40 created, 30 filled, 3 cancelled');
    expect(resultSummary(job({ jobId: 'v', kind: 'verify' }))).toBeNull();
  });
});
