import { describe, expect, it } from 'vitest';
import type { CheckpointInfo, CheckpointType } from '../../shared/api/checkpoints';
import {
  brushToWindow,
  clampWindow,
  coverageGaps,
  clusterHalfWidth,
  clusterLabel,
  clusterMarks,
  densityBuckets,
  formatSpan,
  formatTick,
  fullExtent,
  inWindow,
  lastWindow,
  LANES,
  MIN_SPAN_MS,
  panWindow,
  pointRadius,
  stalenessGap,
  timeTicks,
  toTimeline,
  windowToBrush,
  zoomWindow,
  type TimelineCheckpoint,
} from '../../renderer/src/pages/checkpoints/model/timeline';
import { formatBytes } from '../../renderer/src/pages/checkpoints/model/labels';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

const cp = (i: number, t: number, type: CheckpointType = 'automatic', changedRows = 10, extra: Partial<TimelineCheckpoint> = {}): TimelineCheckpoint => ({
  id: `AUT_20261122_090000_${i.toString(16).padStart(4, '0')}`,
  type,
  t,
  changedRows,
  status: 'unverified',
  pinned: false,
  ...extra,
});

/** A desk that took a checkpoint every `everyMs`, n times. */
const history = (n: number, everyMs: number, type: CheckpointType = 'automatic') => Array.from({ length: n }, (_, i) => cp(i, T0 + i * everyMs, type, i % 50));

describe('the timeline catalog', () => {
  it('orders checkpoints oldest first whatever order the catalog came in', () => {
    const info = (id: string, createdAt: string): CheckpointInfo => ({
      checkpointId: id,
      type: 'manual',
      label: null,
      createdAt,
      schemaVersion: 2,
      rootHash: 'x',
      counts: {},
      changedRows: 3,
      newBytes: 0,
      pinned: false,
      status: 'ok',
      statusDetail: null,
      verifiedAt: null,
    });
    const list = toTimeline([info('MAN_20261122_100000_0002', '2026-11-22T10:00:00.000Z'), info('MAN_20261122_090000_0001', '2026-11-22T09:00:00.000Z')]);
    expect(list.map((c) => c.id)).toEqual(['MAN_20261122_090000_0001', 'MAN_20261122_100000_0002']);
    expect(list[0].t).toBe(T0);
  });

  it('reaches from the first checkpoint to now, so the gap since the newest is on screen', () => {
    const cps = [cp(0, T0), cp(1, T0 + HOUR)];
    const now = T0 + 3 * HOUR;
    const e = fullExtent(cps, now);
    expect(e.from).toBeLessThan(T0);
    expect(e.to).toBeGreaterThan(now);
    expect(fullExtent([], now).to).toBeGreaterThan(now);
  });
});

describe('clustering to the pixels of the window', () => {
  it('keeps every checkpoint as its own mark when they are far enough apart', () => {
    const cps = history(20, HOUR);
    const w = { from: T0, to: T0 + 20 * HOUR };
    const marks = clusterMarks(cps, w, 1200, 22);
    expect(marks).toHaveLength(20);
    expect(marks.every((m) => m.count === 1)).toBe(true);
  });

  it('draws 240 manual checkpoints of one morning as a few counted clusters, not 240 overlapping marks', () => {
    // One every minute for four hours across 1,200 px: 5 px apart, closer than a mark is wide.
    const cps = history(240, MIN, 'manual');
    const w = { from: T0, to: T0 + 240 * MIN };
    const marks = clusterMarks(cps, w, 1200, 22, 96);
    expect(marks.length).toBeLessThanOrEqual(Math.ceil(1200 / 96) + 1);
    expect(marks.every((m) => m.count > 1)).toBe(true);
    expect(marks.reduce((n, m) => n + m.count, 0)).toBe(240);
    // Each cluster spans less than its cap, the clusters follow one another, and their pills, centred
    // on their stretches, keep apart.
    const px = (t: number) => ((t - w.from) / (w.to - w.from)) * 1200;
    for (const m of marks) expect(px(m.lastT) - px(m.firstT)).toBeLessThan(96);
    for (let i = 1; i < marks.length; i++) {
      expect(marks[i].firstT).toBeGreaterThan(marks[i - 1].lastT);
      const right = (px(marks[i - 1].firstT) + px(marks[i - 1].lastT)) / 2 + clusterHalfWidth(marks[i - 1].count);
      const left = (px(marks[i].firstT) + px(marks[i].lastT)) / 2 - clusterHalfWidth(marks[i].count);
      expect(left).toBeGreaterThan(right);
    }
  });

  it('comes apart when zoomed in: the same checkpoints over a tenth of the time are single marks again', () => {
    const cps = history(240, MIN, 'manual');
    const w = { from: T0, to: T0 + 24 * MIN };
    const marks = clusterMarks(cps, w, 1200, 22, 96);
    expect(marks).toHaveLength(25);
    expect(marks.every((m) => m.count === 1)).toBe(true);
  });

  it('clusters each lane on its own, so a lone emergency checkpoint is not swallowed by the automatic ones around it', () => {
    const cps = [...history(10_000, 5_000), cp(99_999, T0 + 1234 * 5_000 + 1, 'emergency', 7)].sort((a, b) => a.t - b.t);
    const w = fullExtent(cps, cps[cps.length - 1].t);
    const marks = clusterMarks(cps, w, 1200, 22, 96);
    expect(marks.length).toBeLessThanOrEqual(LANES.length * Math.ceil(1200 / 22));
    expect(marks.reduce((n, m) => n + m.count, 0)).toBe(cps.length);
    const emergency = marks.filter((m) => m.type === 'emergency');
    expect(emergency).toHaveLength(1);
    expect(emergency[0].count).toBe(1);
  });

  it('lets the biggest change stand for a cluster and keeps the alarms of the rest', () => {
    const cps = [cp(1, T0, 'automatic', 5), cp(2, T0 + 1000, 'automatic', 900, { status: 'corrupt' }), cp(3, T0 + 2000, 'automatic', 40, { pinned: true })];
    const [mark] = clusterMarks(cps, { from: T0, to: T0 + HOUR }, 600, 22);
    expect(mark).toMatchObject({ count: 3, id: cps[1].id, changedRows: 900, totalChanged: 945, corrupt: true, pinned: true, firstT: T0, lastT: T0 + 2000 });
  });

  it('leaves out checkpoints outside the window', () => {
    const cps = history(100, MIN);
    const w = { from: T0 + 10 * MIN, to: T0 + 19 * MIN };
    expect(inWindow(cps, w)).toHaveLength(10);
    expect(clusterMarks(cps, w, 2000, 2).reduce((n, m) => n + m.count, 0)).toBe(10);
  });

  it('labels a cluster with its count, shortened past a thousand', () => {
    expect([clusterLabel(7), clusterLabel(312), clusterLabel(1234), clusterLabel(9960), clusterLabel(12_400)]).toEqual(['7', '312', '1.2k', '10k', '12k']);
  });
});

describe('the overview strip and its brush', () => {
  it('counts checkpoints per bucket across the whole extent', () => {
    const cps = [...history(30, MIN), cp(500, T0 + 5 * MIN + 1, 'emergency')].sort((a, b) => a.t - b.t);
    const extent = { from: T0, to: T0 + 30 * MIN };
    const buckets = densityBuckets(cps, extent, 10);
    expect(buckets).toHaveLength(10);
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(31);
    expect(buckets[1].emergencies).toBe(1);
  });

  it('turns brush indexes into a window and back', () => {
    const extent = { from: T0, to: T0 + 100 * MIN };
    const buckets = densityBuckets([], extent, 100);
    const w = brushToWindow(buckets, 20, 29);
    expect(w).toEqual({ from: T0 + 20 * MIN, to: T0 + 30 * MIN });
    expect(windowToBrush(buckets, w)).toEqual({ startIndex: 20, endIndex: 29 });
    expect(brushToWindow(buckets, 29, 20)).toEqual(w);
    // A window that falls between bucket edges is covered, not cut.
    expect(windowToBrush(buckets, { from: T0 + 20.5 * MIN, to: T0 + 22.5 * MIN })).toEqual({ startIndex: 20, endIndex: 22 });
  });
});

describe('zoom and pan', () => {
  const extent = { from: T0, to: T0 + 10 * HOUR };

  it('zooms in around the time under the pointer', () => {
    const w = zoomWindow(extent, 0.5, 0.25, extent);
    expect(w.to - w.from).toBe(5 * HOUR);
    // The time at a quarter of the width stays at a quarter of the width.
    expect(w.from + 0.25 * (w.to - w.from)).toBe(T0 + 2.5 * HOUR);
  });

  it('never zooms out past everything nor in past one second', () => {
    expect(zoomWindow(extent, 4, 0.5, extent)).toEqual(extent);
    const tiny = zoomWindow({ from: T0, to: T0 + 20_000 }, 0.001, 0.5, extent);
    expect(tiny.to - tiny.from).toBe(MIN_SPAN_MS);
  });

  it('pans inside the extent, keeping the span', () => {
    const w = { from: T0 + HOUR, to: T0 + 3 * HOUR };
    expect(panWindow(w, -1, extent)).toEqual({ from: T0, to: T0 + 2 * HOUR });
    expect(panWindow(w, 100, extent)).toEqual({ from: T0 + 8 * HOUR, to: T0 + 10 * HOUR });
    expect(clampWindow({ from: T0 - HOUR, to: T0 + HOUR }, extent)).toEqual({ from: T0, to: T0 + 2 * HOUR });
  });

  it('shows the last hour of the extent', () => {
    expect(lastWindow(extent, HOUR)).toEqual({ from: T0 + 9 * HOUR, to: T0 + 10 * HOUR });
  });

  it('shows a whole hour for "1h" when the history is shorter', () => {
    const short = { from: T0, to: T0 + 18 * MIN };
    expect(lastWindow(short, HOUR)).toEqual({ from: T0 + 18 * MIN - HOUR, to: T0 + 18 * MIN });
  });
});

describe('gaps', () => {
  it('finds stretches longer than the staleness threshold with no checkpoint', () => {
    const cps = [cp(0, T0), cp(1, T0 + 30 * MIN), cp(2, T0 + 3 * HOUR), cp(3, T0 + 3 * HOUR + MIN)];
    expect(coverageGaps(cps, HOUR)).toEqual([{ from: T0 + 30 * MIN, to: T0 + 3 * HOUR }]);
  });

  it('marks the time since the newest checkpoint stale once it passes the threshold', () => {
    const cps = [cp(0, T0)];
    expect(stalenessGap(cps, T0 + 30 * MIN, HOUR)).toEqual({ from: T0, to: T0 + 30 * MIN, stale: false });
    expect(stalenessGap(cps, T0 + 2 * HOUR, HOUR)?.stale).toBe(true);
    expect(stalenessGap([], T0, HOUR)).toBeNull();
  });
});

describe('marks, ticks and words', () => {
  it('sizes marks by the log of rows changed, within bounds', () => {
    expect(pointRadius(0)).toBe(3);
    expect(pointRadius(10)).toBeLessThan(pointRadius(1000));
    expect(pointRadius(10_000_000)).toBe(11);
  });

  it('puts ticks on round UTC times', () => {
    const { ticks, step } = timeTicks({ from: T0 + 7 * MIN, to: T0 + 2 * HOUR }, 8);
    expect(step).toBe(15 * MIN);
    expect(ticks[0]).toBe(T0 + 15 * MIN);
    expect(ticks.every((t) => t % step === 0)).toBe(true);
    expect(formatTick(T0 + 15 * MIN, step)).toBe('09:15');
    expect(formatTick(Date.UTC(2026, 10, 23), step)).toBe('11-23 00:00');
    expect(formatTick(Date.UTC(2026, 10, 23), 24 * HOUR)).toBe('11-23');
    expect(formatTick(T0 + 5_000, 5_000)).toBe('09:00:05');
    expect(formatTick(T0 + 5_250, 250)).toBe('09:00:05.250');
  });

  it('says durations and sizes briefly', () => {
    expect(formatSpan(45_000)).toBe('45s');
    expect(formatSpan(2 * HOUR + 14 * MIN)).toBe('2h 14m');
    expect(formatSpan(76 * HOUR)).toBe('3d 4h');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(195_670)).toBe('196 KB');
    expect(formatBytes(39_392)).toBe('39.4 KB');
  });
});
