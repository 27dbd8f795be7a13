// Step 1: which snapshot to restore. Snapshots the last verify found damaged are marked and
// cannot be picked (the engine refuses to restore them).
import type { SnapshotListing } from '../../../../shared/api/backups';
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { WizardFoot, WizardStep } from '../../components/Wizard';
import { shownTime, utcStamp } from '../../format/time';
import { formatBytes, TYPE_LABEL } from './model/labels';
import { useBackups } from './store/backups';
import { useRestoreWizard } from './store/restore';

const newestFirst = (a: SnapshotListing, b: SnapshotListing) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

export function SnapshotStep({ destination }: { destination: string }) {
  const of = useBackups((s) => s.snapshots[destination]);
  const damaged = useBackups((s) => s.damaged[destination]);
  const picked = useRestoreWizard((s) => s.snapshotId);
  const pick = useRestoreWizard((s) => s.pick);
  const toPreview = useRestoreWizard((s) => s.toPreview);
  const show = useBackups((s) => s.show);
  const list = [...(of?.list ?? [])].sort(newestFirst);
  const pickedDamaged = picked ? damaged?.has(picked) : false;

  return (
    <WizardStep testId="restore-step-snapshot">
      <div className="bk-step-lead">
        Restore from <strong>{destination}</strong>: choose a snapshot.
      </div>
      {of?.error ? <ErrorPanel error={of.error} /> : null}
      <div className="bk-pick-list" role="radiogroup" aria-label="Snapshot to restore" data-testid="restore-snapshots">
        {list.length === 0 ? <div className="dim">{of?.loading ? 'Reading the repository…' : 'No snapshots on this destination.'}</div> : null}
        {list.map((s) => {
          const bad = damaged?.has(s.id) ?? false;
          return (
            <label key={s.id} className={`bk-pick${picked === s.id ? ' picked' : ''}${bad ? ' bad' : ''}`} data-testid="restore-snapshot" data-id={s.id}>
              <input type="radio" name="restore-snapshot" checked={picked === s.id} disabled={bad} onChange={() => pick(s.id)} />
              <code>{s.id}</code>
              <span>{TYPE_LABEL[s.type]}</span>
              <span className="dim">{shownTime(s.createdAt)}</span>
              <span className="num dim">{formatBytes(s.bytesAdded)} added</span>
              {bad ? <Badge tone="halt">DAMAGED</Badge> : s.verifiedAt ? <Badge tone="ok" title={`Every pack read by a verify (${utcStamp(s.verifiedAt)})`}>VERIFIED</Badge> : null}
              {s.pinned ? <span className="bk-pin-mark">PINNED</span> : null}
              {s.reason ? <span className="dim bk-pick-reason">{s.reason}</span> : null}
            </label>
          );
        })}
      </div>
      <WizardFoot note={pickedDamaged ? 'The last verify found this snapshot damaged.' : undefined}>
        <button type="button" className="btn" onClick={() => show({ kind: 'snapshots', destination })} data-testid="restore-cancel">
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={!picked || pickedDamaged} onClick={() => void toPreview()} data-testid="restore-next">
          Preview the difference →
        </button>
      </WizardFoot>
    </WizardStep>
  );
}
