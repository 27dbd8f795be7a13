// Escalation on an open desk: a step of a desk playbook that finally failed (after its retries)
// is put before a person, as the CLI playbooks do it (playbooks/escalation.ts) — the desk's alert
// command and webhook, the audit entry `recovery.escalated` and a line of recovery-history.jsonl —
// but the desk is held and sound here, so the settings are the live ones and the entry goes
// through the commit path. Then `recovery.escalations` tells the console's Recovery page.
// Never throws: what could not be done is in the entry, and the step's error stays the one reported.
import type { RecoveryEscalation } from '../../../../shared/api/recovery';
import { appendAudit } from '../../audit/audit-log';
import type { DeskContext } from '../../runtime/context';
import { alertPayload, alertSettingsOf, sendAlerts, ALERT_TIMEOUT_MS } from '../alerts';
import { appendRecoveryHistory } from '../playbooks/history';
import type { StepFailure } from '../playbooks/playbook';

export async function escalateOnDesk(desk: DeskContext, failure: StepFailure, timeoutMs = ALERT_TIMEOUT_MS): Promise<RecoveryEscalation> {
  const at = new Date().toISOString();
  let settings: Record<string, unknown> = {};
  const problems: string[] = [];
  try {
    settings = desk.store.settings();
  } catch (err) {
    problems.push(`the desk settings could not be read (${(err as Error).message}): no alert command or webhook known`);
  }
  const { problems: wrong, ...alerting } = alertSettingsOf(settings);
  const name = typeof settings['desk.name'] === 'string' && settings['desk.name'] ? (settings['desk.name'] as string) : desk.paths.dir;
  const payload = alertPayload({ desk: name, playbook: failure.playbook, step: failure.step, error: failure.error, attempts: failure.attempts, at });
  const alerts = await sendAlerts(alerting, payload, timeoutMs);
  const details = { playbook: failure.playbook, step: failure.step, error: failure.error, attempts: failure.attempts, at, alerts, alertProblems: [...problems, ...wrong] };
  let audit: RecoveryEscalation['audit'];
  try {
    desk.commit('recovery.escalated', () => appendAudit(desk.store.db, 'recovery.escalated', details, at));
    audit = { written: true, reason: null };
  } catch (err) {
    audit = { written: false, reason: `the audit entry could not be written: ${(err as Error).message}` };
  }
  const entry: RecoveryEscalation = { kind: 'escalation', ...details, audit };
  try {
    appendRecoveryHistory(desk.paths.dir, entry);
  } catch {
    // The history could not be written (a full disk): the alerts, the audit entry and the event still say it.
  }
  desk.events.emit('recovery.escalations', entry);
  return entry;
}
