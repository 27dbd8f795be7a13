// Every destination as a card: where it is, its health, what its backups hold, when each type last
// succeeded and runs next. Choosing one shows its snapshots (or its schedule, on that tab).
import type { DestinationInfo } from '../../../../shared/api/backup-channels';
import { Badge } from '../../components/Badge';
import { RelativeTime } from '../../components/RelativeTime';
import { utcStamp } from '../../format/time';
import { InitDestination } from './InitDestination';
import { RemoveDestination } from './RemoveDestination';
import { formatBytes, HEALTH_LABEL, HEALTH_TONE, kindLabel, ratioText, SCHEDULED_TYPES, TYPE_LABEL } from './model/labels';
import { useBackups } from './store/backups';

export function DestinationList({ current }: { current: string | null }) {
  const destinations = useBackups((s) => s.destinations);
  const show = useBackups((s) => s.show);
  if (!destinations) return <div className="dim">Loading destinations…</div>;
  if (destinations.length === 0) {
    return (
      <div className="panel bk-empty" data-testid="backups-empty">
        <div className="bk-empty-title">No backup destination yet</div>
        <p>
          A destination is a folder on another disk (or a mount) or an S3-compatible bucket. Backups there are encrypted with your passphrase and deduplicated.
        </p>
        <button type="button" className="btn btn-primary" onClick={() => show({ kind: 'add' })}>
          Add destination
        </button>
      </div>
    );
  }
  return (
    <div className="bk-destinations" data-testid="destinations">
      {destinations.map((d) => (
        <DestinationCard key={d.name} d={d} selected={d.name === current} />
      ))}
    </div>
  );
}

function DestinationCard({ d, selected }: { d: DestinationInfo; selected: boolean }) {
  const view = useBackups((s) => s.view);
  const show = useBackups((s) => s.show);
  const choose = () => show({ kind: view.kind === 'policies' ? 'policies' : 'snapshots', destination: d.name });
  const types = SCHEDULED_TYPES.filter((t) => d.lastSuccess[t] || d.nextRun[t]).concat(d.lastSuccess.emergency ? ['emergency'] : []);
  return (
    <article className={`bk-dest${selected ? ' selected' : ''}${d.health.state === 'failing' ? ' failing' : ''}`} data-testid="destination" data-name={d.name} data-health={d.health.state}>
      <header className="bk-dest-head">
        <button type="button" className="bk-dest-name" onClick={choose} aria-pressed={selected} data-testid="destination-open">
          {d.name}
        </button>
        <span className="bk-kind">{kindLabel(d)}</span>
        <Badge tone={HEALTH_TONE[d.health.state]} testId="destination-health" title={d.health.lastAttemptAt ? `Last attempt ${utcStamp(d.health.lastAttemptAt)}` : 'No backup attempted yet'}>
          {HEALTH_LABEL[d.health.state]}
        </Badge>
      </header>
      <div className="bk-where mono" title={d.where} data-testid="destination-where">
        {d.where}
      </div>
      {d.health.state === 'failing' && d.health.message ? (
        <div className="bk-dest-failure" data-testid="destination-failure">
          {d.health.message}
        </div>
      ) : null}
      {!d.repositoryId ? (
        <InitDestination destination={d} />
      ) : (
        <>
          <dl className="bk-dest-stats">
            <div>
              <dt>Snapshots</dt>
              <dd className="num" data-testid="destination-snapshots">
                {d.snapshots.toLocaleString('en-US')}
              </dd>
            </div>
            <div>
              <dt title="Stored bytes this desk's backups added (compressed, encrypted)">Size</dt>
              <dd className="num" data-testid="destination-size">
                {formatBytes(d.bytesAdded)}
              </dd>
            </div>
            <div>
              <dt title="Bytes read ÷ plain bytes sent: what deduplication saved">Dedup</dt>
              <dd className="num">{ratioText(d.dedupRatio)}</dd>
            </div>
            <div>
              <dt title="Plain bytes sent ÷ bytes stored">Compression</dt>
              <dd className="num">{ratioText(d.compressionRatio)}</dd>
            </div>
          </dl>
          {types.length > 0 ? (
            <table className="bk-dest-runs">
              <thead>
                <tr>
                  <th />
                  <th>Last success</th>
                  <th>Next run</th>
                </tr>
              </thead>
              <tbody>
                {types.map((t) => (
                  <tr key={t} data-testid="destination-run" data-type={t}>
                    <td>{TYPE_LABEL[t]}</td>
                    <td>{d.lastSuccess[t] ? <RelativeTime iso={d.lastSuccess[t]} /> : <span className="dim">—</span>}</td>
                    <td>{d.nextRun[t] ? <RelativeTime iso={d.nextRun[t]} /> : <span className="dim">not scheduled</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <div className="dim bk-dest-note">No backup yet, none scheduled.</div>
          )}
          {!d.passphraseKept ? <div className="dim bk-dest-note">Passphrase not kept here: give it to use this destination.</div> : null}
        </>
      )}
      {selected ? <RemoveDestination name={d.name} passphraseKept={d.passphraseKept} /> : null}
    </article>
  );
}
