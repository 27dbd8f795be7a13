// The playbook steps that failed after their retries and were escalated to a person (the audit
// entry recovery.escalated, the alert command and webhook): newest first, each with its error,
// how many times it ran, and whether each alert reached its target. Shown only when there are any.
import { Badge } from '../../components/Badge';
import { shownTime, stampTitle } from '../../format/time';
import { playbookName } from './model/findings';
import { useDoctor } from './store/doctor';

export function Escalations() {
  const escalations = useDoctor((s) => s.escalations);
  if (!escalations || escalations.length === 0) return null;
  return (
    <section className="panel rv-escalations" data-testid="recovery-escalations" aria-label="Escalations">
      <h2 className="panel-title">Escalated to a person</h2>
      <ol className="rv-escalation-list">
        {escalations.map((e) => (
          <li key={`${e.at}-${e.step}`} className="rv-escalation" data-testid="recovery-escalation">
            <Badge tone="halt">escalated</Badge>
            <div className="rv-finding-body">
              <div className="rv-finding-title">
                {playbookName(e.playbook)}: step <code>{e.step}</code> failed after {e.attempts} {e.attempts === 1 ? 'run' : 'runs'}
                <span className="dim" title={stampTitle(e.at)}>
                  {' '}
                  at {shownTime(e.at)}
                </span>
              </div>
              <div className="rv-evidence" data-testid="escalation-error">
                {e.error}
              </div>
              <ul className="rv-alerts">
                {e.alerts.map((a) => (
                  <li key={`${a.to}-${a.target}`} data-testid="escalation-alert" data-delivered={String(a.delivered)}>
                    {a.delivered ? '✓' : '✗'} alert {a.to} <code>{a.target}</code>: {a.detail}
                  </li>
                ))}
                {e.alerts.length === 0 && e.alertProblems.length === 0 ? <li className="dim">No alert command or webhook is set (Settings → Alerts).</li> : null}
                {e.alertProblems.map((p) => (
                  <li key={p}>✗ {p}</li>
                ))}
                <li className="dim">{e.audit.written ? 'Recorded in the audit trail (recovery.escalated).' : `Not in the audit trail: ${e.audit.reason ?? 'the desk could not be written'}.`}</li>
              </ul>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
