// Steps 4 and 5: the restore running (progress, Cancel), then what the job reports: the
// verification of a folder restore, or the live restore with its way back.
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { WizardFoot, WizardResultHead, WizardStep } from '../../components/Wizard';
import { ProgressBar } from '../../jobs/ProgressBar';
import { shownTime } from '../../format/time';
import { goToView } from '../../routing/views';
import { checkpointViews } from '../checkpoints/store/catalog';
import { durationText, formatBytes } from './model/labels';
import { restoreVerified } from './model/restore';
import { useBackups } from './store/backups';
import { useRestoreWizard } from './store/restore';

export function RunStep() {
  const { run, snapshotId, target, folder, back, cancel } = useRestoreWizard();
  const running = !run.error && run.job?.state !== 'succeeded';
  return (
    <WizardStep testId="restore-step-run">
      <section className="panel">
        <h2 className="panel-title">
          Restoring <code>{snapshotId}</code> {target === 'folder' ? <>into <code>{folder.trim()}</code></> : 'over the live desk'}
        </h2>
        {run.job ? <ProgressBar job={run.job} testId="restore-progress" /> : <div className="dim">Starting the restore…</div>}
        {run.error ? <ErrorPanel error={run.error} title={run.error.code === 'cancelled' ? 'The restore was cancelled' : 'The restore did not complete'} /> : null}
        {run.error ? (
          <p className="bk-explain">
            {target === 'folder' ? 'A restore builds in a sibling folder and renames it into place at the end: the target is untouched.' : 'The live rows are applied in one transaction: when it fails, the live desk is as it was.'}
          </p>
        ) : null}
      </section>
      <WizardFoot note={running ? 'Working…' : undefined}>
        {running ? (
          <button type="button" className="btn" onClick={() => void cancel()} data-testid="restore-job-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="btn" onClick={back} data-testid="restore-back">
            ← Back to the target
          </button>
        )}
      </WizardFoot>
    </WizardStep>
  );
}

export function ResultStep() {
  const result = useRestoreWizard((s) => s.result);
  const job = useRestoreWizard((s) => s.run.job);
  const reset = useRestoreWizard((s) => s.reset);
  const destination = useRestoreWizard((s) => s.destination);
  const show = useBackups((s) => s.show);
  if (!result) return null;
  const done = () => {
    reset();
    show({ kind: 'snapshots', destination });
  };
  if (result.kind === 'folder') {
    const r = result.report;
    const verified = restoreVerified(r);
    return (
      <WizardStep testId="restore-step-result">
        <section className="panel bk-result" data-testid="restore-result" data-verified={String(verified)}>
          <WizardResultHead
            ok={verified}
            title={
              <>
                Restored snapshot {r.snapshotId} into <code data-testid="restore-result-target">{r.target}</code>
              </>
            }
          >
            {shownTime(job?.finishedAt ?? null)} · {durationText(r.seconds)} · {r.tables} tables, {r.rows.toLocaleString('en-US')} rows, {r.files} files ({formatBytes(r.bytes)})
          </WizardResultHead>
          <dl className="bk-facts">
            <div>
              <dt>Verification</dt>
              <dd data-testid="restore-result-verified">
                {verified ? <Badge tone="ok">VERIFIED</Badge> : <Badge tone="halt">NOT VERIFIED</Badge>} database check: {r.integrity ?? '—'}; root hash{' '}
                {r.restoredRoot === r.expectedRoot ? 'equals the one recorded at backup time' : 'differs from the one recorded'}
              </dd>
            </div>
            <div>
              <dt>Root hash</dt>
              <dd>
                <code className="break">{r.restoredRoot}</code>
              </dd>
            </div>
            <div>
              <dt>Recorded</dt>
              <dd>
                <code className="break">{r.expectedRoot}</code>
              </dd>
            </div>
            {r.movedAside ? (
              <div>
                <dt>Moved aside</dt>
                <dd>
                  <code>{r.movedAside}</code>
                </dd>
              </div>
            ) : null}
          </dl>
          <p className="bk-explain">
            Open it with <code>lifeboat serve --state {r.target}</code> (or <code>lifeboat status --state {r.target}</code>).
          </p>
        </section>
        <WizardFoot>
          <button type="button" className="btn btn-primary" onClick={done} data-testid="restore-done">
            Done
          </button>
        </WizardFoot>
      </WizardStep>
    );
  }
  const o = result.outcome;
  return (
    <WizardStep testId="restore-step-result">
      <section className="panel bk-result" data-testid="restore-result" data-verified="true">
        <WizardResultHead ok title={`Restored snapshot ${o.snapshotId} over the live desk`}>
          {shownTime(job?.finishedAt ?? null)} · {durationText(o.seconds)} · <span className="num">{o.applied.changed.toLocaleString('en-US')}</span> rows changed,{' '}
          <span className="num">{o.applied.added.toLocaleString('en-US')}</span> added, <span className="num">{o.applied.removed.toLocaleString('en-US')}</span> removed
        </WizardResultHead>
        <dl className="bk-facts">
          <div>
            <dt>Verification</dt>
            <dd data-testid="restore-result-verified">
              <Badge tone="ok">VERIFIED</Badge> the live state hash equals the snapshot’s
            </dd>
          </div>
          <div>
            <dt>Live root hash</dt>
            <dd>
              <code className="break">{o.rootHash}</code>
            </dd>
          </div>
          <div>
            <dt>Undo</dt>
            <dd>
              Roll back to the pre-restore checkpoint <code data-testid="pre-restore-id">{o.preRestoreId}</code>
            </dd>
          </div>
        </dl>
      </section>
      <WizardFoot>
        <button type="button" className="btn btn-danger" onClick={() => goToView(checkpointViews, { kind: 'rollback', id: o.preRestoreId })} data-testid="restore-undo">
          Undo (roll back)…
        </button>
        <button type="button" className="btn btn-primary" onClick={done} data-testid="restore-done">
          Done
        </button>
      </WizardFoot>
    </WizardStep>
  );
}
