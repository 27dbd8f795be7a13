// Broker disagreement (answers the broker-disagreement detector; the start-up coordinator's
// `partial`): the reconciliation flow as a playbook. The differences to settle are the newest
// run's open critical ones (or those of a new run against a broker file, when none ran today or a
// file is given), each settled as the Reconciliation page's resolve dialog does (accept the
// broker's value, keep ours, or ignore with a reason: reconcile/resolve.ts), after a pinned
// checkpoint; then verified, rechecked against the same snapshot, and recorded.
import type { PlaybookInput, RecoveryRecord } from '../../../../shared/api/recovery';
import type { BrokerSnapshot, Discrepancy, ReconcileReport, Resolution } from '../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../shared/result';
import { cannotAcceptBroker } from '../../reconcile/corrections';
import { reconcile, recheck } from '../../reconcile/reconcile';
import { resolveDiscrepancy } from '../../reconcile/resolve';
import { getReport, getSnapshot } from '../../reconcile/runs-store';
import { lastWork } from './books/resume';
import { readRecoveryHistory } from '../playbooks/history';
import type { DeskContext } from '../../runtime/context';
import type { DoctorContext } from '../detector';
import { brokerDisagreement as detector, decideBrokerDisagreement } from '../detectors/broker-disagreement';
import { NothingToRecover, type Playbook } from '../playbooks/playbook';
import { ACCOUNT_FIELD, BROKER_FIELD, brokerFileOf, choiceOf, FORMAT_FIELD, readSnapshot, refuseUnknown, snapshotTime, textOf, type BrokerFile } from './books/input';
import { booksRecord, recordBooks, recordLine } from './books/record';
import { checkpointStep, named, open, plural, verifyStep } from './books/steps';
import type { DeskPlaybook } from './desk-playbook';

const CHOICES = ['accept-broker', 'keep-local', 'ignore'] as const;
type Choice = (typeof CHOICES)[number];
const RESOLUTION: Record<Choice, Resolution> = { 'accept-broker': 'accept_broker', 'keep-local': 'keep_local', ignore: 'ignore' };

const FIELDS = [
  { ...BROKER_FIELD, required: false, help: `${BROKER_FIELD.help} Needed when no reconciliation ran today; given, a new run against it is what is settled.` },
  FORMAT_FIELD,
  ACCOUNT_FIELD,
  { name: 'resolution', label: 'Settle each difference by', kind: 'choice' as const, required: false, choices: [...CHOICES], help: "How each open critical difference is settled unless `items` says otherwise; default accept-broker (the broker's value is adopted)." },
  { name: 'items', label: 'Per difference', kind: 'text' as const, required: false, help: 'A choice per difference, e.g. "F0002=keep-local,F0005=ignore"; a difference named here is settled even if it is not critical.' },
  { name: 'reason', label: 'Reason', kind: 'text' as const, required: false, help: 'Why: written with every resolution, and required when a difference is ignored.' },
];

export interface Settlement {
  itemId: string;
  resolution: Resolution;
  /** What identifies the difference in a recheck (its item id is the run's own). */
  key: string;
  said: string;
}

export interface Disagreement {
  desk: DeskContext;
  now: () => Date;
  evidence: string;
  detectedAt: string;
  startedAt: string | null;
  file: BrokerFile | null;
  /** Only this account's differences are settled (and must be left settled). */
  accountId: string | undefined;
  choice: { default: Resolution; items: Map<string, Resolution>; reason: string | null };
  runId: string | null;
  /** When the broker's books were as the run's snapshot says. */
  snapshotAt: string | null;
  settle: Settlement[];
  checkpointId: string | null;
  rootAfter: string | null;
  audit: { entries: number } | null;
  verifiedAt: string | null;
  recheck: ReconcileReport | null;
  /** The recheck's differences kept or ignored again, as settled in the run. */
  carried: number;
  record: RecoveryRecord | null;
  /** Set when this run finishes one that stopped after it settled the differences. */
  resumed?: boolean;
}

const keyOf = (f: Pick<Discrepancy, 'accountId' | 'kind' | 'symbol' | 'orderRef'>) => `${f.accountId}|${f.kind}|${f.symbol ?? ''}|${f.orderRef ?? ''}`;

function judge(desk: DeskContext, now: Date) {
  const facts = detector.gather({ db: desk.store.db } as DoctorContext);
  return { facts, verdict: decideBrokerDisagreement(facts, now) };
}

/** `--items F0001=keep-local,...`: its syntax here; whether the ids are the run's, once the run is known. */
function itemsOf(input: PlaybookInput): Map<string, Resolution> {
  const text = textOf(input, 'items');
  const out = new Map<string, Resolution>();
  if (text === undefined) return out;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]+)=(.+)$/.exec(part);
    if (!m || !(CHOICES as readonly string[]).includes(m[2])) throw new LifeboatError('bad_request', `--items takes ITEM=${CHOICES.join('|')}, comma separated; "${part}" is not that`, 'items');
    if (out.has(m[1])) throw new LifeboatError('bad_request', `--items names ${m[1]} twice`, 'items');
    out.set(m[1], RESOLUTION[m[2] as Choice]);
  }
  return out;
}

/** The run's differences to settle, each with its choice; refuses a choice that cannot be applied (nothing written yet). */
export function settlementsOf(report: ReconcileReport, choice: Disagreement['choice'], accountId: string | undefined): Settlement[] {
  const byId = new Map(report.discrepancies.map((f) => [f.itemId, f]));
  for (const id of choice.items.keys()) {
    const f = byId.get(id);
    if (!f) throw new LifeboatError('bad_request', `run ${report.runId} has no difference ${id}`, 'items');
    if (f.resolution) throw new LifeboatError('bad_request', `${id} of run ${report.runId} was already settled (${f.resolution})`, 'items');
    if (accountId !== undefined && f.accountId !== accountId) throw new LifeboatError('bad_request', `${id} is a difference of account ${f.accountId}, not of ${accountId}`, 'items');
  }
  const chosen = open(report).filter((f) => (f.severity === 'critical' || choice.items.has(f.itemId)) && (accountId === undefined || f.accountId === accountId));
  return chosen.map((f) => {
    const resolution = choice.items.get(f.itemId) ?? choice.default;
    if (resolution === 'accept_broker') {
      const why = cannotAcceptBroker(f);
      if (why) throw new LifeboatError('bad_request', `${f.itemId} (${f.kind} ${f.symbol ?? f.orderRef ?? ''}) cannot take the broker's value: ${why}; choose keep-local or ignore for it (--items ${f.itemId}=ignore)`, 'items');
    }
    if (resolution === 'ignore' && !choice.reason) throw new LifeboatError('bad_request', `ignoring ${f.itemId} needs a reason: give --reason TEXT`, 'reason');
    return { itemId: f.itemId, resolution, key: keyOf(f), said: `${f.itemId} ${f.kind} ${f.accountId}${f.symbol ? ` ${f.symbol}` : ''}${f.orderRef ? ` ${f.orderRef}` : ''} → ${resolution}` };
  });
}

const settleLabel = (detectedAt: string, runId: string, accountId: string | undefined) =>
  `before recovery broker-disagreement (fault seen ${detectedAt}, run ${runId}${accountId === undefined ? '' : `, account ${accountId}`})`;
const LABEL = /^before recovery broker-disagreement \(fault seen (\S+), run ([^,\s)]+)(?:, account (.+))?\)$/;
const NOTE = 'recovery broker-disagreement';

/**
 * The newest run of this playbook that settled its differences (its pinned checkpoint, labelled with
 * the fault's time and the run, and the run's differences resolved with this playbook's note) but
 * has no record: a state that finishes from verify; else null.
 */
export function unfinishedSettlement(desk: DeskContext, now: () => Date): Disagreement | null {
  const c = desk.checkpoints
    .list()
    .filter((x) => x.pinned && LABEL.test(x.label ?? ''))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  if (!c) return null;
  const [, detectedAt, runId, accountId] = LABEL.exec(c.label!)!;
  if (readRecoveryHistory(desk.paths.dir).some((r) => r.playbook === 'broker-disagreement' && r.detectedAt === detectedAt)) return null;
  if (!lastWork(desk, runId)) return null;
  const report = getReport(desk.store.db, runId);
  const settled = report.discrepancies.filter((f) => f.resolution && f.resolutionReason?.startsWith(NOTE));
  // Stopped before it settled anything: nothing to finish (a new run takes a checkpoint of its own).
  if (!settled.length) return null;
  return {
    desk, now, evidence: `continuing an unfinished recovery (fault seen ${detectedAt}): run ${runId} was settled`, detectedAt, startedAt: c.createdAt, file: null, accountId,
    choice: { default: 'accept_broker', items: new Map(), reason: null }, runId, snapshotAt: getSnapshot(desk.store.db, runId).asOf ?? report.createdAt,
    settle: settled.map((f) => ({ itemId: f.itemId, resolution: f.resolution!, key: keyOf(f), said: `${f.itemId} ${f.kind} → ${f.resolution}` })),
    checkpointId: c.checkpointId, rootAfter: desk.checkpoints.stateHash().rootHash, audit: null, verifiedAt: null, recheck: null, carried: 0, record: null, resumed: true,
  };
}

const noteOf = (s: Disagreement, extra?: string) => [NOTE, extra, s.choice.reason].filter(Boolean).join(': ');

const playbook: Playbook<Disagreement> = {
  id: 'broker-disagreement',
  title: 'Broker disagreement: settle the differences with the broker',
  steps: [
    {
      id: 'confirm',
      says: 'Confirm the broker disagrees (the broker-disagreement detector over the desk now)',
      auto: true,
      run(s) {
        if (s.resumed) return;
        const { verdict } = judge(s.desk, s.now());
        if (!verdict.found) throw new NothingToRecover(verdict.text, s.desk.paths.dir);
        s.evidence = verdict.text;
      },
      check: (s) => (s.resumed ? s.evidence : `found: ${s.evidence}`),
    },
    {
      id: 'differences',
      says: 'Take the differences to settle: a new reconciliation against the broker file (report only), or the newest run’s open critical ones; each with its choice',
      auto: true,
      async run(s, ctx) {
        if (s.resumed) return;
        s.startedAt ??= s.now().toISOString();
        const db = s.desk.store.db;
        let report: ReconcileReport;
        if (s.file) {
          const snapshot: BrokerSnapshot = await readSnapshot(s.desk, s.file, ctx, true);
          report = reconcile(s.desk, { fileName: s.file.fileName, content: s.file.content, format: snapshot.format, against: 'live', strategy: 'warn', tolerances: {}, accountId: s.file.accountId }, snapshot);
          s.desk.events.emit('reconcile.changed', { runId: report.runId });
          s.snapshotAt = snapshotTime(snapshot, s.file).at;
        } else {
          report = getReport(db, s.runId!);
          s.snapshotAt = getSnapshot(db, s.runId!).asOf ?? report.createdAt;
        }
        s.runId = report.runId;
        s.settle = settlementsOf(report, s.choice, s.accountId);
        if (!s.settle.length) throw new NothingToRecover(`run ${report.runId} has no open critical difference: ${report.summary.verdict}`, report.runId);
      },
      check: (s) => `run ${s.runId} (broker as of ${s.snapshotAt}): ${plural(s.settle.length, 'difference')} to settle: ${s.settle.slice(0, 8).map((x) => x.said).join('; ')}${s.settle.length > 8 ? `, and ${s.settle.length - 8} more` : ''}`,
    },
    checkpointStep<Disagreement>('Take a checkpoint of the books before settling, pinned so retention keeps it', (s) => settleLabel(s.detectedAt, s.runId!, s.accountId)),
    {
      id: 'apply',
      says: "Settle each difference as chosen (accepting the broker's value changes our books), in one commit, each resolution journaled and audited",
      auto: false,
      run(s) {
        if (s.resumed) return;
        const { desk } = s;
        desk.commit(`recovery.broker-disagreement ${s.runId}`, () => s.settle.map((x) => resolveDiscrepancy(desk, s.runId!, x.itemId, x.resolution, noteOf(s))));
        desk.events.emit('reconcile.changed', { runId: s.runId! });
        s.rootAfter = desk.checkpoints.stateHash().rootHash;
      },
      check(s) {
        const left = getReport(s.desk.store.db, s.runId!).discrepancies.filter((f) => s.settle.some((x) => x.itemId === f.itemId) && !f.resolution);
        if (left.length) throw new LifeboatError('verification_failed', `not settled: ${named(left)}`, s.runId!);
        const n = (r: Resolution) => s.settle.filter((x) => x.resolution === r).length;
        return `${s.resumed ? 'already done: ' : ''}run ${s.runId}: ${n('accept_broker')} accepted from the broker, ${n('keep_local')} kept, ${n('ignore')} ignored`;
      },
    },
    verifyStep<Disagreement>(),
    {
      id: 'recheck',
      says: 'Reconcile again against the same snapshot (report only); what was kept or ignored is settled the same way there: nothing else may be left',
      auto: true,
      run(s) {
        const { desk } = s;
        s.recheck = recheck(desk, s.runId!);
        const kept = new Map(s.settle.filter((x) => x.resolution !== 'accept_broker').map((x) => [x.key, x]));
        const again = open(s.recheck).filter((f) => kept.has(keyOf(f)));
        // The person's choice stands in the recheck too, or the detector would find the same difference open there.
        if (again.length) {
          desk.commit(`recovery.broker-disagreement ${s.recheck.runId}`, () => again.map((f) => resolveDiscrepancy(desk, s.recheck!.runId, f.itemId, kept.get(keyOf(f))!.resolution, noteOf(s, `as settled in run ${s.runId}`))));
        }
        s.carried = again.length;
        s.recheck = getReport(desk.store.db, s.recheck.runId);
        desk.events.emit('reconcile.changed', { runId: s.recheck.runId });
        const left = open(s.recheck).filter((f) => (f.severity === 'critical' && (s.accountId === undefined || f.accountId === s.accountId)) || s.settle.some((x) => x.key === keyOf(f)));
        if (left.length) throw new LifeboatError('verification_failed', `${plural(left.length, 'difference')} still open after settling: ${named(left)} (run ${s.recheck.runId})`, s.recheck.runId);
      },
      check: (s) => `run ${s.recheck!.runId}: no open critical difference${s.carried ? ` (${s.carried} kept or ignored as chosen)` : ''}; ${s.recheck!.summary.verdict}`,
    },
    {
      id: 'record',
      says: 'Record the recovery: an audit entry and a line of the recovery history, with RTO and RPO',
      auto: true,
      run(s) {
        s.record = booksRecord({
          playbook: 'broker-disagreement',
          detectedAt: s.detectedAt,
          startedAt: s.startedAt ?? s.detectedAt,
          verifiedAt: s.verifiedAt ?? s.now().toISOString(),
          snapshotAt: s.snapshotAt!,
          fileName: getReport(s.desk.store.db, s.runId!).fileName,
          rootHash: s.rootAfter!,
          evidence: s.evidence,
          resumed: s.resumed === true,
        });
        recordBooks(s.desk, s.record, { checkpointId: s.checkpointId, run: s.runId, recheckRun: s.recheck!.runId, settled: s.settle.map((x) => ({ itemId: x.itemId, resolution: x.resolution })) });
      },
      check: (s) => recordLine(s.record!),
    },
  ],
};

export const brokerDisagreementPlaybook: DeskPlaybook<Disagreement> = {
  id: 'broker-disagreement',
  title: playbook.title,
  purpose: "The broker disagrees with our books (open critical differences, or no reconciliation today): settle each difference (accept the broker's value, keep ours, or ignore), after a pinned checkpoint, and recheck.",
  fields: FIELDS,
  prepare(desk: DeskContext, input: PlaybookInput, now: () => Date): Disagreement {
    refuseUnknown(input, FIELDS);
    const file = brokerFileOf(desk, input, { required: false, accountOnDesk: true });
    const choice = { default: RESOLUTION[choiceOf(input, 'resolution', CHOICES) ?? 'accept-broker'], items: itemsOf(input), reason: textOf(input, 'reason') ?? null };
    // A run of this playbook that settled the differences and stopped before it recorded is finished first:
    // the detector may no longer see them, or see its half-done recheck (whose kept ones must not be settled afresh).
    const unfinished = unfinishedSettlement(desk, now);
    if (unfinished) return unfinished;
    const { facts, verdict } = judge(desk, now());
    if (!verdict.found) throw new NothingToRecover(verdict.text, desk.paths.dir);
    const ranToday = facts.newest?.createdAt.slice(0, 10) === now().toISOString().slice(0, 10);
    if (!file) {
      if (!facts.newest || !ranToday) throw new LifeboatError('bad_request', `${verdict.text} Give --broker FILE: a new reconciliation against it is what is settled`, 'broker');
      if (facts.newest.against !== 'live') throw new LifeboatError('bad_request', `the newest reconciliation ${facts.newest.runId} compared ${facts.newest.against}, not the live state: give --broker FILE to reconcile the live books`, 'broker');
    }
    return {
      desk, now, evidence: verdict.text, detectedAt: now().toISOString(), startedAt: null, file, accountId: textOf(input, 'account'), choice,
      runId: file ? null : facts.newest!.runId, snapshotAt: null, settle: [], checkpointId: null, rootAfter: null, audit: null, verifiedAt: null, recheck: null, carried: 0, record: null,
    };
  },
  playbook,
  summary: (s) =>
    s.record
      ? `${plural(s.settle.length, 'difference')} of run ${s.runId} settled after checkpoint ${s.checkpointId} (pinned); recheck ${s.recheck!.runId}: ${s.recheck!.summary.verdict}`
      : `Not finished: ${s.rootAfter ? `the differences of run ${s.runId} were settled` : 'nothing was settled'}${s.checkpointId ? `; checkpoint ${s.checkpointId} holds the books before` : ''}.`,
  record: (s) => s.record,
};
