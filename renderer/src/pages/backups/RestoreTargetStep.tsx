// Step 3: where to restore. A new folder (the live desk is not touched), or over the live desk:
// a pre-restore checkpoint is taken first, so it can be undone, and nothing happens without the
// snapshot id typed again.
import { WizardFoot, WizardStep } from '../../components/Wizard';
import { targetProblem } from './model/restore';
import { useRestoreWizard } from './store/restore';

export function TargetStep() {
  const w = useRestoreWizard();
  const snapshotId = w.snapshotId ?? '';
  const problem = targetProblem(w.target, w.folder, w.typed, snapshotId);
  const typedOk = w.typed.trim() === snapshotId;
  return (
    <WizardStep testId="restore-step-target">
      <div className="bk-step-lead">
        Restore snapshot <code>{snapshotId}</code> into…
      </div>
      <div className="bk-targets" role="radiogroup" aria-label="Restore target">
        <label className={`panel bk-target${w.target === 'folder' ? ' picked' : ''}`} data-testid="restore-target-folder">
          <span className="bk-target-head">
            <input type="radio" name="restore-target" checked={w.target === 'folder'} onChange={() => w.setTarget('folder')} />
            <strong>A new folder</strong>
          </span>
          <span className="bk-explain">
            The whole state folder is rebuilt there and verified (database check, row counts, the root hash recorded at backup time). The live desk is not touched.
          </span>
          <input
            className="input bk-folder"
            value={w.folder}
            onChange={(e) => {
              w.setTarget('folder');
              w.setFolder(e.target.value);
            }}
            placeholder="/srv/restore/desk-copy (new or empty, outside the state folder)"
            spellCheck={false}
            aria-label="Folder to restore into"
            data-testid="restore-folder"
            data-autofocus
          />
        </label>
        <label className={`panel bk-target danger${w.target === 'live' ? ' picked' : ''}`} data-testid="restore-target-live">
          <span className="bk-target-head">
            <input type="radio" name="restore-target" checked={w.target === 'live'} onChange={() => w.setTarget('live')} data-testid="restore-live-radio" />
            <strong>Over the live desk</strong>
          </span>
          <span className="bk-explain">
            The live rows become the snapshot’s. A <strong>pre-restore checkpoint</strong> of the live state is taken first: rolling back to it undoes the restore.
            Checkpoints and the audit trail made since are kept.
          </span>
          {w.target === 'live' ? (
            <span className="field-stack">
              <span className="field-label">
                Type the snapshot id <code className="bk-confirm-id">{snapshotId}</code> to confirm
              </span>
              <input
                className={`input bk-confirm-input${w.typed ? (typedOk ? ' ok' : ' bad') : ''}`}
                value={w.typed}
                onChange={(e) => w.setTyped(e.target.value)}
                spellCheck={false}
                autoComplete="off"
                aria-label="Snapshot id to confirm"
                data-testid="restore-confirm-input"
              />
            </span>
          ) : null}
        </label>
      </div>
      <WizardFoot note={problem ?? undefined}>
        <button type="button" className="btn" onClick={w.back} data-testid="restore-back">
          ← Back
        </button>
        <button
          type="button"
          className={w.target === 'live' ? 'btn btn-danger-solid' : 'btn btn-primary'}
          disabled={problem !== null}
          onClick={() => void w.start()}
          data-testid="restore-start"
        >
          {w.target === 'live' ? 'Restore over the live desk' : 'Restore into the folder'}
        </button>
      </WizardFoot>
    </WizardStep>
  );
}
