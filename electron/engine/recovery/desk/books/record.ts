// The books playbooks' record step: a `recovery.run` audit entry through the desk's commit path
// and a line of recovery-history.jsonl, each once per recovery (playbooks/recorded.ts: a rerun of a
// run killed inside it writes neither twice). The restored point is the broker snapshot's time.
import type { PlaybookId, RecoveryRecord } from '../../../../../shared/api/recovery';
import type { DeskContext } from '../../../runtime/context';
import { appendHistoryOnce, auditRecoveryOnce } from '../../playbooks/recorded';

export interface BooksRecovery {
  playbook: PlaybookId;
  detectedAt: string;
  startedAt: string;
  verifiedAt: string;
  /** When the broker's books were as the snapshot says. */
  snapshotAt: string;
  fileName: string;
  /** The live root after the books were written. */
  rootHash: string;
  evidence: string;
  /** This run finished one that stopped before it recorded. */
  resumed?: boolean;
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * RTO = verifiedAt − detectedAt. RPO = detectedAt − the snapshot's time, and 0 for a snapshot
 * taken after the fault was seen (the broker's books then lose nothing the desk knew).
 */
export function booksRecord(r: BooksRecovery): RecoveryRecord {
  return {
    playbook: r.playbook,
    detectedAt: r.detectedAt,
    startedAt: r.startedAt,
    verifiedAt: r.verifiedAt,
    restoredPointTime: r.snapshotAt,
    rtoSeconds: seconds(r.detectedAt, r.verifiedAt),
    rpoSeconds: Math.max(0, seconds(r.snapshotAt, r.detectedAt)),
    restoredFrom: { kind: 'broker-snapshot', snapshotId: r.fileName, createdAt: r.snapshotAt, rootHash: r.rootHash },
    damagedFiles: '',
    resumed: r.resumed === true,
    evidence: r.evidence,
  };
}

/** Writes the audit entry (with `details` beside the record) and the history line, once each. */
export function recordBooks(desk: DeskContext, record: RecoveryRecord, details: Record<string, unknown>): void {
  desk.commit(`recovery.run ${record.playbook}`, () => auditRecoveryOnce(desk.store.db, record, { ...record, ...details }));
  appendHistoryOnce(desk.paths.dir, record);
}

export const recordLine = (r: RecoveryRecord) => `RTO ${r.rtoSeconds.toFixed(2)} s, RPO ${r.rpoSeconds.toFixed(0)} s (the books are at the broker's snapshot of ${r.restoredPointTime}); recorded in the audit trail and recovery-history.jsonl`;
