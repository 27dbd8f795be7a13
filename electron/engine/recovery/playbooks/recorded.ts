// A playbook's record step, safe to run again: a run killed inside it (after its audit entry, or
// after its history line, before its notes were marked finished) is finished by the rerun, which
// must not write either twice. A recovery is known by its playbook and the time its fault was first
// seen, which a resumed run keeps. The audit entry is written in one transaction: appendAudit
// writes the entry and the chain head in two statements, and a kill between them would leave a
// chain that no longer verifies (found by test/cli/recover-kills.test.ts).
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../../audit/audit-log';
import { appendRecoveryHistory, readRecoveryHistory, type RecoveryRecord } from './history';

const same = (a: Pick<RecoveryRecord, 'playbook' | 'detectedAt'>, b: Pick<RecoveryRecord, 'playbook' | 'detectedAt'>) => a.playbook === b.playbook && a.detectedAt === b.detectedAt;

/** Appends the `recovery.run` entry (`details`) unless the newest one already records this recovery. */
export function auditRecoveryOnce(db: Database, record: RecoveryRecord, details: unknown): void {
  db.transaction(() => {
    const newest = db.prepare("SELECT details FROM audit_log WHERE action = 'recovery.run' ORDER BY seq DESC LIMIT 1").pluck().get() as string | undefined;
    if (newest && same(JSON.parse(newest) as RecoveryRecord, record)) return;
    appendAudit(db, 'recovery.run', details);
  })();
}

/** Appends the history line unless the history already holds this recovery. */
export function appendHistoryOnce(stateDir: string, record: RecoveryRecord): void {
  if (readRecoveryHistory(stateDir).some((r) => same(r, record))) return;
  appendRecoveryHistory(stateDir, record);
}
