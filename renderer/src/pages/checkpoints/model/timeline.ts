// Shaping the checkpoint catalog for the timeline: one point per checkpoint, clustered to the
// pixels of the visible window so 10,000 checkpoints draw as a few hundred counted marks; the overview
// strip's density; coverage gaps and the staleness gap; zoom and pan arithmetic; time ticks.
import { wallTime } from '../../../format/time';
import type { CheckpointInfo, CheckpointStatus, CheckpointType } from '../../../../../shared/api/checkpoints';

/** Lanes top to bottom: the rare, alarming types first, the routine ones last. */
export const LANES: readonly CheckpointType[] = ['emergency', 'pre_rollback', 'pre_sync', 'pre_restore', 'pre_upgrade', 'manual', 'daily', 'automatic'];
export const laneOf = (type: CheckpointType): number => Math.max(0, LANES.indexOf(type));

export interface TimelineCheckpoint {
  id: string;
  type: CheckpointType;
  /** createdAt, epoch ms. */
  t: number;
  changedRows: number;
  status: CheckpointStatus;
  pinned: boolean;
}

export interface TimeWindow {
  from: number;
  to: number;
}

/** The catalog as timeline entries, oldest first (ties by id, so the order is stable). */
export function toTimeline(list: readonly CheckpointInfo[]): TimelineCheckpoint[] {
  return list
    .map((c) => ({ id: c.checkpointId, type: c.type, t: Date.parse(c.createdAt), changedRows: c.changedRows, status: c.status, pinned: c.pinned }))
    .filter((c) => Number.isFinite(c.t))
    .sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Zooming stops at one second across the chart (ids, and so checkpoints, can be that close). */
export const MIN_SPAN_MS = 1_000;

/** Everything there is to see: the first checkpoint to now (so the gap since the newest shows), padded. */
export function fullExtent(cps: readonly TimelineCheckpoint[], now: number): TimeWindow {
  if (cps.length === 0) return { from: now - HOUR, to: now + HOUR / 60 };
  const first = cps[0].t;
  const last = Math.max(cps[cps.length - 1].t, now);
  const span = Math.max(last - first, 2 * MINUTE);
  const pad = span * 0.02;
  return { from: first - pad, to: last + pad };
}

/** The window kept inside the extent and no narrower than MIN_SPAN_MS, its span preserved when it fits. */
export function clampWindow(w: TimeWindow, extent: TimeWindow): TimeWindow {
  const full = extent.to - extent.from;
  const span = Math.min(full, Math.max(MIN_SPAN_MS, w.to - w.from));
  let from = Math.max(extent.from, Math.min(w.from, extent.to - span));
  if (!Number.isFinite(from)) from = extent.from;
  return { from, to: from + span };
}

/** Zooms by `factor` (< 1 in, > 1 out) keeping the time under `anchor` (0 = left edge, 1 = right) still. */
export function zoomWindow(w: TimeWindow, factor: number, anchor: number, extent: TimeWindow): TimeWindow {
  const a = Math.min(1, Math.max(0, anchor));
  const span = w.to - w.from;
  const at = w.from + a * span;
  const next = span * factor;
  return clampWindow({ from: at - a * next, to: at - a * next + next }, extent);
}

/** Moves the window by a fraction of its span (negative = back in time). */
export function panWindow(w: TimeWindow, fraction: number, extent: TimeWindow): TimeWindow {
  const shift = (w.to - w.from) * fraction;
  return clampWindow({ from: w.from + shift, to: w.to + shift }, extent);
}

/**
 * The last `spanMs` up to the extent's end — the whole span even when the history is shorter
 * ("1h" over 18 minutes of checkpoints shows an hour, its first 42 minutes empty; it showed the
 * 18 minutes as if they were the hour).
 */
export function lastWindow(extent: TimeWindow, spanMs: number): TimeWindow {
  return { from: extent.to - Math.max(MIN_SPAN_MS, spanMs), to: extent.to };
}

/** How the window is chosen: everything, the last N (follows the clock), or fixed times. */
export type Zoom = { kind: 'all' } | { kind: 'last'; spanMs: number } | { kind: 'fixed'; window: TimeWindow };

export function resolveWindow(zoom: Zoom, extent: TimeWindow): TimeWindow {
  if (zoom.kind === 'all') return extent;
  if (zoom.kind === 'last') return lastWindow(extent, zoom.spanMs);
  return clampWindow(zoom.window, extent);
}

/** Whether the window shows the whole extent. */
export const isFullWindow = (w: TimeWindow, extent: TimeWindow): boolean => w.from <= extent.from && w.to >= extent.to;

/** First index with t >= time (binary search over the sorted entries). */
function lowerBound(cps: readonly TimelineCheckpoint[], time: number): number {
  let lo = 0;
  let hi = cps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cps[mid].t < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [start, end) of the entries inside the window. */
export function indexRange(cps: readonly TimelineCheckpoint[], w: TimeWindow): [number, number] {
  return [lowerBound(cps, w.from), lowerBound(cps, w.to + 1)];
}

/** Entries inside the window, oldest first. */
export function inWindow(cps: readonly TimelineCheckpoint[], w: TimeWindow): TimelineCheckpoint[] {
  const [start, end] = indexRange(cps, w);
  return cps.slice(start, end);
}

/** One mark on the chart: a checkpoint, or several of one type too close together to tell apart. */
export interface TimelinePoint {
  /** The checkpoint the mark stands for: the one with the most changed rows in its bucket. */
  id: string;
  type: CheckpointType;
  lane: number;
  t: number;
  changedRows: number;
  /** How many checkpoints the mark covers, and the time they span. */
  count: number;
  firstT: number;
  lastT: number;
  /** Sum of changed rows over the covered checkpoints. */
  totalChanged: number;
  corrupt: boolean;
  pinned: boolean;
}

/** A cluster's half height in pixels: room for its count. */
export const CLUSTER_R = 8;
/** Pixels kept between two marks of a lane. */
const MARK_GAP_PX = 2;

/** A cluster's pill, centred on the stretch it covers: as wide as its count needs. */
export function clusterHalfWidth(count: number): number {
  return Math.max(CLUSTER_R, clusterLabel(count).length * 3.4 + 6);
}

/** The pixels a mark covers on its lane, x measured from the window's left edge. */
function markExtent(m: TimelinePoint, pxPerMs: number, from: number): [number, number] {
  if (m.count === 1) {
    const x = (m.t - from) * pxPerMs;
    const r = pointRadius(m.changedRows);
    return [x - r, x + r];
  }
  const x1 = (m.firstT - from) * pxPerMs;
  const x2 = (m.lastT - from) * pxPerMs;
  const half = clusterHalfWidth(m.count);
  return [(x1 + x2) / 2 - half, (x1 + x2) / 2 + half];
}

function absorb(into: TimelinePoint, c: Pick<TimelinePoint, 'id' | 't' | 'changedRows' | 'count' | 'lastT' | 'totalChanged' | 'corrupt' | 'pinned'>): void {
  into.count += c.count;
  into.lastT = Math.max(into.lastT, c.lastT);
  into.totalChanged += c.totalChanged;
  into.corrupt ||= c.corrupt;
  into.pinned ||= c.pinned;
  if (c.changedRows > into.changedRows) {
    into.id = c.id;
    into.t = c.t;
    into.changedRows = c.changedRows;
  }
}

/**
 * Clustering to the visible window, lane by lane: checkpoints whose marks would sit closer than
 * `joinPx` to the previous one join its cluster, and a cluster stops growing at `maxPx` wide, so
 * 200 manual checkpoints in a morning read as a few counted clusters, not as one solid bar of
 * overlapping circles; then any two marks whose shapes would still touch are merged, so no mark
 * hides another. A cluster's biggest change stands for it (its id opens on a double click); a
 * click zooms into its stretch, where it comes apart. At most lanes × widthPx / joinPx marks.
 */
export function clusterMarks(cps: readonly TimelineCheckpoint[], w: TimeWindow, widthPx: number, joinPx = 22, maxPx = 96): TimelinePoint[] {
  const span = Math.max(1, w.to - w.from);
  const pxPerMs = Math.max(1, widthPx) / span;
  const [start, end] = indexRange(cps, w);
  const lanes = new Map<number, TimelinePoint[]>();
  for (let i = start; i < end; i++) {
    const c = cps[i];
    const lane = laneOf(c.type);
    const marks = lanes.get(lane) ?? lanes.set(lane, []).get(lane)!;
    const mark = marks[marks.length - 1];
    const point = { id: c.id, t: c.t, changedRows: c.changedRows, count: 1, lastT: c.t, totalChanged: c.changedRows, corrupt: c.status === 'corrupt', pinned: c.pinned };
    if (mark && (c.t - mark.lastT) * pxPerMs < joinPx && (c.t - mark.firstT) * pxPerMs < maxPx) absorb(mark, point);
    else marks.push({ ...point, type: c.type, lane, firstT: c.t });
  }
  const out: TimelinePoint[] = [];
  for (const marks of lanes.values()) {
    const kept: TimelinePoint[] = [];
    for (const m of marks) {
      let next = m;
      // Merge with the marks before while the shapes would touch (a merge can widen the one before).
      while (kept.length > 0 && markExtent(kept[kept.length - 1], pxPerMs, w.from)[1] + MARK_GAP_PX > markExtent(next, pxPerMs, w.from)[0]) {
        const before = kept.pop()!;
        absorb(before, next);
        next = before;
      }
      kept.push(next);
    }
    out.push(...kept);
  }
  return out.sort((a, b) => a.firstT - b.firstT || a.lane - b.lane);
}

/** Where a mark is drawn: a checkpoint at its time, a cluster at the middle of its stretch. */
export const markTime = (m: TimelinePoint): number => (m.count > 1 ? (m.firstT + m.lastT) / 2 : m.t);

/** The count a cluster shows: "7", "312", "1.2k". */
export function clusterLabel(count: number): string {
  if (count < 1000) return String(count);
  return count < 10_000 ? `${Math.round(count / 100) / 10}k` : `${Math.round(count / 1000)}k`;
}

export interface DensityBucket {
  t0: number;
  t1: number;
  count: number;
  /** Checkpoints of the alarming types (emergency) in the bucket. */
  emergencies: number;
}

/** Checkpoints per bucket across the extent, for the overview strip under the brush. */
export function densityBuckets(cps: readonly TimelineCheckpoint[], extent: TimeWindow, n: number): DensityBucket[] {
  const count = Math.max(1, Math.floor(n));
  const span = Math.max(1, extent.to - extent.from);
  const out: DensityBucket[] = Array.from({ length: count }, (_, i) => ({
    t0: extent.from + (span * i) / count,
    t1: extent.from + (span * (i + 1)) / count,
    count: 0,
    emergencies: 0,
  }));
  const [start, end] = indexRange(cps, extent);
  for (let i = start; i < end; i++) {
    const c = cps[i];
    const b = out[Math.min(count - 1, Math.floor(((c.t - extent.from) / span) * count))];
    b.count += 1;
    if (c.type === 'emergency') b.emergencies += 1;
  }
  return out;
}

/** The brush's bucket indexes that cover the window, and the window a pair of indexes stands for. */
export function windowToBrush(buckets: readonly DensityBucket[], w: TimeWindow): { startIndex: number; endIndex: number } {
  if (buckets.length === 0) return { startIndex: 0, endIndex: 0 };
  const last = buckets.length - 1;
  let startIndex = buckets.findIndex((b) => b.t1 > w.from);
  if (startIndex < 0) startIndex = last;
  let endIndex = last;
  for (let i = last; i >= 0; i--) {
    if (buckets[i].t0 < w.to) {
      endIndex = i;
      break;
    }
  }
  return { startIndex, endIndex: Math.max(startIndex, endIndex) };
}

export function brushToWindow(buckets: readonly DensityBucket[], startIndex: number, endIndex: number): TimeWindow {
  const last = buckets.length - 1;
  const s = Math.max(0, Math.min(last, Math.min(startIndex, endIndex)));
  const e = Math.max(0, Math.min(last, Math.max(startIndex, endIndex)));
  return { from: buckets[s].t0, to: buckets[e].t1 };
}

export interface Gap {
  from: number;
  to: number;
}

/** Stretches with no checkpoint for longer than the staleness threshold: the desk was uncovered. */
export function coverageGaps(cps: readonly TimelineCheckpoint[], staleAfterMs: number): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < cps.length; i++) {
    if (cps[i].t - cps[i - 1].t > staleAfterMs) gaps.push({ from: cps[i - 1].t, to: cps[i].t });
  }
  return gaps;
}

/** The time since the newest checkpoint, and whether it is past the threshold. */
export function stalenessGap(cps: readonly TimelineCheckpoint[], now: number, staleAfterMs: number): (Gap & { stale: boolean }) | null {
  if (cps.length === 0) return null;
  const newest = cps[cps.length - 1].t;
  if (now <= newest) return null;
  return { from: newest, to: now, stale: now - newest > staleAfterMs };
}

/** Mark radius in pixels: grows with the log of the rows changed; an unchanged checkpoint is the smallest. */
export function pointRadius(changedRows: number): number {
  if (!(changedRows > 0)) return 3;
  return Math.min(11, 3.5 + 1.7 * Math.log10(1 + changedRows));
}

const STEPS = [
  100,
  250,
  500,
  1_000,
  5_000,
  15_000,
  30_000,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  365 * DAY,
];

/** Tick times on round UTC boundaries, at most `maxTicks` of them across the window. */
export function timeTicks(w: TimeWindow, maxTicks: number): { ticks: number[]; step: number } {
  const span = Math.max(1, w.to - w.from);
  const step = STEPS.find((s) => span / s <= Math.max(1, maxTicks)) ?? STEPS[STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(w.from / step) * step; t <= w.to; t += step) ticks.push(t);
  return { ticks, step };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A tick's label in the shown zone, as fine as its step needs: "14:05:30", "14:05", "11-22 00:00", "11-22". */
export function formatTick(t: number, step: number): string {
  const d = wallTime(t);
  const date = `${pad2(d.month)}-${pad2(d.day)}`;
  const hm = `${pad2(d.hour)}:${pad2(d.minute)}`;
  if (step >= DAY) return date;
  if (step < 1_000) return `${hm}:${pad2(d.second)}.${String(d.ms).padStart(3, '0')}`;
  if (step < MINUTE) return `${hm}:${pad2(d.second)}`;
  return d.hour === 0 && d.minute === 0 ? `${date} ${hm}` : hm;
}

/** "45s", "12m", "2h 14m", "3d 4h": a duration at a glance. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

export const ZOOM_PRESETS: readonly { id: string; label: string; spanMs: number | null }[] = [
  { id: '1h', label: '1h', spanMs: HOUR },
  { id: '6h', label: '6h', spanMs: 6 * HOUR },
  { id: '1d', label: '1d', spanMs: DAY },
  { id: '7d', label: '7d', spanMs: 7 * DAY },
  { id: 'all', label: 'All', spanMs: null },
];
