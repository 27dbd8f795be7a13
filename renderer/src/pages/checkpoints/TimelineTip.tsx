// The hover card of a timeline mark. It lives in its own tiny store so hovering never redraws the chart.
import { create } from 'zustand';
import { stampMs } from '../../format/time';
import type { TimelinePoint } from './model/timeline';
import { formatSpan } from './model/timeline';
import { TypeBadge } from './badges';

interface Hover {
  mark: TimelinePoint | null;
  x: number;
  y: number;
}

export const useTimelineHover = create<Hover>()(() => ({ mark: null, x: 0, y: 0 }));

export function TimelineTip({ width }: { width: number }) {
  const { mark, x, y } = useTimelineHover();
  if (!mark) return null;
  const left = Math.min(Math.max(8, x + 14), width - 290);
  const cluster = mark.count > 1;
  return (
    <div className="tl-tip" style={{ left, top: Math.max(4, y - 12) }} data-testid="timeline-tip">
      <div className="tl-tip-head">
        <TypeBadge type={mark.type} />
        {mark.corrupt ? <span className="tl-tip-bad">corrupt</span> : null}
        {mark.pinned ? <span className="cp-pin">PINNED</span> : null}
      </div>
      {cluster ? (
        <>
          <div className="tl-tip-title">
            {mark.count.toLocaleString('en-US')} checkpoints in {formatSpan(mark.lastT - mark.firstT)}
          </div>
          <div className="dim">
            {stampMs(mark.firstT)} → {stampMs(mark.lastT, false)}
          </div>
          <div>
            <span className="num">{mark.totalChanged.toLocaleString('en-US')}</span> rows changed in all; largest{' '}
            <span className="num">{mark.changedRows.toLocaleString('en-US')}</span>
          </div>
          <div className="tl-tip-hint">Click to zoom in</div>
        </>
      ) : (
        <>
          <div className="tl-tip-title mono">{mark.id}</div>
          <div className="dim">{stampMs(mark.t)}</div>
          <div>
            <span className="num">{mark.changedRows.toLocaleString('en-US')}</span> rows changed since the previous checkpoint
          </div>
          <div className="tl-tip-hint">Click to pick · Shift-click to pick a second · Double-click to inspect</div>
        </>
      )}
    </div>
  );
}
