import { describe, expect, it } from 'vitest';
import { decideRetention, hasRules, isoWeek, type RetentionInput } from '../../../electron/engine/checkpoints/retention';

const cp = (id: string, createdAt: string, type: RetentionInput['type'] = 'automatic', pinned = false): RetentionInput => ({ checkpointId: id, type, createdAt, pinned });

/** One checkpoint every 20 minutes over three days, newest last. */
function history(): RetentionInput[] {
  const out: RetentionInput[] = [];
  const start = Date.parse('2026-11-20T00:00:00Z');
  for (let i = 0; i < 3 * 72; i++) out.push(cp(`c${String(i).padStart(3, '0')}`, new Date(start + i * 20 * 60_000).toISOString()));
  return out;
}

describe('retention', () => {
  it('keep-last keeps the newest N and removes the rest', () => {
    const d = decideRetention(history(), { keepLast: 3 });
    expect(d.keep.map((k) => k.checkpointId)).toEqual(['c215', 'c214', 'c213']);
    expect(d.remove).toHaveLength(213);
  });

  it('keep-hourly keeps the newest checkpoint of each of the last N hours', () => {
    const d = decideRetention(history(), { keepHourly: 4 });
    expect(d.keep.map((k) => k.checkpointId)).toEqual(['c215', 'c212', 'c209', 'c206']);
    expect(d.keep[0].reasons).toEqual(['hourly 2026-11-22T23']);
  });

  it('keep-daily, keep-weekly and keep-monthly bucket by UTC day, ISO week and month', () => {
    const d = decideRetention(history(), { keepDaily: 5, keepWeekly: 2, keepMonthly: 1 });
    const daily = d.keep.filter((k) => k.reasons.some((r) => r.startsWith('daily')));
    expect(daily.map((k) => k.checkpointId)).toEqual(['c215', 'c143', 'c071']); // only three days exist
    expect(d.keep.find((k) => k.checkpointId === 'c215')!.reasons).toEqual(['daily 2026-11-22', 'weekly 2026-W47', 'monthly 2026-11']);
  });

  it('never removes a pinned checkpoint', () => {
    const list = history();
    list[5] = { ...list[5], pinned: true };
    const d = decideRetention(list, { keepLast: 1 });
    expect(d.remove).not.toContain('c005');
    expect(d.keep.find((k) => k.checkpointId === 'c005')!.reasons).toEqual(['pinned']);
  });

  it('keeps a minimum per type', () => {
    const list = [...history(), cp('pre1', '2026-11-20T01:01:00Z', 'pre_rollback'), cp('pre2', '2026-11-20T02:01:00Z', 'pre_rollback')];
    const d = decideRetention(list, { keepLast: 2, minPerType: { pre_rollback: 1 } });
    expect(d.keep.map((k) => k.checkpointId)).toEqual(['c215', 'c214', 'pre2']);
    expect(d.remove).toContain('pre1');
  });

  it('tells whether any rule was given', () => {
    expect(hasRules({})).toBe(false);
    expect(hasRules({ keepLast: 0 })).toBe(false);
    expect(hasRules({ minPerType: { daily: 1 } })).toBe(true);
  });

  it('names ISO weeks the way the calendar does at year ends', () => {
    expect(isoWeek(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });
});
