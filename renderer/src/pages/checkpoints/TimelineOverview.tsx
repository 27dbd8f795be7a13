// The whole history in one strip (checkpoints per bucket) with a brush that chooses the window
// the timeline above shows.
import { useMemo, useRef } from 'react';
import { Area, AreaChart, Brush, YAxis } from 'recharts';
import { useCheckpoints } from './store/catalog';
import { brushToWindow, densityBuckets, formatTick, timeTicks, windowToBrush, type TimeWindow } from './model/timeline';
import { MARGIN, Y_AXIS_WIDTH } from './TimelineChart';
import { useElementWidth } from './useElementWidth';

const BUCKETS = 240;
const HEIGHT = 40;

export function TimelineOverview({ extent, window: w, onWindow }: { extent: TimeWindow; window: TimeWindow; onWindow(w: TimeWindow): void }) {
  const timeline = useCheckpoints((s) => s.timeline);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const buckets = useMemo(() => densityBuckets(timeline, extent, BUCKETS), [timeline, extent]);
  const { startIndex, endIndex } = windowToBrush(buckets, w);
  const { step } = timeTicks(extent, 8);
  // Brush moves arrive per mouse move; one window change per frame is plenty.
  const frame = useRef<number | null>(null);
  const pending = useRef<TimeWindow | null>(null);
  const onChange = (range: { startIndex?: number; endIndex?: number }) => {
    if (range.startIndex === undefined || range.endIndex === undefined) return;
    if (range.startIndex === startIndex && range.endIndex === endIndex) return;
    pending.current = brushToWindow(buckets, range.startIndex, range.endIndex);
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      if (pending.current) onWindow(pending.current);
    });
  };
  const plotLeft = MARGIN.left + Y_AXIS_WIDTH;
  return (
    <div ref={box} className="tl-overview" data-testid="timeline-brush">
      <span className="tl-overview-label" style={{ width: plotLeft - 8 }}>
        History
      </span>
      <AreaChart width={width} height={HEIGHT + 2} data={buckets} margin={{ top: 0, right: MARGIN.right, bottom: 0, left: plotLeft }}>
        <Brush
          dataKey="t0"
          height={HEIGHT}
          y={1}
          startIndex={startIndex}
          endIndex={endIndex}
          onChange={onChange}
          travellerWidth={8}
          stroke="var(--accent)"
          fill="var(--panel-2)"
          tickFormatter={(t: number) => formatTick(t, step)}
          alwaysShowText={false}
        >
          {/* One stepped path, not a bar per bucket: the strip redraws as the brush moves. */}
          <AreaChart data={buckets} margin={{ top: 3, right: 0, bottom: 0, left: 0 }}>
            <YAxis hide domain={[0, 'dataMax']} />
            <Area dataKey="count" type="step" stroke="var(--text-dim)" strokeWidth={1} fill="var(--text-dim)" fillOpacity={0.55} isAnimationActive={false} dot={false} activeDot={false} />
          </AreaChart>
        </Brush>
      </AreaChart>
    </div>
  );
}
