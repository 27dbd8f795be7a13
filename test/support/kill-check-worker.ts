// A worker thread for the kill test: opens a state folder as the next writer would after a crash
// (taking over the dead writer's lease) and reports what it finds, for the test to assert on. It
// runs off the test's main thread so the test stays free to kill its next child on the line it
// chose while a check runs; it is in the test's process, so the lease it takes names that pid.
import { parentPort } from 'node:worker_threads';
import { Engine } from '../../electron/engine/engine';
import { computeLiveAccs, hashesOf, stateRoot } from '../../electron/engine/checkpoints/state-hash';
import { STATE_SCHEMA_VERSION } from '../../electron/engine/store/migrations/migrate';
import { verifyAudit } from '../../electron/engine/audit/audit-log';
import { readLease } from '../../electron/engine/store/lease';
import type { AuditVerification, VerifyReport } from '../../shared/api/contract';

export interface KillCheckFacts {
  /** The pid the lease file named before the folder was opened (the dead writer's). */
  leaseBefore: number | null;
  /** The pid of the lease the opening engine holds. */
  leaseAfter: number | null;
  pid: number;
  integrity: unknown;
  checkpoints: string[];
  badCheckpoints: VerifyReport[];
  audit: AuditVerification;
  /** The root the triggers kept, and the one recomputed from every row. */
  incremental: string;
  full: string;
  /** Audit entries per action. */
  actions: Record<string, number>;
}

export async function inspectFolder(dir: string): Promise<KillCheckFacts> {
  const leaseBefore = readLease(dir)?.pid ?? null;
  const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: 'kill test check' });
  try {
    const integrity = engine.store.db.pragma('integrity_check', { simple: true });
    const reports = engine.checkpoints.verifyAll();
    const rows = engine.store.db.prepare('SELECT action, COUNT(*) AS n FROM audit_log GROUP BY action').all() as { action: string; n: number }[];
    return {
      leaseBefore,
      leaseAfter: engine.lease?.info.pid ?? null,
      pid: process.pid,
      integrity,
      checkpoints: reports.map((r) => r.checkpointId),
      badCheckpoints: reports.filter((r) => !r.ok),
      audit: verifyAudit(engine.store.db),
      incremental: engine.checkpoints.stateHash().rootHash,
      full: stateRoot(STATE_SCHEMA_VERSION, hashesOf(computeLiveAccs(engine.store.db))),
      actions: Object.fromEntries(rows.map((r) => [r.action, r.n])),
    };
  } finally {
    await engine.close();
  }
}

parentPort?.on('message', (m: { id: number; dir: string }) => {
  inspectFolder(m.dir).then(
    (facts) => parentPort!.postMessage({ id: m.id, facts }),
    (err: unknown) => parentPort!.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
