// One checkpoint: what it is, whether it is intact (with Verify), and what it holds.
import { useEffect } from 'react';
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProgressBar } from '../../jobs/ProgressBar';
import { RelativeTime } from '../../components/RelativeTime';
import { shownTime } from '../../format/time';
import { useCheckpoints } from './store/catalog';
import { useCheckpointDetail } from './store/detail';
import { PinMark, StatusBadge, TypeBadge } from './badges';
import { CheckpointContents } from './CheckpointContents';
import { formatBytes } from './model/labels';
import { stateFormatNote } from './model/state-format';
import { useDesk } from '../../stores/desk';

export function DetailView({ id }: { id: string }) {
  const d = useCheckpointDetail();
  const show = useCheckpoints((s) => s.show);
  const timeline = useCheckpoints((s) => s.timeline);
  const schemaVersion = useDesk((s) => s.data?.schemaVersion ?? null);
  const stateFormat = useDesk((s) => s.data?.stateFormat ?? null);
  const desk = schemaVersion !== null && stateFormat !== null ? { schemaVersion, stateFormat } : null;
  useEffect(() => d.open(id), [id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (d.error && !d.info) return <ErrorPanel error={d.error} title={`Checkpoint ${id} could not be read`} onRetry={() => void d.reload()} />;
  const info = d.info?.checkpointId === id ? d.info : null;
  if (!info) return <div className="panel-empty dim">Loading {id}…</div>;

  const index = timeline.findIndex((c) => c.id === id);
  const previous = index > 0 ? timeline[index - 1].id : null;
  const verifying = d.verifyJob?.state === 'running';

  return (
    <div className="cp-detail" data-testid="checkpoint-detail" data-id={id}>
      <section className="panel cp-detail-head">
        <div className="cp-detail-title">
          <code className="cp-detail-id" data-testid="detail-id">
            {info.checkpointId}
          </code>
          <TypeBadge type={info.type} />
          <PinMark pinned={info.pinned} />
          {info.label ? <span className="cp-detail-label">{info.label}</span> : null}
          <div className="cp-detail-actions">
            <button type="button" className="btn" onClick={() => show({ kind: 'compare', from: id, to: 'live' })} data-testid="detail-compare-live">
              Compare with live
            </button>
            <button
              type="button"
              className="btn"
              disabled={!previous}
              onClick={() => previous && show({ kind: 'compare', from: previous, to: id })}
              data-testid="detail-compare-previous"
            >
              Compare with previous
            </button>
            <button type="button" className="btn" onClick={() => void d.setPinned(!info.pinned)} disabled={d.busy === 'pin'} data-testid="detail-pin">
              {info.pinned ? 'Unpin' : 'Pin'}
            </button>
            <button type="button" className="btn" onClick={() => void d.exportFiles()} disabled={d.busy === 'export'} data-testid="detail-export">
              {d.busy === 'export' ? 'Exporting…' : 'Export JSON'}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={info.status === 'corrupt'}
              onClick={() => show({ kind: 'rollback', id })}
              data-testid="detail-rollback"
            >
              Roll back to this…
            </button>
          </div>
        </div>
        <div className="cp-detail-grid">
          <dl className="cp-facts cp-facts-wide">
            <div>
              <dt>Taken</dt>
              <dd>
                {shownTime(info.createdAt)} · <RelativeTime iso={info.createdAt} />
              </dd>
            </div>
            <div>
              <dt>Rows changed</dt>
              <dd className="num">{info.changedRows.toLocaleString('en-US')} since the previous checkpoint</dd>
            </div>
            <div>
              <dt>New data</dt>
              <dd className="num" title={`${info.newBytes.toLocaleString('en-US')} bytes`}>
                {formatBytes(info.newBytes)} <span className="dim">(shared chunks cost nothing)</span>
              </dd>
            </div>
            <div>
              {/* Not the database schema the header shows: the shape of the live tables a checkpoint holds, which changes far less often. */}
              <dt title="The shape of the live tables this checkpoint holds. The header's schema is the database's, which also counts history, backups and the rest">State format</dt>
              <dd data-testid="detail-state-format">
                <span className="num">v{info.schemaVersion}</span> <span className="dim">{stateFormatNote(info.schemaVersion, desk)}</span>
              </dd>
            </div>
            <div>
              <dt>Root hash</dt>
              <dd>
                <code className="break" data-testid="detail-root-hash">
                  {info.rootHash}
                </code>
              </dd>
            </div>
          </dl>
          <div className={`cp-integrity cp-integrity-${info.status}`} data-testid="detail-integrity">
            <div className="cp-integrity-head">
              <span className="panel-title">Integrity</span>
              <StatusBadge info={info} testId="detail-status" />
            </div>
            <p className="cp-integrity-text">
              {info.status === 'ok'
                ? `Verified ${shownTime(info.verifiedAt)}: every chunk rehashed and every table’s state hash recomputed from its rows.`
                : info.status === 'corrupt'
                  ? `Failed verification: ${info.statusDetail ?? 'no detail recorded'}. It cannot be a rollback target.`
                  : 'Not verified since it was taken. Verifying rehashes every chunk it references and recomputes its roots.'}
            </p>
            {d.verifyReport ? (
              <p className="cp-integrity-text" data-testid="verify-report">
                {d.verifyReport.ok ? (
                  <Badge tone="ok">OK</Badge>
                ) : (
                  <Badge tone="halt">PROBLEM</Badge>
                )}{' '}
                <span className="num">{d.verifyReport.chunksChecked.toLocaleString('en-US')}</span> chunks checked
                {d.verifyReport.problem ? (
                  <>
                    {' '}
                    · {d.verifyReport.problem.table}: {d.verifyReport.problem.reason} <code>{d.verifyReport.problem.chunk.slice(0, 12)}</code>
                  </>
                ) : null}
              </p>
            ) : null}
            <div className="cp-integrity-actions">
              <button type="button" className="btn btn-primary" onClick={() => void d.verify()} disabled={verifying} data-testid="verify-checkpoint">
                {verifying ? 'Verifying…' : info.status === 'unverified' ? 'Verify' : 'Verify again'}
              </button>
              {d.verifyJob ? <ProgressBar job={d.verifyJob} testId="verify-progress" /> : null}
            </div>
            {d.verifyError ? <ErrorPanel error={d.verifyError} /> : null}
          </div>
        </div>
        {d.actionError ? <ErrorPanel error={d.actionError} /> : null}
        {d.exported ? (
          <div className="cp-exported" data-testid="detail-exported">
            Exported to {d.exported.map((f) => <code key={f}>{f}</code>)}
          </div>
        ) : null}
      </section>
      <CheckpointContents counts={info.counts} />
    </div>
  );
}
