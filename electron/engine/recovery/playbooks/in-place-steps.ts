// The steps the in-place playbooks share: confirm the fault (the playbook's detector), take the
// lease (a dead holder's is taken over), a full integrity_check and a verify of the newest
// checkpoint (on a scratch copy: without --yes nothing in the folder changes), reconcile against
// the newest broker snapshot the desk holds, resume (jobs the dead holder left running marked
// interrupted), and record with RTO and RPO. An integrity check or verify that fails is not
// escalated: it falls through to the damaged-database playbook (FallThrough), which the caller runs.
import { existsSync } from 'node:fs';
import { LifeboatError } from '../../../../shared/result';
import { Checkpoints } from '../../checkpoints/checkpoints';
import { JobHistory } from '../../jobs/job-history';
import { openDatabase } from '../../store/database';
import { acquireLease, describeHolder, readLease, holderIsAlive } from '../../store/lease';
import { privateCopy } from '../../store/read-only-copy';
import { deskTraces } from '../../store/state-folder';
import type { Detector } from '../detector';
import { gatherFolderFacts } from '../folder-facts';
import { resolveLimits } from '../limits';
import { openDeskReader } from '../reader';
import { finishAsideNote } from './aside';
import { appendHistoryOnce, auditRecoveryOnce } from './recorded';
import type { RecoveryRecord } from './history';
import { clearProgress, dropCopy, readProgress, writeProgress, type InPlaceState } from './in-place-state';
import { FallThrough, NothingToRecover, transientRetry, type PlaybookStep } from './playbook';
import { reconcileWithNewestSnapshot } from './reconcile-step';

type Step = PlaybookStep<InPlaceState>;

/** Hands over to damaged-database: said in the state first (an undo reads it), then thrown. */
function fallThrough(s: InPlaceState, reason: string): FallThrough {
  s.fellThrough = reason;
  return new FallThrough('damaged-database', reason, s.paths.db);
}

/** The detector's verdict over the folder as it is now (read on a scratch copy). */
function judge<F>(detector: Detector<F>, s: InPlaceState) {
  const folder = gatherFolderFacts(s.paths);
  const reader = openDeskReader(s.paths, folder);
  try {
    const now = s.now();
    const ctx = { paths: s.paths, now, folder, open: reader.open, db: reader.db, limits: resolveLimits({}) };
    return detector.decide(detector.gather(ctx), { now, limits: ctx.limits });
  } finally {
    reader.close();
  }
}

export function confirmStep<F>(detector: Detector<F>, says: string, framesLost: (details: Record<string, unknown>) => number = () => 0): Step {
  return {
    id: 'confirm',
    says,
    auto: true,
    retry: transientRetry(),
    run(s) {
      if (!existsSync(s.paths.dir)) throw new LifeboatError('not_found', 'there is no state folder here; is --state right?', s.paths.dir);
      const pending = readProgress(s.paths, s.playbook);
      if (!existsSync(s.paths.db) && deskTraces(s.paths.dir).length === 0 && !pending) {
        throw new LifeboatError('not_found', 'no lifeboat.db, and the folder shows no sign of having held a desk; is --state right?', s.paths.dir);
      }
      if (pending) {
        // A run of this playbook was stopped before it recorded: carry on, with the time the fault was first seen.
        Object.assign(s, { resumed: true, detectedAt: pending.detectedAt, evidence: pending.evidence, framesLost: pending.framesLost, aside: pending.aside });
        return;
      }
      const v = judge(detector, s);
      if (!v.found) {
        if (v.checked === false) throw new LifeboatError('unavailable', `cannot tell: ${v.text}`, s.paths.dir);
        throw new NothingToRecover(v.text, s.paths.dir);
      }
      s.evidence = v.text;
      s.framesLost = framesLost(v.details);
      s.detectedAt = s.now().toISOString();
    },
    check: (s) => (s.resumed ? `continuing an unfinished recovery (fault seen ${s.detectedAt}): ${s.evidence}` : `found: ${s.evidence}`),
  };
}

export const leaseStep: Step = {
  id: 'lease',
  says: 'Take the single-writer lease (a dead holder’s is taken over; a live holder: refuse, naming it)',
  // Taking a dead holder's lease over removes its lock — the very evidence of the fault: a person says yes first.
  auto: false,
  retry: transientRetry(),
  run(s) {
    const before = readLease(s.paths.dir);
    s.lease = acquireLease(s.paths.dir, `recover ${s.playbook}`);
    if (before && !holderIsAlive(before)) s.tookOverFrom = describeHolder(before);
    writeProgress(s);
  },
  check: (s) => `lease taken by pid ${s.lease!.info.pid}${s.tookOverFrom ? `, taken over from ${s.tookOverFrom}, which no longer runs` : ''}`,
  // A later step failed and what was done is undone: the next run starts afresh. Not on a fall-through:
  // the note stays until damaged-database has recorded, so a kill meanwhile is finished by a rerun.
  undo: (s) => (s.fellThrough ? undefined : clearProgress(s.paths)),
};

export const integrityStep: Step = {
  id: 'integrity',
  says: 'Run a full integrity_check of lifeboat.db (with its -wal, if any) on a scratch copy; damage falls through to the damaged-database playbook',
  auto: true,
  async run(s) {
    await s.pauseBefore?.('integrity');
    dropCopy(s);
    if (!existsSync(s.paths.db)) throw fallThrough(s, 'lifeboat.db is not in the state folder');
    s.copy = privateCopy(s.paths);
    try {
      s.copyDb = openDatabase(s.copy.db, { readonly: true, migrate: false, quickCheck: false });
    } catch (err) {
      throw fallThrough(s, `lifeboat.db will not open: ${(err as Error).message}`);
    }
    let lines: string[];
    try {
      const rows = s.copyDb.pragma('integrity_check(20)') as { integrity_check: string }[];
      lines = rows.map((r) => r.integrity_check);
    } catch (err) {
      lines = [(err as Error).message];
    }
    if (!(lines.length === 1 && lines[0] === 'ok')) throw fallThrough(s, `integrity_check found damage: ${lines.slice(0, 3).join('; ')}`);
    s.integrity = 'ok';
  },
  check: () => 'integrity_check ok',
};

export const verifyStep: Step = {
  id: 'verify-checkpoint',
  says: 'Verify the newest checkpoint (rehash its chunks, recompute its roots); a damaged one falls through to the damaged-database playbook',
  auto: true,
  run(s) {
    const db = s.copyDb!;
    const checkpoints = new Checkpoints(db);
    try {
      s.newestEntryAt = (db.prepare('SELECT MAX(at) FROM audit_log').pluck().get() as string | null) ?? null;
      const newest = checkpoints.list().at(-1);
      if (!newest) {
        s.checkpoint = null;
        return;
      }
      const report = checkpoints.verify(newest.checkpointId);
      if (report.problem) {
        throw fallThrough(s, `the newest checkpoint ${newest.checkpointId} fails verify: ${report.problem.reason}${report.problem.table !== '-' ? ` (${report.problem.table})` : ''}`);
      }
      s.checkpoint = { checkpointId: newest.checkpointId, createdAt: newest.createdAt, chunksChecked: report.chunksChecked };
    } finally {
      checkpoints.close();
      dropCopy(s);
    }
  },
  check: (s) => (s.checkpoint ? `checkpoint ${s.checkpoint.checkpointId} (${s.checkpoint.createdAt}) verifies (${s.checkpoint.chunksChecked} chunks)` : 'skipped: the desk has no checkpoint to verify'),
};

/** The desk's database in place, for writing (quick_check and migrations at open); once per run. */
function openInPlace(s: InPlaceState) {
  s.db ??= openDatabase(s.paths.db);
  return s.db;
}

export const reconcileStep: Step = {
  id: 'reconcile',
  retry: transientRetry(),
  says: 'Reconcile against the newest broker snapshot the desk holds (the newest reconciliation against live, rechecked: report only); none: skipped',
  auto: false,
  async run(s) {
    await s.pauseBefore?.('reconcile');
    s.reconciliation = reconcileWithNewestSnapshot(s.paths, openInPlace(s));
  },
  check(s) {
    const r = s.reconciliation!;
    if (r.skipped) return `skipped: ${r.skipped}`;
    return `run ${r.runId} (recheck of ${r.of}): ${r.unresolved === 0 ? 'no difference above tolerance' : `${r.unresolved} difference${r.unresolved === 1 ? '' : 's'} above tolerance need a person (\`lifeboat reconcile show ${r.runId}\`)`}`;
  },
};

export const resumeStep: Step = {
  id: 'resume',
  retry: transientRetry(),
  says: 'Resume: open the desk for writing, mark the jobs the stopped process left running as interrupted',
  auto: false,
  async run(s) {
    await s.pauseBefore?.('resume');
    const db = openInPlace(s);
    s.jobsInterrupted = new JobHistory(db).interruptLeftovers(s.now().toISOString());
    s.verifiedAt = s.now().toISOString();
  },
  check: (s) => `the desk opens for writing (quick_check ok)${s.jobsInterrupted ? `; ${s.jobsInterrupted} job${s.jobsInterrupted === 1 ? '' : 's'} left running marked interrupted` : ''}`,
};

export const recordStep: Step = {
  id: 'record',
  says: "Record the recovery: an audit entry 'recovery.run' and a line in recovery-history.jsonl with RTO and RPO, then close the desk cleanly (WAL folded in, lease given back)",
  auto: true,
  run(s) {
    const detectedAt = s.detectedAt!;
    const verifiedAt = s.verifiedAt!;
    // Nothing lost: the desk is at the moment the fault was seen. Frames lost: at its newest entry that survived.
    const point = s.framesLost > 0 && s.newestEntryAt ? s.newestEntryAt : detectedAt;
    const record: RecoveryRecord = {
      playbook: s.playbook,
      detectedAt,
      startedAt: s.startedAt,
      verifiedAt,
      restoredPointTime: point,
      rtoSeconds: (Date.parse(verifiedAt) - Date.parse(detectedAt)) / 1000,
      rpoSeconds: (Date.parse(detectedAt) - Date.parse(point)) / 1000,
      restoredFrom: { kind: 'in-place' },
      damagedFiles: s.aside ?? '',
      resumed: s.resumed,
      evidence: s.evidence,
    };
    const db = s.db!;
    // Safe to run again after a kill: the entry and the line are written once per fault (recorded.ts).
    auditRecoveryOnce(db, record, { ...record, framesLost: s.framesLost, reconciliation: s.reconciliation, checkpoint: s.checkpoint });
    // A clean close: the WAL folded into lifeboat.db, then the lease released by the caller.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    s.db = null;
    appendHistoryOnce(s.paths.dir, record);
    if (s.aside) finishAsideNote(s.aside, verifiedAt, record);
    // The lease before the progress note goes: a kill between them leaves a note the rerun finishes
    // (writing nothing twice), never a recovered desk whose dead recoverer's lease reads as a new
    // unclean shutdown (found by test/cli/recover-kills.test.ts).
    s.lease?.release();
    s.lease = null;
    clearProgress(s.paths);
    s.record = record;
  },
  check: (s) => `RTO ${s.record!.rtoSeconds.toFixed(2)} s, RPO ${s.record!.rpoSeconds.toFixed(0)} s; recorded in the audit trail and recovery-history.jsonl`,
};
