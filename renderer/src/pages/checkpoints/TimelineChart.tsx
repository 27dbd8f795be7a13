// Every checkpoint on a time axis, one lane per type, sized by the rows it changed. The window is
// zoomed with the wheel, a drag across the chart, the keyboard or the brush below; only the marks
// of the window are drawn, near ones clustered with their count (model/timeline.ts), so 10,000
// stay smooth and a busy lane stays readable. Every colour is a theme variable (styles/base.css,
// the page's --cp-* hues), so the chart follows the light and the dark palette.
import { createContext, memo, useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent, type ReactElement, type RefObject } from 'react';
import { CartesianGrid, ReferenceArea, ReferenceLine, Scatter, ScatterChart, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import type { CheckpointType } from '../../../../shared/api/checkpoints';
import { useNow } from '../../hooks/useNow';
import { useCheckpoints } from './store/catalog';
import { TYPE_COLOR, TYPE_LABEL } from './model/labels';
import {
  CLUSTER_R,
  clusterHalfWidth,
  clusterLabel,
  clusterMarks,
  coverageGaps,
  formatSpan,
  formatTick,
  LANES,
  laneOf,
  markTime,
  MIN_SPAN_MS,
  panWindow,
  pointRadius,
  stalenessGap,
  timeTicks,
  zoomWindow,
  type TimelineCheckpoint,
  type TimelinePoint,
  type TimeWindow,
} from './model/timeline';
import { TimelineTip, useTimelineHover } from './TimelineTip';
import { useElementWidth } from './useElementWidth';

export const Y_AXIS_WIDTH = 104;
export const MARGIN = { top: 16, right: 20, bottom: 2, left: 0 };
const HEIGHT = 226;
/** Marks of a lane closer than this join a cluster; a cluster grows no wider than CLUSTER_MAX_PX. */
const CLUSTER_PX = 22;
const CLUSTER_MAX_PX = 96;


interface Props {
  extent: TimeWindow;
  window: TimeWindow;
  now: number;
  onWindow(w: TimeWindow): void;
  onOpen(id: string): void;
}

export function TimelineChart({ extent, window: w, now, onWindow, onOpen }: Props) {
  const timeline = useCheckpoints((s) => s.timeline);
  const staleAfterSeconds = useCheckpoints((s) => s.data?.staleness.staleAfterSeconds ?? 3600);
  const picked = useCheckpoints((s) => s.picked);
  const pick = useCheckpoints((s) => s.pick);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const plotWidth = Math.max(50, width - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right);

  const marks = useMemo(() => clusterMarks(timeline, w, plotWidth, CLUSTER_PX, CLUSTER_MAX_PX), [timeline, w, plotWidth]);
  const gaps = useMemo(
    () => coverageGaps(timeline, staleAfterSeconds * 1000).filter((g) => g.to > w.from && g.from < w.to),
    [timeline, staleAfterSeconds, w],
  );
  const staleGap = stalenessGap(timeline, now, staleAfterSeconds * 1000);
  const { ticks, step } = timeTicks(w, Math.max(2, Math.floor(plotWidth / 96)));
  const pickedMarks = useMemo(() => pickedPoints(timeline, picked, w), [timeline, picked, w]);

  // Fractions of the plot width under the pointer, for zooming around it.
  // The chart's left edge, read when the pointer arrives: reading it per wheel event would force a
  // layout after every redraw.
  const boxLeft = useRef<number | null>(null);
  const leftEdge = () => (boxLeft.current ??= box.current?.getBoundingClientRect().left ?? 0);
  const fractionAt = (clientX: number) => (clientX - leftEdge() - MARGIN.left - Y_AXIS_WIDTH) / plotWidth;
  const timeAt = (clientX: number) => w.from + Math.min(1, Math.max(0, fractionAt(clientX))) * (w.to - w.from);

  // The wheel zooms; a passive React listener could not keep the page from scrolling. A trackpad
  // sends many wheel events a frame: they are folded into one change per frame.
  const latest = useRef({ w, extent, onWindow, fractionAt });
  latest.current = { w, extent, onWindow, fractionAt };
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let factor = 1;
    let pan = 0;
    let anchor = 0.5;
    let frame: number | null = null;
    const apply = () => {
      frame = null;
      const { w: cur, extent: ext, onWindow: set } = latest.current;
      const zoomed = factor === 1 ? cur : zoomWindow(cur, factor, anchor, ext);
      set(pan === 0 ? zoomed : panWindow(zoomed, pan, ext));
      factor = 1;
      pan = 0;
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const sideways = Math.abs(e.deltaX) > Math.abs(e.deltaY);
      if (e.shiftKey || sideways) pan += (sideways ? e.deltaX : e.deltaY) / 1000;
      else {
        factor *= Math.exp(e.deltaY * 0.0015);
        anchor = latest.current.fractionAt(e.clientX);
      }
      if (frame === null) frame = requestAnimationFrame(apply);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('wheel', onWheel);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, []);

  // Dragging across the chart's background selects a stretch of time to zoom into.
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const onMouseDown = (e: ReactMouseEvent) => {
    if (e.button !== 0) return;
    setDrag({ x0: e.clientX, x1: e.clientX });
  };
  useEffect(() => {
    if (!drag) return;
    const move = (e: MouseEvent) => setDrag((d) => (d ? { ...d, x1: e.clientX } : d));
    const up = (e: MouseEvent) => {
      setDrag(null);
      if (Math.abs(e.clientX - drag.x0) < 5) return;
      const a = timeAt(drag.x0);
      const b = timeAt(e.clientX);
      onWindow({ from: Math.min(a, b), to: Math.max(a, b, Math.min(a, b) + MIN_SPAN_MS) });
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up, { once: true });
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drag?.x0]);

  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, () => TimeWindow> = {
      ArrowLeft: () => panWindow(w, -0.2, extent),
      ArrowRight: () => panWindow(w, 0.2, extent),
      '+': () => zoomWindow(w, 0.5, 0.5, extent),
      '=': () => zoomWindow(w, 0.5, 0.5, extent),
      '-': () => zoomWindow(w, 2, 0.5, extent),
      '0': () => extent,
    };
    if (!keys[e.key]) return;
    e.preventDefault();
    onWindow(keys[e.key]());
  };

  // Mark handlers read the latest window and callbacks through a ref, so the marks' shape
  // components keep their identity and a zoom updates them instead of re-creating them.
  const actions = useRef<MarkActions>(null as unknown as MarkActions);
  actions.current = {
    onMark(m, e) {
      e.stopPropagation();
      const add = e.shiftKey || e.ctrlKey || e.metaKey;
      if (m.count > 1 && !add) {
        // A bucket of several: open it up, a little wider than the checkpoints it holds.
        const pad = Math.max((m.lastT - m.firstT) * 0.25, ((w.to - w.from) / plotWidth) * CLUSTER_PX);
        onWindow({ from: m.firstT - pad, to: m.lastT + pad });
      } else if (e.detail >= 2 && !add) {
        // A double click: the first click re-drew the mark, so dblclick would not reach it.
        onOpen(m.id);
      } else {
        pick(m.id, add);
      }
    },
  };

  const chart = useMemo(() => {
    const staleFrom = staleGap ? Math.max(staleGap.from, w.from) : 0;
    const staleTo = staleGap ? Math.min(staleGap.to, w.to) : 0;
    return (
      <ScatterChart width={width} height={HEIGHT} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--grid)" vertical={false} horizontalValues={LANES.map((_, i) => i)} />
        <XAxis
          type="number"
          dataKey="t"
          domain={[w.from, w.to]}
          allowDataOverflow
          ticks={ticks}
          tickFormatter={(t: number) => formatTick(t, step)}
          stroke="var(--border-strong)"
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          tickLine={false}
          interval={0}
          height={22}
        />
        <YAxis
          type="number"
          dataKey="lane"
          domain={[-0.6, LANES.length - 0.4]}
          allowDataOverflow
          ticks={LANES.map((_, i) => i)}
          reversed
          tickFormatter={(lane: number) => TYPE_LABEL[LANES[lane] as CheckpointType] ?? ''}
          width={Y_AXIS_WIDTH}
          stroke="var(--border-strong)"
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          tickLine={false}
          interval={0}
        />
        {gaps.map((g) => {
          const x1 = Math.max(g.from, w.from);
          const x2 = Math.min(g.to, w.to);
          return (
            <ReferenceArea
              key={g.from}
              x1={x1}
              x2={x2}
              ifOverflow="hidden"
              fill="var(--warn)"
              fillOpacity={0.08}
              stroke="none"
              label={x2 - x1 > (w.to - w.from) * 0.12 ? { value: `uncovered ${formatSpan(g.to - g.from)}`, position: 'insideTop', fill: 'var(--warn)', fontSize: 11 } : undefined}
            />
          );
        })}
        {staleGap && staleTo > staleFrom ? (
          <ReferenceArea
            x1={staleFrom}
            x2={staleTo}
            ifOverflow="hidden"
            fill={staleGap.stale ? 'var(--warn)' : 'var(--accent)'}
            fillOpacity={staleGap.stale ? 0.13 : 0.05}
            stroke="none"
            label={
              staleTo - staleFrom > (w.to - w.from) * 0.12
                ? {
                    value: staleGap.stale ? `no checkpoint for ${formatSpan(staleGap.to - staleGap.from)}` : `${formatSpan(staleGap.to - staleGap.from)} since the newest`,
                    position: 'insideTop',
                    fill: staleGap.stale ? 'var(--warn)' : 'var(--text-muted)',
                    fontSize: 11,
                  }
                : undefined
            }
          />
        ) : null}
        {now >= w.from && now <= w.to ? (
          <ReferenceLine x={now} stroke="var(--text-muted)" strokeDasharray="3 3" ifOverflow="hidden" label={{ value: 'now', position: 'top', fill: 'var(--text-muted)', fontSize: 10 }} />
        ) : null}
        {/* The axes need a series to exist; the marks themselves are drawn by MarksLayer. */}
        <Scatter data={AXIS_ANCHOR} shape={NO_SHAPE} isAnimationActive={false} legendType="none" tooltipType="none" />
        <MarksLayer marks={marks} picked={pickedMarks} />
      </ScatterChart>
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [marks, pickedMarks, gaps, staleGap?.from, staleGap?.stale, Math.floor(now / 5000), w, width, ticks.join(), step]);

  const dragBox = drag ? dragRect(drag, box.current) : null;
  return (
    <div
      ref={box}
      className="tl-chart"
      tabIndex={0}
      role="group"
      aria-label="Checkpoint timeline: arrows pan, + and - zoom, 0 shows everything"
      onMouseDown={onMouseDown}
      onKeyDown={onKeyDown}
      onMouseEnter={() => (boxLeft.current = box.current?.getBoundingClientRect().left ?? null)}
      onMouseLeave={() => useTimelineHover.setState({ mark: null })}
      data-testid="timeline-chart"
      data-marks={marks.length}
      data-span={Math.round(w.to - w.from)}
    >
      <MarkActionsContext.Provider value={actions}>{chart}</MarkActionsContext.Provider>
      {dragBox ? <div className="tl-drag" style={dragBox} /> : null}
      <TimelineTip width={width} />
    </div>
  );
}

/** The picked checkpoints inside the window, lettered A and B in time order. */
function pickedPoints(timeline: readonly TimelineCheckpoint[], picked: readonly string[], w: TimeWindow): PickedPoint[] {
  const found = picked
    .map((id) => timeline.find((c) => c.id === id))
    .filter((c): c is NonNullable<typeof c> => Boolean(c))
    .sort((a, b) => a.t - b.t);
  return found
    .map((c, i) => ({ id: c.id, t: c.t, lane: laneOf(c.type), changedRows: c.changedRows, letter: found.length === 2 ? 'AB'[i] : '' }))
    .filter((p) => p.t >= w.from && p.t <= w.to);
}

function dragRect(drag: { x0: number; x1: number }, el: HTMLElement | null) {
  if (!el) return null;
  const rect = el.getBoundingClientRect();
  const left = Math.max(MARGIN.left + Y_AXIS_WIDTH, Math.min(drag.x0, drag.x1) - rect.left);
  const right = Math.min(rect.width - MARGIN.right, Math.max(drag.x0, drag.x1) - rect.left);
  return { left, width: Math.max(0, right - left), top: MARGIN.top, height: HEIGHT - MARGIN.top - 24 };
}

const AXIS_ANCHOR: never[] = [];
const NO_SHAPE = () => <g />;

interface MarkActions {
  onMark(m: TimelinePoint, e: ReactMouseEvent): void;
}
const MarkActionsContext = createContext<RefObject<MarkActions> | null>(null);

/**
 * The marks, placed with the chart's own scales. Drawn here rather than by <Scatter>, which keys
 * its points by pixel position and so re-creates every one of them on each zoom step; keyed by
 * checkpoint, a zoom only moves them.
 */
function MarksLayer({ marks, picked }: { marks: readonly TimelinePoint[]; picked: readonly PickedPoint[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="tl-marks">
      {marks.map((m) =>
        m.count > 1 ? (
          <Cluster key={`${m.lane}:${m.id}`} mark={m} x1={x(m.firstT) as number} x2={x(m.lastT) as number} cy={y(m.lane) as number} />
        ) : (
          <Mark key={`${m.lane}:${m.id}`} mark={m} cx={x(m.t) as number} cy={y(m.lane) as number} />
        ),
      )}
      {picked.map((p) => (
        <Picked key={p.id} point={p} cx={x(p.t) as number} cy={y(p.lane) as number} />
      ))}
    </g>
  );
}

/** The pointer handlers every mark shares: pick or zoom on click, the hover card at (x, y). */
function useMarkHandlers(m: TimelinePoint, x: number, y: number) {
  const actions = useContext(MarkActionsContext);
  return {
    onMouseDown: (e: ReactMouseEvent) => e.stopPropagation(),
    onClick: (e: ReactMouseEvent) => actions?.current.onMark(m, e),
    onMouseEnter: () => useTimelineHover.setState({ mark: m, x, y }),
    onMouseLeave: () => useTimelineHover.setState({ mark: null }),
  };
}

/** One checkpoint: filled by type, sized by rows changed, hollow when nothing changed. */
const Mark = memo(function Mark({ mark: m, cx, cy }: { mark: TimelinePoint; cx: number; cy: number }) {
  const handlers = useMarkHandlers(m, cx, cy);
  const r = pointRadius(m.changedRows);
  const color = TYPE_COLOR[m.type];
  return (
    <g className="tl-mark" data-testid="timeline-mark" data-id={m.id} data-type={m.type} data-count={1} {...handlers}>
      <circle cx={cx} cy={cy} r={r} fill={m.changedRows > 0 ? color : 'var(--panel)'} fillOpacity={m.changedRows > 0 ? 0.82 : 1} stroke={color} strokeWidth={1.4} />
      {m.corrupt ? <circle cx={cx} cy={cy} r={r + 5} fill="none" stroke="var(--halt)" strokeWidth={2} /> : null}
      {m.pinned ? <path d={`M${cx - 3.5},${cy - r - 7} h7 l-3.5,5 z`} fill="var(--text)" /> : null}
      <circle cx={cx} cy={cy} r={Math.max(r + 4, 9)} fill="transparent" />
    </g>
  );
});

/**
 * Several checkpoints of one lane too close to tell apart: a pill with their count in the middle of
 * the stretch they span (a thin line across it); a click zooms into it (model/timeline.ts clusterMarks).
 */
const Cluster = memo(function Cluster({ mark: m, x1, x2, cy }: { mark: TimelinePoint; x1: number; x2: number; cy: number }) {
  const label = clusterLabel(m.count);
  // Wide enough for the count, centred on the stretch it covers.
  const half = clusterHalfWidth(m.count);
  const cx = (x1 + x2) / 2;
  const handlers = useMarkHandlers(m, cx, cy);
  const color = TYPE_COLOR[m.type];
  return (
    <g className="tl-mark tl-cluster" data-testid="timeline-mark" data-id={m.id} data-type={m.type} data-count={m.count} data-t={markTime(m)} {...handlers}>
      <line x1={x1} x2={x2} y1={cy} y2={cy} stroke={color} strokeOpacity={0.5} strokeWidth={2} />
      <rect x={cx - half} y={cy - CLUSTER_R} width={2 * half} height={2 * CLUSTER_R} rx={CLUSTER_R} fill={color} fillOpacity={0.22} stroke={color} strokeWidth={1.2} />
      <text className="tl-cluster-count" x={cx} y={cy} dy="0.35em" textAnchor="middle" fontSize={10.5} fontWeight={600} fill="var(--text-strong)" data-testid="timeline-cluster-count">
        {label}
      </text>
      {m.corrupt ? <rect x={cx - half - 3} y={cy - CLUSTER_R - 3} width={2 * half + 6} height={2 * CLUSTER_R + 6} rx={CLUSTER_R + 3} fill="none" stroke="var(--halt)" strokeWidth={2} /> : null}
      {m.pinned ? <path d={`M${cx - 3.5},${cy - CLUSTER_R - 7} h7 l-3.5,5 z`} fill="var(--text)" /> : null}
    </g>
  );
});

interface PickedPoint {
  id: string;
  t: number;
  lane: number;
  changedRows: number;
  letter: string;
}

/** The ring and letter (A, B) of a picked checkpoint. */
function Picked({ point, cx, cy }: { point: PickedPoint; cx: number; cy: number }) {
  const r = pointRadius(point.changedRows) + 4.5;
  return (
    <g pointerEvents="none" data-testid="timeline-picked" data-letter={point.letter}>
      <circle cx={cx} cy={cy} r={r} fill="none" stroke="var(--text-strong)" strokeWidth={2} />
      <text x={cx} y={cy - r - 4} textAnchor="middle" fill="var(--text-strong)" fontSize={11} fontWeight={700}>
        {point.letter}
      </text>
    </g>
  );
}
