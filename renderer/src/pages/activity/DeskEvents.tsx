// Beside the jobs: what happened on the desk this session that is not a job — files the inbox
// refused, automatic checkpoints that failed — newest first, from the engine's events. The engine
// keeps no list of them the page could load, so they cover this session only.
import { shownTime, utcStamp } from '../../format/time';
import { useNotices } from '../../notices/store';
import { Badge } from '../../components/Badge';

export function DeskEvents() {
  const listed = useNotices((s) => s.listed);
  if (!listed.length) return null;
  return (
    <section className="panel desk-events" aria-label="Desk events this session" data-testid="desk-events">
      <h2 className="panel-title">
        Desk events this session <span className="dim">({listed.length.toLocaleString('en-US')})</span>
      </h2>
      <ul className="desk-events-list">
        {listed.map((n) => (
          <li key={n.id} className="desk-event" data-testid="desk-event" data-kind={n.kind}>
            <time dateTime={n.at} title={utcStamp(n.at)} className="num dim">
              {shownTime(n.at)}
            </time>
            <Badge tone={n.tone === 'failure' ? 'halt' : 'info'}>{n.kind === 'inbox-rejected' ? 'INBOX' : 'CHECKPOINT'}</Badge>
            <span className="desk-event-title">
              {n.title}
              {n.count > 1 ? <span className="dim"> ×{n.count}</span> : null}
            </span>
            <code className="desk-event-where">{n.where}</code>
            <span className="desk-event-detail">{n.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
