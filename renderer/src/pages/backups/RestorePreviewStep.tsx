// Step 2: what restoring the snapshot would change on the live desk (backups.restorePreview):
// rows per table, the files beside the database, and the history made since.
import { ErrorPanel } from '../../components/ErrorPanel';
import { WizardFoot, WizardStep } from '../../components/Wizard';
import { formatBytes } from './model/labels';
import { previewChanges } from './model/restore';
import { shownTime } from '../../format/time';
import { useRestoreWizard } from './store/restore';

export function PreviewStep() {
  const preview = useRestoreWizard((s) => s.preview);
  const error = useRestoreWizard((s) => s.previewError);
  const snapshotId = useRestoreWizard((s) => s.snapshotId);
  const back = useRestoreWizard((s) => s.back);
  const toTarget = useRestoreWizard((s) => s.toTarget);
  const toPreview = useRestoreWizard((s) => s.toPreview);
  const changes = preview ? previewChanges(preview) : null;
  return (
    <WizardStep testId="restore-step-preview">
      <div className="bk-step-lead">
        Snapshot <code>{snapshotId}</code> against the live desk
      </div>
      {error ? <ErrorPanel error={error} title="The preview could not be made" onRetry={() => void toPreview()} /> : null}
      {!preview && !error ? <div className="dim">Reading the snapshot…</div> : null}
      {preview && changes ? (
        <>
          <div className="bk-preview-summary" data-testid="restore-preview-summary" data-same={String(preview.sameLive)}>
            {preview.sameLive
              ? 'The live state is the snapshot’s: restoring it over the live desk changes no row.'
              : `${changes.tables} ${changes.tables === 1 ? 'table has' : 'tables have'} other row counts, ${changes.files} ${changes.files === 1 ? 'file differs' : 'files differ'}.`}{' '}
            Taken {shownTime(preview.createdAt)}; since then {preview.checkpointsSince} checkpoints and {preview.auditSince} audit entries were made (a restore over the live
            desk keeps them: history is not rolled back).
          </div>
          <div className="bk-preview-grid">
            <table className="money bk-preview-table" data-testid="restore-preview-tables">
              <thead>
                <tr>
                  <th>Table</th>
                  <th className="r">Live rows</th>
                  <th className="r">In the snapshot</th>
                  <th className="r">Difference</th>
                </tr>
              </thead>
              <tbody>
                {preview.tables.map((t) => (
                  <tr key={t.name} className={t.live !== t.snapshot ? 'bk-changed' : undefined}>
                    <td>
                      <code>{t.name}</code>
                    </td>
                    <td className="r num">{t.live.toLocaleString('en-US')}</td>
                    <td className="r num">{t.snapshot.toLocaleString('en-US')}</td>
                    <td className="r num">{t.live === t.snapshot ? <span className="dim">—</span> : `${t.snapshot - t.live > 0 ? '+' : ''}${(t.snapshot - t.live).toLocaleString('en-US')}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="money bk-preview-table" data-testid="restore-preview-files">
              <thead>
                <tr>
                  <th>File</th>
                  <th>Change</th>
                  <th className="r">Live</th>
                  <th className="r">Snapshot</th>
                </tr>
              </thead>
              <tbody>
                {preview.files.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="dim">
                      The files beside the database are the same.
                    </td>
                  </tr>
                ) : (
                  preview.files.map((f) => (
                    <tr key={f.path}>
                      <td>
                        <code className="break">{f.path}</code>
                      </td>
                      <td>{f.change}</td>
                      <td className="r num">{f.liveSize === null ? '—' : formatBytes(f.liveSize)}</td>
                      <td className="r num">{f.snapshotSize === null ? '—' : formatBytes(f.snapshotSize)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <WizardFoot>
        <button type="button" className="btn" onClick={back} data-testid="restore-back">
          ← Back
        </button>
        <button type="button" className="btn btn-primary" disabled={!preview} onClick={toTarget} data-testid="restore-next">
          Choose the target →
        </button>
      </WizardFoot>
    </WizardStep>
  );
}
