// Bad deploy: a bot release wrote state it should not have; the desk goes back to the checkpoint
// taken before the deploy. The rollback wizard as a playbook: the target verified, the
// pre-rollback checkpoint taken (the way back), the rollback itself (waits for a person typing the
// checkpoint's id, as the rollback wizard asks), the state hash checked, a reconciliation against
// the newest broker snapshot the desk keeps, and the record (RPO = now − the checkpoint's time:
// whatever the desk did since that checkpoint is what the rollback gives up).
// Its rollback steps are the rollback job's own code (checkpoints/rollback-job.ts).
import type { CheckpointInfo, RollbackScope, VerifyReport } from '../../../../shared/api/checkpoints';
import type { RollbackOutcome } from '../../../../shared/api/jobs';
import type { PlaybookInput, RecoveryRecord } from '../../../../shared/api/recovery';
import { LifeboatError } from '../../../../shared/result';
import { getCheckpoint } from '../../checkpoints/catalog';
import { applyRollbackRows, APPLY_RETRY, checkRolledBack, takePreRollbackCheckpoint } from '../../checkpoints/rollback-job';
import type { RollbackResult } from '../../checkpoints/rollback';
import { recheck } from '../../reconcile/reconcile';
import { listRuns } from '../../reconcile/runs-store';
import type { DeskContext } from '../../runtime/context';
import { STATE_SCHEMA_VERSION } from '../../store/migrations/migrate';
import { NothingToRecover, transientRetry } from '../playbooks/playbook';
import { appendHistoryOnce, auditRecoveryOnce } from '../playbooks/recorded';
import type { DeskPlaybook } from './desk-playbook';

export interface BadDeployState {
  desk: DeskContext;
  now: () => Date;
  target: CheckpointInfo;
  scope: RollbackScope;
  /** How many rows the rollback will change (the preview at prepare). */
  changes: number;
  detectedAt: string;
  startedAt: string | null;
  verified: VerifyReport | null;
  pre: CheckpointInfo | null;
  finish: (() => RollbackResult) | null;
  outcome: RollbackOutcome | null;
  hashLine: string | null;
  verifiedAt: string | null;
  reconciliation: { of: string | null; runId: string | null; unresolved: number; skipped: string | null } | null;
  record: RecoveryRecord | null;
}

const text = (input: PlaybookInput, name: string): string | undefined => {
  const v = input[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new LifeboatError('bad_request', `${name} takes a value, not a bare flag`, name);
  return v;
};

/** The checkpoint given, or the newest pre-upgrade one (taken before a deploy). */
function pickTarget(desk: DeskContext, id: string | undefined): CheckpointInfo {
  if (id === undefined) {
    const pre = desk.checkpoints.list().filter((c) => c.type === 'pre_upgrade').sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
    if (!pre) throw new LifeboatError('bad_request', 'no pre-upgrade checkpoint on this desk: name the checkpoint taken before the deploy', 'checkpoint');
    return pre;
  }
  try {
    return getCheckpoint(desk.store.db, id);
  } catch (err) {
    if (err instanceof LifeboatError && err.code === 'not_found') throw new LifeboatError('bad_request', `no checkpoint ${id} on this desk`, 'checkpoint');
    throw err;
  }
}

async function prepare(desk: DeskContext, input: PlaybookInput, now: () => Date): Promise<BadDeployState> {
  for (const name of Object.keys(input)) {
    if (!badDeploy.fields.some((f) => f.name === name)) throw new LifeboatError('bad_request', `bad-deploy has no field ${name} (its fields: ${badDeploy.fields.map((f) => f.name).join(', ')})`, name);
  }
  const strategyId = text(input, 'strategy');
  const accountId = text(input, 'account');
  if (strategyId && accountId) throw new LifeboatError('bad_request', 'roll back one strategy or one account, not both', 'strategy');
  const target = pickTarget(desk, text(input, 'checkpoint'));
  if (target.status === 'corrupt') throw new LifeboatError('bad_request', `checkpoint ${target.checkpointId} failed verification (${target.statusDetail}): pick another`, 'checkpoint');
  if (target.schemaVersion !== STATE_SCHEMA_VERSION) throw new LifeboatError('bad_request', `checkpoint ${target.checkpointId} holds tables of schema ${target.schemaVersion}, not ${STATE_SCHEMA_VERSION}`, 'checkpoint');
  const scope: RollbackScope = strategyId ? { strategyId } : accountId ? { accountId } : {};
  let rows: number;
  try {
    rows = desk.checkpoints.previewRollback(target.checkpointId, scope).rows.length;
  } catch (err) {
    // An unknown strategy or account is the input's fault: name its field.
    if (err instanceof LifeboatError && (err.code === 'not_found' || err.code === 'bad_request')) throw new LifeboatError('bad_request', err.reason, strategyId ? 'strategy' : accountId ? 'account' : 'checkpoint');
    throw err;
  }
  if (rows === 0) throw new NothingToRecover(`the live state already matches checkpoint ${target.checkpointId}`, 'bad-deploy');
  return { desk, now, target, scope, changes: rows, detectedAt: now().toISOString(), startedAt: null, verified: null, pre: null, finish: null, outcome: null, hashLine: null, verifiedAt: null, reconciliation: null, record: null };
}

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

export const badDeploy: DeskPlaybook<BadDeployState> = {
  id: 'bad-deploy',
  title: 'Bad deploy',
  purpose: 'a bot release wrote bad state: verify the checkpoint taken before the deploy, take a pre-rollback checkpoint, roll back to it, check the state hash, reconcile, record RTO/RPO',
  fields: [
    { name: 'checkpoint', label: 'Checkpoint before the deploy', kind: 'checkpoint', required: false, help: 'The checkpoint to go back to; default the newest pre-upgrade checkpoint.' },
    { name: 'strategy', label: 'Only this strategy', kind: 'strategy', required: false, help: 'Roll back one strategy alone; default the whole desk.' },
    { name: 'account', label: 'Only this account', kind: 'account', required: false, help: 'Roll back one account alone (not with a strategy); default the whole desk.' },
  ],
  prepare,
  confirmWord: (s) => s.target.checkpointId,
  playbook: {
    id: 'bad-deploy',
    title: 'Bad deploy',
    steps: [
      {
        id: 'verify',
        says: 'Verify the checkpoint before the deploy (rehash every chunk it holds)',
        auto: true,
        run: (s, ctx) => {
          s.startedAt ??= s.now().toISOString();
          ctx.progress(0, null, `verifying ${s.target.checkpointId}`);
          s.verified = s.desk.checkpoints.verify(s.target.checkpointId);
        },
        check: (s) => {
          const v = s.verified!;
          if (!v.ok) throw new LifeboatError('verification_failed', `checkpoint ${v.checkpointId} does not verify: ${v.problem?.table} chunk ${v.problem?.chunk}: ${v.problem?.reason}`, 'checkpoint');
          return `checkpoint ${v.checkpointId} (${s.target.createdAt}) verifies: ${v.chunksChecked} chunks`;
        },
      },
      {
        id: 'pre-rollback',
        says: 'Take the pre-rollback checkpoint (the way back if this rollback is wrong)',
        auto: true,
        run: (s) => {
          ({ pre: s.pre, finish: s.finish } = takePreRollbackCheckpoint(s.desk, s.target.checkpointId, s.scope));
        },
        check: (s) => `pre-rollback checkpoint ${s.pre!.checkpointId}`,
      },
      {
        id: 'rollback',
        says: "Roll the desk back to the checkpoint: its positions, orders, balances and strategy state replace the live ones (the bots' trading state changes)",
        auto: false,
        run: (s) => {
          s.outcome = applyRollbackRows(s.desk, s.finish!);
        },
        retry: APPLY_RETRY,
        check: (s) => `rolled back to ${s.target.checkpointId}: ${s.outcome!.applied.added} added, ${s.outcome!.applied.removed} removed, ${s.outcome!.applied.changed} changed`,
      },
      {
        id: 'check-hash',
        says: "Check the live state hash is the checkpoint's",
        auto: true,
        run: () => undefined,
        check: (s) => {
          s.hashLine = checkRolledBack(s.desk, s.outcome!);
          s.verifiedAt = s.now().toISOString();
          return s.hashLine;
        },
      },
      {
        id: 'reconcile',
        says: 'Reconcile against the newest broker snapshot the desk keeps (a report: the books are not changed)',
        auto: true,
        retry: transientRetry(),
        run: (s) => {
          const newest = listRuns(s.desk.store.db).find((r) => r.against === 'live');
          if (!newest) {
            s.reconciliation = { of: null, runId: null, unresolved: 0, skipped: 'the desk has no broker snapshot (no reconciliation against live has run on it)' };
            return;
          }
          const report = recheck(s.desk, newest.runId);
          s.reconciliation = { of: newest.runId, runId: report.runId, unresolved: report.summary.unresolved, skipped: null };
        },
        check: (s) => {
          const r = s.reconciliation!;
          if (r.skipped) return `skipped: ${r.skipped}`;
          return `run ${r.runId} (the snapshot of ${r.of}): ${r.unresolved === 0 ? 'no difference above tolerance' : `${r.unresolved} difference(s) above tolerance need a person`}`;
        },
      },
      {
        id: 'record',
        says: 'Record the recovery with its RTO and RPO (audit trail and recovery history)',
        auto: true,
        run: (s) => {
          const verifiedAt = s.verifiedAt ?? s.now().toISOString();
          const record: RecoveryRecord = {
            playbook: 'bad-deploy',
            detectedAt: s.detectedAt,
            startedAt: s.startedAt ?? s.detectedAt,
            verifiedAt,
            restoredPointTime: s.target.createdAt,
            rtoSeconds: seconds(s.detectedAt, verifiedAt),
            rpoSeconds: seconds(s.target.createdAt, s.detectedAt),
            restoredFrom: { kind: 'checkpoint', snapshotId: s.target.checkpointId, type: s.target.type, createdAt: s.target.createdAt, rootHash: s.target.rootHash },
            damagedFiles: '',
            resumed: false,
            evidence: `rolled back to ${s.target.checkpointId} (${s.target.type}, ${s.target.createdAt})${s.scope.strategyId ? ` for strategy ${s.scope.strategyId}` : s.scope.accountId ? ` for account ${s.scope.accountId}` : ''}`,
          };
          s.desk.commit('recovery.run', () => auditRecoveryOnce(s.desk.store.db, record, { ...record, scope: s.scope, preRollbackId: s.pre!.checkpointId, applied: s.outcome!.applied, reconciliation: s.reconciliation }));
          appendHistoryOnce(s.desk.paths.dir, record);
          s.record = record;
        },
        check: (s) => `recorded: RTO ${s.record!.rtoSeconds.toFixed(2)} s, RPO ${s.record!.rpoSeconds.toFixed(0)} s`,
      },
    ],
  },
  summary: (s) =>
    [
      `Rolled back to ${s.target.checkpointId} (${s.target.type}, ${s.target.createdAt}): ${s.outcome!.applied.added} added, ${s.outcome!.applied.removed} removed, ${s.outcome!.applied.changed} changed; ${s.hashLine}.`,
      `The way back: roll back to the pre-rollback checkpoint ${s.pre!.checkpointId}.`,
      s.reconciliation!.skipped ? `Reconciliation skipped: ${s.reconciliation!.skipped}.` : `Reconciliation ${s.reconciliation!.runId}: ${s.reconciliation!.unresolved} difference(s) above tolerance.`,
      `RTO ${s.record!.rtoSeconds.toFixed(2)} s, RPO ${s.record!.rpoSeconds.toFixed(0)} s.`,
    ].join('\n'),
  record: (s) => s.record,
};
