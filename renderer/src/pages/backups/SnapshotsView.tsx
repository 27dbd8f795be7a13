// One destination's snapshots, with what can be done there now: take a backup, verify, and the
// upkeep (test restore, forget and prune).
import { useEffect } from 'react';
import type { DestinationInfo } from '../../../../shared/api/backup-channels';
import { ErrorPanel } from '../../components/ErrorPanel';
import { MaintenancePanel } from './MaintenancePanel';
import { SnapshotTable } from './SnapshotTable';
import { TakeBackup } from './TakeBackup';
import { Unlock } from './Unlock';
import { VerifyPanel, VerifyResultPanel } from './VerifyPanel';
import { useBackups } from './store/backups';

export function SnapshotsView({ destination }: { destination: DestinationInfo }) {
  const name = destination.name;
  const of = useBackups((s) => s.snapshots[name]);
  const loadSnapshots = useBackups((s) => s.loadSnapshots);
  const unlocked = useBackups((s) => s.unlocked.includes(name));
  const hasRepository = destination.repositoryId !== null;
  useEffect(() => {
    if (hasRepository) void loadSnapshots(name);
  }, [name, hasRepository, loadSnapshots]);

  if (!hasRepository) return null;
  const locked = !destination.passphraseKept && !unlocked;
  return (
    <>
      {!destination.passphraseKept ? <Unlock destination={name} /> : null}
      <div className="bk-ops">
        <TakeBackup destination={destination} />
        <VerifyPanel destination={destination} disabled={locked} />
      </div>
      <VerifyResultPanel destination={name} />
      <MaintenancePanel destination={destination} disabled={locked} />
      {of?.error && !locked ? <ErrorPanel error={of.error} title={`The snapshots on ${name} could not be listed`} onRetry={() => void loadSnapshots(name)} /> : null}
      <div className="bk-table-wrap">
        <SnapshotTable destination={name} rows={of?.list ?? []} loading={!of || of.loading} />
      </div>
    </>
  );
}
