// The timeline page: the chart and its brush over the catalog of the chosen window, and what is picked.
import { useCallback, useMemo } from 'react';
import { stampMs } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { useCheckpoints } from './store/catalog';
import { CheckpointTable } from './CheckpointTable';
import { clampWindow, formatSpan, fullExtent, indexRange, isFullWindow, resolveWindow, zoomWindow, ZOOM_PRESETS, type TimeWindow } from './model/timeline';
import { SelectionPanel } from './SelectionPanel';
import { TimelineChart } from './TimelineChart';
import { TimelineOverview } from './TimelineOverview';
import { useSettled } from './useSettled';

/** The extent moves with the clock in steps of this, so a still desk is not redrawn every second. */
const NOW_STEP_MS = 5_000;
const TABLE_SETTLE_MS = 250;

export function TimelineView() {
  const timeline = useCheckpoints((s) => s.timeline);
  const byId = useCheckpoints((s) => s.byId);
  const zoom = useCheckpoints((s) => s.zoom);
  const setZoom = useCheckpoints((s) => s.setZoom);
  const show = useCheckpoints((s) => s.show);
  const now = useNow();
  const nowStep = Math.ceil(now / NOW_STEP_MS) * NOW_STEP_MS;
  const extent = useMemo(() => fullExtent(timeline, nowStep), [timeline, nowStep]);
  const w = useMemo(() => resolveWindow(zoom, extent), [zoom, extent]);
  const onWindow = (next: TimeWindow) => setZoom(isFullWindow(next, extent) ? { kind: 'all' } : { kind: 'fixed', window: clampWindow(next, extent) });
  // The table follows the zoom once the person stops zooming; the chart follows it at once. New
  // checkpoints reach both at once.
  const tableZoom = useSettled(zoom, TABLE_SETTLE_MS);
  const tableWindow = useMemo(() => resolveWindow(tableZoom, extent), [tableZoom, extent]);
  const [start, end] = indexRange(timeline, tableWindow);
  const rows = useMemo(
    () => timeline.slice(start, end).flatMap((c) => byId.get(c.id) ?? []),
    [timeline, byId, start, end],
  );
  const open = useCallback((id: string) => show({ kind: 'detail', id }), [show]);
  const full = isFullWindow(w, extent);

  return (
    <div className="cp-timeline-view">
      <section className="panel tl-panel" data-testid="timeline">
        <div className="tl-toolbar">
          <div className="segmented" role="radiogroup" aria-label="Window">
            {ZOOM_PRESETS.map((p) => {
              const active = p.spanMs === null ? zoom.kind === 'all' : zoom.kind === 'last' && zoom.spanMs === p.spanMs;
              return (
                <button
                  key={p.id}
                  type="button"
                  role="radio"
                  aria-checked={active}
                  className={active ? 'seg active' : 'seg'}
                  onClick={() => setZoom(p.spanMs === null ? { kind: 'all' } : { kind: 'last', spanMs: p.spanMs })}
                  data-testid={`zoom-${p.id}`}
                  title={p.spanMs === null ? 'The whole history' : `The last ${p.label}, following the clock`}
                >
                  {p.label}
                </button>
              );
            })}
          </div>
          <button type="button" className="btn btn-small" onClick={() => onWindow(zoomWindow(w, 2.5, 0.5, extent))} disabled={full} data-testid="zoom-out">
            Zoom out
          </button>
          <span className="tl-window" data-testid="timeline-window">
            {stampMs(w.from, false)} → {stampMs(w.to)}
            <span className="dim"> · {formatSpan(w.to - w.from)}</span>
          </span>
          <span className="tl-keys dim">wheel or drag to zoom · shift-wheel or ←/→ to pan · 0 for all</span>
        </div>
        <TimelineChart extent={extent} window={w} now={now} onWindow={onWindow} onOpen={open} />
        <TimelineOverview extent={extent} window={w} onWindow={onWindow} />
      </section>
      <div className="cp-lower">
        <CheckpointTable rows={rows} total={timeline.length} onOpen={open} />
        <SelectionPanel />
      </div>
    </div>
  );
}
