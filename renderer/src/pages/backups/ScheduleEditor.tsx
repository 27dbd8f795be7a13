// The schedule of one destination: per backup type a cron expression (UTC) and whether it runs,
// with the next five times it would. The engine checks the expression; what it refuses is shown
// under the box.
import { useState } from 'react';
import type { BackupType, ScheduleInfo } from '../../../../shared/api/backups';
import { RelativeTime } from '../../components/RelativeTime';
import { minuteStamp, utcStamp } from '../../format/time';
import { BACKUP_TYPE_MEANING, SCHEDULED_TYPES, TYPE_LABEL } from './model/labels';
import { usePolicies } from './store/policies';

export function ScheduleEditor() {
  const schedules = usePolicies((s) => s.schedules);
  if (!schedules) return <div className="dim">Loading the schedule…</div>;
  const byType = new Map(schedules.map((s) => [s.type, s]));
  return (
    <section className="panel bk-schedule" data-testid="schedule-editor">
      <h2 className="panel-title">Schedule (UTC)</h2>
      <div className="bk-schedule-head" aria-hidden="true">
        <span>Type</span>
        <span>Cron (minute hour day month weekday)</span>
        <span>Runs</span>
        <span>Next five runs</span>
      </div>
      {SCHEDULED_TYPES.map((t) => (
        <ScheduleRow key={`${t}:${byType.get(t)?.cron ?? ''}:${byType.get(t)?.enabled ?? ''}`} type={t} info={byType.get(t) ?? null} />
      ))}
    </section>
  );
}

function ScheduleRow({ type, info }: { type: BackupType; info: ScheduleInfo | null }) {
  const [cron, setCron] = useState(info?.cron ?? '');
  const [enabled, setEnabled] = useState(info?.enabled ?? false);
  const save = usePolicies((s) => s.saveSchedule);
  const saving = usePolicies((s) => s.savingType === type);
  const error = usePolicies((s) => s.rowErrors[type]);
  const changed = cron.trim() !== (info?.cron ?? '') || enabled !== (info?.enabled ?? false);
  return (
    <form
      className="bk-schedule-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (cron.trim()) void save(type, cron.trim(), enabled);
      }}
      data-testid="schedule-row"
      data-type={type}
    >
      <span className="bk-schedule-type" title={BACKUP_TYPE_MEANING[type]}>
        {TYPE_LABEL[type]}
      </span>
      <div className="field-stack">
        <input
          className={`input mono${error ? ' bad' : ''}`}
          value={cron}
          onChange={(e) => setCron(e.target.value)}
          placeholder="not scheduled, e.g. 0 */6 * * *"
          spellCheck={false}
          aria-label={`${TYPE_LABEL[type]} cron expression`}
          aria-invalid={error ? true : undefined}
          data-testid="schedule-cron"
        />
        {error ? (
          <span className="bk-field-error" data-testid="schedule-error">
            {error.message}
          </span>
        ) : null}
      </div>
      <div className="bk-row">
        <label className="bk-check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="schedule-enabled" />
          <span>on</span>
        </label>
        <button type="submit" className="btn btn-small" disabled={!changed || saving || !cron.trim()} data-testid="schedule-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      <div className="bk-next-runs" data-testid="schedule-next-runs">
        {info && info.nextRuns.length > 0 ? (
          <ol>
            {info.nextRuns.map((t) => (
              <li key={t} title={utcStamp(t)} data-testid="schedule-next-run">
                {minuteStamp(t)}
              </li>
            ))}
          </ol>
        ) : (
          <span className="dim">{info ? 'off' : 'not scheduled'}</span>
        )}
        {info?.lastRunAt ? (
          <span className="dim bk-last-run">
            last <RelativeTime iso={info.lastRunAt} />
          </span>
        ) : null}
      </div>
    </form>
  );
}
