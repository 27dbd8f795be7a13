// A destination's schedule (per type: cron, on/off, the next five runs) and its retention rules
// (with a dry run of what they would forget).
import { useEffect } from 'react';
import type { DestinationInfo } from '../../../../shared/api/backup-channels';
import { ErrorPanel } from '../../components/ErrorPanel';
import { RetentionEditor } from './RetentionEditor';
import { ScheduleEditor } from './ScheduleEditor';
import { usePolicies } from './store/policies';

export function PoliciesView({ destination }: { destination: DestinationInfo }) {
  const open = usePolicies((s) => s.open);
  const shown = usePolicies((s) => s.destination);
  const schedulesError = usePolicies((s) => s.schedulesError);
  useEffect(() => void open(destination.name), [destination.name, open]);
  if (shown !== destination.name) return null;
  return (
    <div className="bk-policies">
      {schedulesError ? <ErrorPanel error={schedulesError} onRetry={() => void open(destination.name)} /> : <ScheduleEditor key={destination.name} />}
      <RetentionEditor key={`r-${destination.name}`} />
    </div>
  );
}
