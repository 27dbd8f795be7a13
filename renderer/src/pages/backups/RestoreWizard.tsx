// The restore wizard, step by step: snapshot → difference from live → target → restore → result.
// Nothing is written before the target step's button; each step before it can go back.
import { useEffect } from 'react';
import type { DestinationInfo } from '../../../../shared/api/backup-channels';
import { Wizard } from '../../components/Wizard';
import { RESTORE_STEPS } from './model/restore';
import { PreviewStep } from './RestorePreviewStep';
import { ResultStep, RunStep } from './RestoreRun';
import { SnapshotStep } from './RestoreSnapshotStep';
import { TargetStep } from './RestoreTargetStep';
import { useBackups } from './store/backups';
import { useRestoreWizard } from './store/restore';

export function RestoreWizard({ destination, snapshotId }: { destination: DestinationInfo; snapshotId: string | null }) {
  const step = useRestoreWizard((s) => s.step);
  const picked = useRestoreWizard((s) => s.snapshotId);
  const begin = useRestoreWizard((s) => s.begin);
  const show = useBackups((s) => s.show);
  const loadSnapshots = useBackups((s) => s.loadSnapshots);
  useEffect(() => begin(destination.name, snapshotId), [destination.name, snapshotId, begin]);
  useEffect(() => void loadSnapshots(destination.name), [destination.name, loadSnapshots]);
  // The snapshot picked on the first step is kept in the address.
  useEffect(() => {
    if (picked && picked !== snapshotId) show({ kind: 'restore', destination: destination.name, snapshotId: picked }, true);
  }, [picked, snapshotId, destination.name, show]);

  return (
    <Wizard steps={RESTORE_STEPS} current={step} testId="restore-wizard">
      {step === 'snapshot' ? <SnapshotStep destination={destination.name} /> : step === 'preview' ? <PreviewStep /> : step === 'target' ? <TargetStep /> : step === 'run' ? <RunStep /> : <ResultStep />}
    </Wizard>
  );
}
