import { describe, expect, it } from 'vitest';
import { decideBackupRetention, DEFAULT_RETENTION, type RetentionSnapshot } from '../../../electron/engine/backups/retention';

const now = new Date('2026-12-01T12:00:00Z');
const daysAgo = (d: number, h = 0) => new Date(now.getTime() - d * 86_400_000 - h * 3_600_000).toISOString();
const snap = (id: string, type: RetentionSnapshot['type'], createdAt: string, pinned = false): RetentionSnapshot => ({ id, type, createdAt, pinned });

describe('backup retention', () => {
  it('keeps each type for its days (7 / 30 / 90) and lists the rest for removal', () => {
    const d = decideBackupRetention(
      [snap('i1', 'incremental', daysAgo(1)), snap('i8', 'incremental', daysAgo(8)), snap('d20', 'differential', daysAgo(20)), snap('d31', 'differential', daysAgo(31)), snap('f89', 'full', daysAgo(89)), snap('f91', 'full', daysAgo(91)), snap('f100', 'full', daysAgo(100))],
      DEFAULT_RETENTION,
      now,
    );
    expect(d.remove.map((s) => s.id)).toEqual(['i8', 'd31', 'f91', 'f100']);
    expect(d.keep.find((k) => k.id === 'i1')!.reasons).toContain('incremental within 7 days');
    expect(d.keep.find((k) => k.id === 'd20')!.reasons).toEqual(['differential within 30 days']);
    expect(d.keep.find((k) => k.id === 'f89')!.reasons).toEqual(['newest full', 'full within 90 days']);
  });

  it('never removes a pinned snapshot, the newest snapshot or the newest full, however old', () => {
    const d = decideBackupRetention([snap('old-pinned', 'incremental', daysAgo(300), true), snap('only-full', 'full', daysAgo(400)), snap('newest', 'incremental', daysAgo(200)), snap('other', 'incremental', daysAgo(250))], DEFAULT_RETENTION, now);
    expect(d.remove.map((s) => s.id)).toEqual(['other']);
    expect(d.keep).toEqual([
      { id: 'newest', reasons: ['newest snapshot'] },
      { id: 'old-pinned', reasons: ['pinned'] },
      { id: 'only-full', reasons: ['newest full'] },
    ]);
  });

  it('applies keep-daily over all types, one per day, newest first', () => {
    const list = [snap('a', 'incremental', daysAgo(40, 1)), snap('b', 'incremental', daysAgo(40, 2)), snap('c', 'incremental', daysAgo(41)), snap('f', 'full', daysAgo(0))];
    const d = decideBackupRetention(list, { maxAgeDays: { incremental: 7, full: 90 }, keepDaily: 3 }, now);
    expect(d.keep.map((k) => k.id).sort()).toEqual(['a', 'c', 'f']);
    expect(d.remove.map((s) => s.id)).toEqual(['b']);
  });
});
