// Take a backup now: its type, where to (this destination or all), and a reason (needed for an
// emergency backup). Runs as a job with progress and Cancel.
import { useEffect } from 'react';
import type { DestinationInfo } from '../../../../shared/api/backup-channels';
import type { BackupType } from '../../../../shared/api/backups';
import { Badge } from '../../components/Badge';
import { JobLine } from '../../jobs/JobLine';
import { BACKUP_TYPE_MEANING, BACKUP_TYPES, formatBytes, TYPE_LABEL } from './model/labels';
import { durationText } from './model/labels';
import { useBackups } from './store/backups';
import { useOperations } from './store/operations';

export function TakeBackup({ destination }: { destination: DestinationInfo }) {
  const form = useOperations((s) => s.backupForm);
  const setForm = useOperations((s) => s.setBackupForm);
  const problem = useOperations((s) => s.backupProblem);
  const run = useOperations((s) => s.backup);
  const outcome = useOperations((s) => s.outcome);
  const take = useOperations((s) => s.takeBackup);
  const cancel = useOperations((s) => s.cancelBackup);
  const destinations = useBackups((s) => s.destinations) ?? [];
  const running = run.job?.state === 'running';
  // The destination shown is the one a backup goes to, unless "all" was chosen.
  useEffect(() => {
    if (form.destination !== 'all' && form.destination !== destination.name) setForm({ destination: destination.name });
  }, [destination.name, form.destination, setForm]);

  return (
    <form
      className="panel bk-op"
      onSubmit={(e) => {
        e.preventDefault();
        void take();
      }}
      data-testid="take-backup"
    >
      <h2 className="panel-title">Take a backup now</h2>
      <div className="bk-op-row">
        <label className="field-stack">
          <span className="field-label">Type</span>
          <select className="input" value={form.type} onChange={(e) => setForm({ type: e.target.value as BackupType })} title={BACKUP_TYPE_MEANING[form.type]} data-testid="backup-type">
            {BACKUP_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="field-stack">
          <span className="field-label">Destination</span>
          <select className="input" value={form.destination} onChange={(e) => setForm({ destination: e.target.value })} data-testid="backup-destination">
            <option value={destination.name}>{destination.name}</option>
            {destinations.length > 1 ? <option value="all">all destinations</option> : null}
          </select>
        </label>
        <label className="field-stack bk-grow">
          <span className="field-label">Reason{form.type === 'emergency' ? ' (required)' : ''}</span>
          <input
            className={`input${problem ? ' bad' : ''}`}
            value={form.reason}
            maxLength={500}
            onChange={(e) => setForm({ reason: e.target.value })}
            placeholder={form.type === 'emergency' ? 'e.g. broker disconnect at 14:02' : 'optional'}
            data-testid="backup-reason"
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={running} data-testid="backup-submit">
          {running ? 'Backing up…' : 'Back up'}
        </button>
      </div>
      <div className="bk-op-note dim">{BACKUP_TYPE_MEANING[form.type]}.</div>
      {problem ? (
        <div className="bk-field-error" data-testid="backup-problem">
          {problem}
        </div>
      ) : null}
      <JobLine run={run} onCancel={() => void cancel()} testId="backup-job" failedTitle="The backup did not complete" />
      {!running && outcome ? (
        <ul className="bk-outcome" data-testid="backup-outcome">
          {outcome.destinations.map((d) => (
            <li key={d.destination} data-testid="backup-outcome-destination" data-ok={String(d.ok)}>
              {d.ok && d.snapshot ? (
                <>
                  <Badge tone="ok">OK</Badge> {d.destination}: snapshot <code data-testid="backup-outcome-snapshot">{d.snapshot.id}</code> ({TYPE_LABEL[d.snapshot.type]}
                  {d.promotedFrom ? `, taken as a full: no full to build the ${d.promotedFrom} on` : ''}) · {formatBytes(d.snapshot.bytesAdded)} added · {durationText(d.snapshot.seconds)}
                </>
              ) : (
                <>
                  <Badge tone="halt">FAILED</Badge> {d.destination}: {d.error?.message}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
