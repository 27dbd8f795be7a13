import { describe, expect, it } from 'vitest';
import { dueCheckpoint, staleness } from '../../../electron/engine/checkpoints/policy';
import type { CheckpointInfo } from '../../../shared/api/checkpoints';

const at = (iso: string) => ({ createdAt: iso }) as CheckpointInfo;

describe('automatic checkpoint policy', () => {
  it('takes a daily checkpoint first thing each UTC day', () => {
    expect(dueCheckpoint({ changedRows: 0, lastDailyAt: null, now: new Date('2026-11-22T00:00:05Z') })).toBe('daily');
    expect(dueCheckpoint({ changedRows: 0, lastDailyAt: '2026-11-21T00:01:00Z', now: new Date('2026-11-22T00:00:05Z') })).toBe('daily');
  });

  it('takes an automatic checkpoint only when the state changed', () => {
    const lastDailyAt = '2026-11-22T00:01:00Z';
    expect(dueCheckpoint({ changedRows: 3, lastDailyAt, now: new Date('2026-11-22T10:00:00Z') })).toBe('automatic');
    expect(dueCheckpoint({ changedRows: 0, lastDailyAt, now: new Date('2026-11-22T10:00:00Z') })).toBeNull();
  });

  it('warns when the newest checkpoint is older than the threshold, or there is none', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(staleness(at('2026-11-22T11:30:00Z'), now)).toMatchObject({ ageSeconds: 1800, stale: false, staleAfterSeconds: 3600 });
    expect(staleness(at('2026-11-22T10:59:59Z'), now)).toMatchObject({ stale: true });
    expect(staleness(null, now)).toMatchObject({ ageSeconds: null, stale: true });
    expect(staleness(at('2026-11-22T11:58:00Z'), now, 60)).toMatchObject({ stale: true });
  });
});
