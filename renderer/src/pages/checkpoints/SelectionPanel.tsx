// What is picked on the timeline and what can be done with it: inspect one, compare two (or one
// with the live state or its predecessor), roll back to one.
import { memo, useMemo } from 'react';
import type { CheckpointInfo } from '../../../../shared/api/checkpoints';
import { RelativeTime } from '../../components/RelativeTime';
import { shownTime } from '../../format/time';
import { useCheckpoints } from './store/catalog';
import { PinMark, StatusBadge, TypeBadge } from './badges';
import { formatBytes, TYPE_COLOR, TYPE_LABEL } from './model/labels';
import { formatSpan, LANES } from './model/timeline';

export const SelectionPanel = memo(function SelectionPanel() {
  const picked = useCheckpoints((s) => s.picked);
  const byId = useCheckpoints((s) => s.byId);
  const timeline = useCheckpoints((s) => s.timeline);
  const show = useCheckpoints((s) => s.show);
  const unpick = useCheckpoints((s) => s.unpick);
  const counts = useMemo(() => {
    const by = new Map<string, number>();
    for (const c of timeline) by.set(c.type, (by.get(c.type) ?? 0) + 1);
    return by;
  }, [timeline]);
  const chosen = picked
    .map((id) => byId.get(id))
    .filter((c): c is CheckpointInfo => Boolean(c))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));

  if (chosen.length === 0) {
    return (
      <aside className="cp-side" data-testid="selection-panel">
        <div className="panel-title">Selection</div>
        <p className="cp-hint">
          Click a checkpoint to pick it; shift-click (or tick) a second to compare the two. Double-click opens it. Drag across the chart or turn the wheel to zoom.
        </p>
        <div className="section-label">By type</div>
        <ul className="cp-legend">
          {LANES.map((type) => (
            <li key={type}>
              <span className="cp-legend-dot" style={{ background: TYPE_COLOR[type] }} />
              <span className="cp-legend-name">{TYPE_LABEL[type]}</span>
              <span className="num dim">{(counts.get(type) ?? 0).toLocaleString('en-US')}</span>
            </li>
          ))}
        </ul>
        <div className="section-label">Marks</div>
        <p className="cp-hint">Size grows with the rows changed; a hollow mark changed nothing; a pill with a count holds several checkpoints too close to tell apart (click it to zoom in). Amber bands: no checkpoint for longer than the staleness threshold.</p>
      </aside>
    );
  }

  if (chosen.length === 1) {
    const [one] = chosen;
    const index = timeline.findIndex((c) => c.id === one.checkpointId);
    const previous = index > 0 ? timeline[index - 1].id : null;
    return (
      <aside className="cp-side" data-testid="selection-panel">
        <div className="panel-title">Picked</div>
        <CheckpointCard info={one} onDrop={() => unpick(one.checkpointId)} />
        <div className="cp-actions">
          <button type="button" className="btn btn-primary" onClick={() => show({ kind: 'detail', id: one.checkpointId })} data-testid="inspect-checkpoint">
            Inspect
          </button>
          <button type="button" className="btn" onClick={() => show({ kind: 'compare', from: one.checkpointId, to: 'live' })} data-testid="compare-with-live">
            Compare with live
          </button>
          <button
            type="button"
            className="btn"
            disabled={!previous}
            onClick={() => previous && show({ kind: 'compare', from: previous, to: one.checkpointId })}
            data-testid="compare-with-previous"
            title={previous ? `What changed since ${previous}` : 'The first checkpoint has no predecessor'}
          >
            Compare with previous
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => show({ kind: 'rollback', id: one.checkpointId })}
            disabled={one.status === 'corrupt'}
            title={one.status === 'corrupt' ? 'A corrupt checkpoint cannot be a rollback target' : 'Walk through a rollback to this checkpoint'}
            data-testid="rollback-to-checkpoint"
          >
            Roll back to this…
          </button>
        </div>
      </aside>
    );
  }

  const [a, b] = chosen;
  return (
    <aside className="cp-side" data-testid="selection-panel">
      <div className="panel-title">Compare</div>
      <CheckpointCard info={a} letter="A" onDrop={() => unpick(a.checkpointId)} />
      <div className="cp-arrow" aria-hidden="true">
        ↓ <span className="dim">{formatSpan(Date.parse(b.createdAt) - Date.parse(a.createdAt))} later</span>
      </div>
      <CheckpointCard info={b} letter="B" onDrop={() => unpick(b.checkpointId)} />
      <div className="cp-actions">
        <button type="button" className="btn btn-primary" onClick={() => show({ kind: 'compare', from: a.checkpointId, to: b.checkpointId })} data-testid="compare-picked">
          Compare A → B
        </button>
      </div>
    </aside>
  );
});

function CheckpointCard({ info, letter, onDrop }: { info: CheckpointInfo; letter?: string; onDrop(): void }) {
  return (
    <div className="cp-card" data-testid="picked-checkpoint" data-id={info.checkpointId}>
      <div className="cp-card-head">
        {letter ? <span className="cp-letter">{letter}</span> : null}
        <TypeBadge type={info.type} />
        <StatusBadge info={info} />
        <PinMark pinned={info.pinned} />
        <button type="button" className="btn btn-ghost btn-small cp-drop" onClick={onDrop} aria-label="Drop this pick" title="Drop this pick">
          ✕
        </button>
      </div>
      <code className="cp-card-id">{info.checkpointId}</code>
      {info.label ? <div className="cp-card-label">{info.label}</div> : null}
      <dl className="cp-facts">
        <div>
          <dt>Taken</dt>
          <dd>
            {shownTime(info.createdAt)} · <RelativeTime iso={info.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Rows changed</dt>
          <dd className="num">{info.changedRows.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>New data</dt>
          <dd className="num" title={`${info.newBytes.toLocaleString('en-US')} bytes`}>
            {formatBytes(info.newBytes)}
          </dd>
        </div>
        <div>
          <dt>Positions · orders</dt>
          <dd className="num">
            {(info.counts.positions ?? 0).toLocaleString('en-US')} · {(info.counts.orders ?? 0).toLocaleString('en-US')}
          </dd>
        </div>
      </dl>
    </div>
  );
}
