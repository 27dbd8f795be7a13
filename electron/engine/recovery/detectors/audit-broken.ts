// 5. Audit chain broken: the chain of hashes and the signatures under audit.key are walked from the
// first entry (audit/audit-log.ts verifyAudit); the first entry at fault is named.
import type { AuditVerification } from '../../../../shared/api/contract';
import { join } from 'node:path';
import { LifeboatError } from '../../../../shared/result';
import { AUDIT_KEY_FILE, attachAuditKey } from '../../audit/audit-key';
import { verifyAudit } from '../../audit/audit-log';
import type { Detector, Verdict } from '../detector';

export type AuditFacts = { verification: AuditVerification; keyProblem: null } | { verification: null; keyProblem: string };

export function decideAuditBroken(f: AuditFacts): Verdict {
  if (f.keyProblem !== null) return { found: true, text: `The audit trail's signatures cannot be checked: ${f.keyProblem}.`, details: { keyProblem: f.keyProblem } };
  const v = f.verification;
  if (v.ok) return { found: false, text: `The audit chain holds: ${v.entries.toLocaleString('en-US')} entr${v.entries === 1 ? 'y' : 'ies'}, head #${v.headSeq ?? 0}, every hash and signature.`, details: { ...v } };
  return { found: true, text: `The audit chain is broken at entry #${v.firstBad!.seq}: ${v.firstBad!.reason}.`, details: { ...v } };
}

export const auditBroken: Detector<AuditFacts> = {
  id: 'audit-broken',
  title: 'Audit chain broken',
  severity: 'critical',
  playbook: 'audit-broken',
  needs: 'database',
  gather(ctx) {
    const db = ctx.db!;
    try {
      // The key file beside the database read (a scratch copy carries its own copy of audit.key).
      attachAuditKey(db, db.name, 'read');
    } catch (err) {
      const reason = err instanceof LifeboatError ? err.reason : err instanceof Error ? err.message : String(err);
      return { verification: null, keyProblem: `${join(ctx.paths.dir, AUDIT_KEY_FILE)}: ${reason}` };
    }
    return { verification: verifyAudit(db), keyProblem: null };
  },
  decide: (facts) => decideAuditBroken(facts),
};
