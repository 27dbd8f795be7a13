// A reconciliation run: parse the broker file, load our books, match, then act by strategy —
// WARN_ONLY reports; SYNC_TO_BROKER checkpoints first, then adopts the broker's values;
// HALT_AND_ALERT disables trading for the accounts at fault. Stored, audited, one transaction (the
// pre-sync checkpoint included).
import { createHash, randomBytes } from 'node:crypto';
import type { BrokerFormat, BrokerSnapshot, CsvMapping, Discrepancy, ReconcileReport, ReconcileRun, ReconcileStrategy, Tolerances } from '../../../shared/api/reconcile';
import { LifeboatError } from '../../../shared/result';
import { appendAudit, currentActor } from '../audit/audit-log';
import type { DeskContext } from '../runtime/context';
import { acceptBroker, cannotAcceptBroker } from './corrections';
import { loadLocalBook } from './local-sources';
import { matchSnapshot } from './match';
import { getDiscrepancies, getRun, getSnapshot, insertRun } from './runs-store';
import { summarise } from './summary';
import { requireAccount } from './accounts';
import { loadMappings } from './symbol-mappings';
import { parseBrokerFile } from './importers';
import { venueWarnings } from './venue';
import { unlistedCashNotes } from './unlisted-cash';

export interface ReconcileInput {
  fileName: string;
  content: string;
  format?: BrokerFormat;
  columns?: CsvMapping;
  /** Extra symbol mappings for this run: account → broker symbol → desk symbol. */
  symbols?: Record<string, Record<string, string>>;
  against: string;
  strategy: ReconcileStrategy;
  tolerances: Tolerances;
  accountId?: string;
  recheckOf?: string;
  /**
   * A sync only: the checkpoint the caller took first (a recovery playbook's, pinned), so the sync
   * takes none of its own; null: there is nothing to go back to (a fresh desk being loaded).
   */
  preSyncCheckpointId?: string | null;
}

export function runId(at: Date): string {
  const iso = at.toISOString();
  return `REC_${iso.slice(0, 10).replace(/-/g, '')}_${iso.slice(11, 19).replace(/:/g, '')}_${randomBytes(2).toString('hex')}`;
}

export function reconcile(desk: DeskContext, input: ReconcileInput, parsed?: BrokerSnapshot): ReconcileReport {
  const snapshot = parsed ?? parseBrokerFile({ fileName: input.fileName, text: input.content, format: input.format, mapping: input.columns, accountId: input.accountId });
  return reconcileSnapshot(desk, input, snapshot, createHash('sha256').update(input.content).digest('hex'));
}

/** Re-checks a run: the same broker snapshot, tolerances and local side, against the state now. */
export function recheck(desk: DeskContext, previousRunId: string): ReconcileReport {
  const previous = getRun(desk.store.db, previousRunId);
  return reconcileSnapshot(
    desk,
    { fileName: previous.fileName, content: '', format: previous.format, against: previous.against, strategy: 'warn', tolerances: previous.tolerances, recheckOf: previousRunId },
    getSnapshot(desk.store.db, previousRunId),
    previous.fileSha256,
  );
}

function reconcileSnapshot(desk: DeskContext, input: ReconcileInput, snapshot: BrokerSnapshot, fileSha256: string): ReconcileReport {
  const db = desk.store.db;
  if (input.accountId !== undefined) requireAccount(db, input.accountId, 'account');
  for (const a of snapshot.accounts) requireAccount(db, a.accountId, input.fileName, 'the snapshot names account');
  if (input.strategy !== 'warn' && input.against !== 'live') {
    throw new LifeboatError('bad_request', `--strategy ${input.strategy} changes the live state; reconcile against live to use it`, 'strategy');
  }
  const at = new Date();
  const actor = currentActor();
  const id = runId(at);
  // One transaction: our books as they are now, the checkpoint before a sync, the corrections, the
  // run and its audit entry are stored together, or (when anything fails) none of them is.
  const report = desk.commit(`reconcile.${input.strategy} ${id}`, () => {
    const mappings = loadMappings(db, input.symbols);
    const book = loadLocalBook(desk, input.against, input.accountId);
    const discrepancies = matchSnapshot(book, snapshot, mappings, input.tolerances);
    const needsAction = discrepancies.filter((f) => !f.withinTolerance);
    const checkpointId =
      input.strategy !== 'sync' || !needsAction.length
        ? null
        : input.preSyncCheckpointId !== undefined
          ? input.preSyncCheckpointId
          : desk.checkpoints.create('pre_sync', `before reconciliation sync ${id}`).checkpointId;
    if (input.strategy === 'sync') syncToBroker(desk, needsAction, actor, at.toISOString());
    const halted = input.strategy === 'halt' ? haltAccounts(desk, needsAction, id, at.toISOString()) : [];
    const run: ReconcileRun = {
      runId: id,
      createdAt: at.toISOString(),
      actor,
      against: input.against,
      format: snapshot.format,
      fileName: input.fileName,
      fileSha256,
      strategy: input.strategy,
      tolerances: input.tolerances,
      checkpointId,
      recheckOf: input.recheckOf ?? null,
      summary: summarise(snapshot, discrepancies, { cashCovered: book.cashCovered !== false, notes: book.notes ?? [] }, { notes: [...brokerNotes(desk, snapshot), ...unlistedCashNotes(book, snapshot)] }),
    };
    insertRun(db, run, snapshot, discrepancies);
    appendAudit(db, 'reconcile.run', {
      runId: id,
      against: input.against,
      file: input.fileName,
      fileSha256,
      strategy: input.strategy,
      discrepancies: discrepancies.length,
      aboveTolerance: run.summary.aboveTolerance,
      unresolved: run.summary.unresolved,
      checkpointId,
    });
    return { ...run, discrepancies };
  });
  // Told only once it is stored.
  if (report.checkpointId && input.preSyncCheckpointId === undefined) desk.events.emit('checkpoints.changed', { reason: `reconcile.sync ${id}`, checkpointId: report.checkpointId });
  return report;
}

function syncToBroker(desk: DeskContext, discrepancies: Discrepancy[], actor: string, at: string): void {
  for (const f of discrepancies) {
    if (cannotAcceptBroker(f)) continue;
    const effect = acceptBroker(desk.store, f, at);
    Object.assign(f, { resolution: 'accept_broker', resolutionReason: `SYNC_TO_BROKER: ${effect}`, resolvedBy: actor, resolvedAt: at });
  }
}

/** Disables trading for each account at fault; returns those accounts. */
function haltAccounts(desk: DeskContext, discrepancies: Discrepancy[], id: string, at: string): string[] {
  const accounts = [...new Set(discrepancies.map((f) => f.accountId))].sort();
  for (const accountId of accounts) {
    const count = discrepancies.filter((f) => f.accountId === accountId).length;
    const risk = desk.store.risk(accountId) ?? { accountId, strategyId: '', peakValue: '0', dailyStartValue: '0', tradingEnabled: true, haltReason: null, limits: {}, updatedAt: at };
    desk.store.putRisk({ ...risk, tradingEnabled: false, haltReason: `reconciliation ${id}: ${count} discrepanc${count === 1 ? 'y needs' : 'ies need'} a person`, updatedAt: at });
  }
  return accounts;
}

/** How the broker's file was read, and whether it is from each account's venue. */
export function brokerNotes(desk: DeskContext, snapshot: BrokerSnapshot): string[] {
  return [...(snapshot.notes ?? []), ...venueWarnings(snapshot, (id) => desk.store.account(id)?.broker ?? null)];
}

export function discrepanciesOf(desk: DeskContext, runId: string): Discrepancy[] {
  return getDiscrepancies(desk.store.db, runId);
}
