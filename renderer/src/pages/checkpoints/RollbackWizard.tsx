// The rollback wizard, step by step. Nothing changes before the typed confirmation; each step
// before it can go back; the result offers Undo.
import { useEffect } from 'react';
import { Wizard } from '../../components/Wizard';
import { useCheckpoints } from './store/catalog';
import { ROLLBACK_STEPS, useRollbackWizard } from './store/rollback';
import { ApplyStep, ResultStep } from './RollbackRun';
import { ConfirmStep, PreviewStep } from './RollbackPreview';
import { TargetStep } from './RollbackTarget';

export function RollbackWizard({ id }: { id: string }) {
  const step = useRollbackWizard((s) => s.step);
  const targetId = useRollbackWizard((s) => s.targetId);
  const begin = useRollbackWizard((s) => s.begin);
  const show = useCheckpoints((s) => s.show);
  useEffect(() => begin(id), [id, begin]);
  // Choosing another target on the first step keeps the address in step.
  useEffect(() => {
    if (targetId && targetId !== id) show({ kind: 'rollback', id: targetId }, true);
  }, [targetId, id, show]);

  return (
    <Wizard steps={ROLLBACK_STEPS} current={step} testId="rollback-wizard">
      {step === 'target' ? <TargetStep /> : step === 'preview' ? <PreviewStep /> : step === 'confirm' ? <ConfirmStep /> : step === 'apply' ? <ApplyStep /> : <ResultStep />}
    </Wizard>
  );
}
