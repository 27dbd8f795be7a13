// The steps stale-state and no-state share: read the broker file, take the pinned checkpoint of the
// old books, write the books from the snapshot (the reconciliation's SYNC_TO_BROKER: every
// difference adopted from the broker, in one commit with the run and its audit entry), verify the
// live root and the audit chain, reconcile again against the same snapshot, and record.
import type { PlaybookId, RecoveryRecord } from '../../../../../shared/api/recovery';
import type { BrokerSnapshot, Discrepancy, ReconcileReport } from '../../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../../shared/result';
import { verifyAudit } from '../../../audit/audit-log';
import { reconcile, recheck } from '../../../reconcile/reconcile';
import type { DeskContext } from '../../../runtime/context';
import type { StepContext } from '../../../jobs/steps';
import { transientRetry, type PlaybookStep } from '../../playbooks/playbook';
import { readSnapshot, snapshotTime, type BrokerFile } from './input';
import { booksRecord, recordBooks, recordLine } from './record';

export interface BooksState {
  desk: DeskContext;
  now: () => Date;
  file: BrokerFile;
  /** What the playbook found when it was prepared. */
  evidence: string;
  detectedAt: string;
  startedAt: string | null;
  snapshot: BrokerSnapshot | null;
  /** The snapshot's time (or the file's, said in the note). */
  point: { at: string; note: string | null } | null;
  checkpointId: string | null;
  sync: ReconcileReport | null;
  /** The live root just after the books were written. */
  rootAfter: string | null;
  audit: { entries: number } | null;
  verifiedAt: string | null;
  recheck: ReconcileReport | null;
  record: RecoveryRecord | null;
  /** Set when this run finishes one that stopped after writing the books (books/resume.ts). */
  resumed?: boolean;
}

type Step<S> = PlaybookStep<S>;

export function booksState(desk: DeskContext, now: () => Date, file: BrokerFile, evidence: string): BooksState {
  return { desk, now, file, evidence, detectedAt: now().toISOString(), startedAt: null, snapshot: null, point: null, checkpointId: null, sync: null, rootAfter: null, audit: null, verifiedAt: null, recheck: null, record: null };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const open = (r: ReconcileReport): Discrepancy[] => r.discrepancies.filter((f) => !f.withinTolerance && f.resolution === null);
export const named = (fs: Discrepancy[]) => fs.slice(0, 5).map((f) => `${f.itemId} ${f.kind} ${f.accountId}${f.symbol ? ` ${f.symbol}` : ''}${f.orderRef ? ` ${f.orderRef}` : ''}`).join('; ') + (fs.length > 5 ? `, and ${fs.length - 5} more` : '');

/** Parses the file; `validate` refuses what this playbook cannot take from it (before anything is written). */
export function readStep<S extends BooksState>(accountsOnDesk: boolean, validate: (s: S, snapshot: BrokerSnapshot) => void = () => undefined): Step<S> {
  return {
    id: 'read',
    says: 'Read and check the broker snapshot (a refusal names the file, the line or path, and the field)',
    auto: true,
    async run(s, ctx) {
      if (s.resumed) return;
      s.startedAt ??= s.now().toISOString();
      const snapshot = await readSnapshot(s.desk, s.file, ctx, accountsOnDesk);
      validate(s, snapshot);
      s.snapshot = snapshot;
      s.point = snapshotTime(snapshot, s.file);
    },
    check(s) {
      const sn = s.snapshot!;
      const counts = sn.accounts.map((a) => `${a.accountId}: ${a.positions ? plural(a.positions.length, 'position') : 'positions not reported'}, ${a.orders ? plural(a.orders.length, 'order') : 'orders not reported'}, ${a.cash ? plural(a.cash.length, 'cash balance') : 'cash not reported'}`);
      return `${s.file.fileName} (${sn.format}) as of ${s.point!.at}: ${counts.join('; ')}${s.point!.note ? `; ${s.point!.note}` : ''}`;
    },
  };
}

/** What a checkpoint step needs of a playbook's state (broker-disagreement's too). */
export type CheckpointHolder = Pick<BooksState, 'desk' | 'now' | 'startedAt' | 'checkpointId' | 'resumed'>;

/** A pinned checkpoint, so retention never prunes it; `label` says which recovery took it. */
export function checkpointStep<S extends CheckpointHolder>(says: string, label: (s: S) => string, type: 'pre_sync' | 'manual' = 'pre_sync'): Step<S> {
  return {
    id: 'checkpoint',
    says,
    // Writes no books: it adds a checkpoint (the old state kept), which is what makes the next step safe to undo by hand.
    auto: true,
    retry: transientRetry(),
    run(s) {
      if (s.resumed && s.checkpointId) return;
      s.startedAt ??= s.now().toISOString();
      const { desk } = s;
      // Taken and pinned in one transaction: a checkpoint retention could prune is never seen.
      const info = desk.store.db.transaction(() => {
        const taken = desk.checkpoints.create(type, label(s));
        return desk.checkpoints.pin(taken.checkpointId, true);
      })();
      s.checkpointId = info.checkpointId;
      desk.events.emit('checkpoints.changed', { reason: `recovery checkpoint ${info.checkpointId}`, checkpointId: info.checkpointId });
    },
    check(s) {
      const info = s.desk.checkpoints.get(s.checkpointId!);
      if (!info.pinned) throw new LifeboatError('verification_failed', `checkpoint ${info.checkpointId} is not pinned`, info.checkpointId);
      return `checkpoint ${info.checkpointId} (${info.type}, pinned): root ${info.rootHash.slice(0, 12)}`;
    },
  };
}

/**
 * Writes the books from the snapshot: a reconciliation with SYNC_TO_BROKER at zero tolerance (one
 * commit: the adopted values, the run, its audit entry). `preSync` null: a fresh desk, nothing to
 * go back to; otherwise the playbook's own checkpoint, so the sync takes none.
 */
export function syncBooks(s: BooksState, ctx: StepContext, preSync: string | null): void {
  ctx.progress(0, 1, 'writing the books from the broker snapshot');
  const { desk, file } = s;
  s.sync = reconcile(
    desk,
    { fileName: file.fileName, content: file.content, format: s.snapshot!.format, against: 'live', strategy: 'sync', tolerances: {}, accountId: file.accountId, preSyncCheckpointId: preSync },
    s.snapshot!,
  );
  s.rootAfter = desk.checkpoints.stateHash().rootHash;
  desk.events.emit('reconcile.changed', { runId: s.sync.runId });
  ctx.progress(1, 1, s.sync.summary.verdict);
}

export function syncLine(s: BooksState): string {
  const r = s.sync!;
  const adopted = r.discrepancies.filter((f) => f.resolution === 'accept_broker').length;
  const left = open(r);
  return `run ${r.runId}: ${plural(adopted, 'difference')} adopted from the broker${left.length ? `; ${plural(left.length, 'difference')} it cannot take: ${named(left)}` : ''}; live root ${s.rootAfter!.slice(0, 12)}`;
}

/** The books replaced by the broker's, after the playbook's checkpoint of the old ones. */
export function syncStep<S extends BooksState>(says: string): Step<S> {
  return { id: 'replace', says, auto: false, run: (s, ctx) => (s.resumed ? undefined : syncBooks(s, ctx, s.checkpointId)), check: (s) => `${s.resumed ? 'already done: ' : ''}${syncLine(s)}` };
}

export function verifyStep<S extends Pick<BooksState, 'desk' | 'now' | 'rootAfter' | 'audit' | 'verifiedAt'>>(): Step<S> {
  return {
    id: 'verify',
    says: 'Verify the live rows against the root written, and the audit chain',
    auto: true,
    run(s) {
      const { desk } = s;
      const live = desk.checkLive();
      if (!live.ok) throw new LifeboatError('verification_failed', `the live rows do not add up to their kept hash (${live.tables.map((t) => t.table).join(', ')})`, desk.paths.db);
      const root = desk.checkpoints.stateHash().rootHash;
      if (root !== s.rootAfter) throw new LifeboatError('verification_failed', `the live root is ${root.slice(0, 12)}, not ${s.rootAfter!.slice(0, 12)} as the books were written: something changed them since`, desk.paths.db);
      const audit = verifyAudit(desk.store.db);
      if (!audit.ok) throw new LifeboatError('verification_failed', `the audit trail does not verify at entry ${audit.firstBad?.seq}: ${audit.firstBad?.reason}`, desk.paths.db);
      s.audit = { entries: audit.entries };
      s.verifiedAt = s.now().toISOString();
    },
    check: (s) => `live rows add up to root ${s.rootAfter!.slice(0, 12)}, as written; audit trail verifies (${s.audit!.entries} entries)`,
  };
}

/** The same snapshot again (WARN_ONLY: a run and its audit entry, the books untouched): nothing above tolerance may be left. */
export function recheckStep<S extends BooksState>(): Step<S> {
  return {
    id: 'reconcile',
    says: 'Reconcile the books against the same snapshot (report only): nothing above tolerance may be left',
    auto: true,
    retry: transientRetry(),
    run(s) {
      s.recheck = recheck(s.desk, s.sync!.runId);
      s.desk.events.emit('reconcile.changed', { runId: s.recheck.runId });
      const left = open(s.recheck);
      if (left.length) {
        throw new LifeboatError(
          'verification_failed',
          `${plural(left.length, 'difference')} with the broker remain${left.length === 1 ? 's' : ''} after the books were written: ${named(left)}; settle ${left.length === 1 ? 'it' : 'them'} on the Reconciliation page (run ${s.recheck.runId})`,
          s.recheck.runId,
        );
      }
    },
    check: (s) => `run ${s.recheck!.runId}: ${s.recheck!.summary.verdict}`,
  };
}

export function recordStep<S extends BooksState>(playbook: PlaybookId, details: (s: S) => Record<string, unknown> = () => ({})): Step<S> {
  return {
    id: 'record',
    says: 'Record the recovery: an audit entry and a line of the recovery history, with RTO and RPO',
    auto: true,
    run(s) {
      s.record = booksRecord({
        playbook,
        detectedAt: s.detectedAt,
        startedAt: s.startedAt ?? s.detectedAt,
        verifiedAt: s.verifiedAt ?? s.now().toISOString(),
        snapshotAt: s.point!.at,
        fileName: s.file.fileName,
        rootHash: s.rootAfter!,
        evidence: s.evidence,
        resumed: s.resumed === true,
      });
      recordBooks(s.desk, s.record, { ...details(s), checkpointId: s.checkpointId, syncRun: s.sync!.runId, recheckRun: s.recheck!.runId });
    },
    check: (s) => recordLine(s.record!),
  };
}
