// Escalation: a playbook step that finally failed is put before a person. The alerts go out (the
// desk's alert command and webhook, read from its settings when the run starts — later the
// database may be aside or damaged), an entry goes into recovery-history.jsonl (what the Recovery
// page reads) and the audit entry `recovery.escalated` into the desk's trail — only when this run
// holds the lease and the database is sound (read on a scratch copy first): a damaged database, or
// one beside a lost or foreign WAL, is not written to; the history entry says why instead.
// Nothing here throws: every failure is recorded in the entry, and the step's error stays the one reported.
import { existsSync } from 'node:fs';
import type { RecoveryEscalation } from '../../../../shared/api/recovery';
import { appendAudit } from '../../audit/audit-log';
import { LiveStore } from '../../live/live-store';
import { openDatabase } from '../../store/database';
import type { StateFolder } from '../../store/state-folder';
import { alertPayload, alertSettingsOf, sendAlerts, ALERT_TIMEOUT_MS, type AlertSettings } from '../alerts';
import { decideDatabaseDamaged } from '../detectors/database-damaged';
import { decideWal } from '../detectors/wal';
import { gatherFolderFacts } from '../folder-facts';
import { openDeskReader } from '../reader';
import { appendRecoveryHistory } from './history';
import type { StepFailure } from './playbook';

export interface DeskAlerting {
  /** The desk's name (setting desk.name), else its folder. */
  desk: string;
  alerts: AlertSettings;
  /** Why the alert settings could not be read or used, if so (recorded with each escalation). */
  problems: string[];
}

/** What the desk's settings say about alerting, read from a scratch copy as far as it reads. */
export function readDeskAlerting(paths: StateFolder): DeskAlerting {
  const none: AlertSettings = { command: null, webhook: null };
  if (!existsSync(paths.db)) return { desk: paths.dir, alerts: none, problems: [] };
  try {
    const reader = openDeskReader(paths, gatherFolderFacts(paths));
    try {
      if (!reader.db) return { desk: paths.dir, alerts: none, problems: ['the desk settings could not be read (the database does not open): no alert command or webhook known'] };
      const settings = new LiveStore(reader.db).settings();
      const { problems, ...alerts } = alertSettingsOf(settings);
      const name = settings['desk.name'];
      return { desk: typeof name === 'string' && name ? name : paths.dir, alerts, problems };
    } finally {
      reader.close();
    }
  } catch (err) {
    return { desk: paths.dir, alerts: none, problems: [`the desk settings could not be read (${(err as Error).message}): no alert command or webhook known`] };
  }
}

/** Why the audit entry may not be written now, or null when it may. */
function auditRefusal(paths: StateFolder, holdsLease: boolean): string | null {
  if (!holdsLease) return 'this run does not hold the desk (no lease), so it does not write its audit trail';
  if (!existsSync(paths.db)) return 'lifeboat.db is not in the state folder';
  const folder = gatherFolderFacts(paths);
  const reader = openDeskReader(paths, folder);
  try {
    const damaged = decideDatabaseDamaged({ open: reader.open, db: folder.db, traces: folder.traces });
    if (damaged.found || damaged.checked === false) return `the database is not written to while it is damaged (${damaged.text})`;
    const wal = decideWal({ db: folder.db, wal: folder.wal, shm: folder.shm, lease: folder.lease, open: reader.open });
    if (wal.found) return `the database is not written to beside a lost or foreign WAL (${wal.text})`;
    return null;
  } finally {
    reader.close();
  }
}

function writeAudit(paths: StateFolder, holdsLease: boolean, details: Omit<RecoveryEscalation, 'kind' | 'audit'>): RecoveryEscalation['audit'] {
  try {
    const refused = auditRefusal(paths, holdsLease);
    if (refused) return { written: false, reason: refused };
    const db = openDatabase(paths.db);
    try {
      // One transaction: appendAudit writes the entry and the chain head in two statements.
      db.transaction(() => appendAudit(db, 'recovery.escalated', details, details.at))();
    } finally {
      db.close();
    }
    return { written: true, reason: null };
  } catch (err) {
    return { written: false, reason: `the audit entry could not be written: ${(err as Error).message}` };
  }
}

export interface EscalationOptions {
  holdsLease: () => boolean;
  now?: () => Date;
  timeoutMs?: number;
}

/** Escalates one failure: alerts, audit entry, history entry. Returns the entry; never throws. */
export async function escalate(paths: StateFolder, alerting: DeskAlerting, failure: StepFailure, options: EscalationOptions): Promise<RecoveryEscalation> {
  const at = (options.now ?? (() => new Date()))().toISOString();
  const payload = alertPayload({ desk: alerting.desk, playbook: failure.playbook, step: failure.step, error: failure.error, attempts: failure.attempts, at });
  const alerts = await sendAlerts(alerting.alerts, payload, options.timeoutMs ?? ALERT_TIMEOUT_MS);
  const details = { playbook: failure.playbook, step: failure.step, error: failure.error, attempts: failure.attempts, at, alerts, alertProblems: alerting.problems };
  const audit = writeAudit(paths, options.holdsLease(), details);
  const entry: RecoveryEscalation = { kind: 'escalation', ...details, audit };
  try {
    if (existsSync(paths.dir)) appendRecoveryHistory(paths.dir, entry);
  } catch {
    // The history could not be written (a full disk, a read-only folder): the alerts and the error still say it.
  }
  return entry;
}
