// Reconciliation runs and their discrepancies in lifeboat.db: every run is kept with its inputs,
// tolerances, discrepancies and resolutions.
import type { Database } from 'better-sqlite3';
import type { BrokerSnapshot, Discrepancy, ReconcileReport, ReconcileRun } from '../../../shared/api/reconcile';
import { LifeboatError } from '../../../shared/result';

interface RunRow {
  run_id: string;
  created_at: string;
  actor: string;
  against: string;
  format: ReconcileRun['format'];
  file_name: string;
  file_sha256: string;
  strategy: ReconcileRun['strategy'];
  tolerances_json: string;
  checkpoint_id: string | null;
  recheck_of: string | null;
  summary_json: string;
}

const toRun = (r: RunRow): ReconcileRun => ({
  runId: r.run_id,
  createdAt: r.created_at,
  actor: r.actor,
  against: r.against,
  format: r.format,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  strategy: r.strategy,
  tolerances: JSON.parse(r.tolerances_json),
  checkpointId: r.checkpoint_id,
  recheckOf: r.recheck_of,
  summary: JSON.parse(r.summary_json),
});

const RUN_COLUMNS = 'run_id, created_at, actor, against, format, file_name, file_sha256, strategy, tolerances_json, checkpoint_id, recheck_of, summary_json';

export function insertRun(db: Database, run: ReconcileRun, snapshot: BrokerSnapshot, discrepancies: Discrepancy[]): void {
  db.prepare(
    `INSERT INTO recon_runs (${RUN_COLUMNS}, snapshot_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    run.runId, run.createdAt, run.actor, run.against, run.format, run.fileName, run.fileSha256, run.strategy,
    JSON.stringify(run.tolerances), run.checkpointId, run.recheckOf, JSON.stringify(run.summary), JSON.stringify(snapshot),
  );
  const insert = db.prepare(
    `INSERT INTO recon_discrepancies (run_id, item_id, account_id, kind, severity, within_tolerance, discrepancy_json, resolution, resolution_reason, resolved_by, resolved_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of discrepancies) {
    insert.run(run.runId, f.itemId, f.accountId, f.kind, f.severity, f.withinTolerance ? 1 : 0, JSON.stringify(f), f.resolution, f.resolutionReason, f.resolvedBy, f.resolvedAt);
  }
}

export function listRuns(db: Database): ReconcileRun[] {
  return (db.prepare(`SELECT ${RUN_COLUMNS} FROM recon_runs ORDER BY created_at DESC, run_id DESC`).all() as RunRow[]).map(toRun);
}

export function getRun(db: Database, runId: string): ReconcileRun {
  const r = db.prepare(`SELECT ${RUN_COLUMNS} FROM recon_runs WHERE run_id = ?`).get(runId) as RunRow | undefined;
  if (!r) throw new LifeboatError('not_found', `no reconciliation run ${runId} (see \`lifeboat reconcile list\`)`);
  return toRun(r);
}

export function getSnapshot(db: Database, runId: string): BrokerSnapshot {
  const json = db.prepare('SELECT snapshot_json FROM recon_runs WHERE run_id = ?').pluck().get(runId) as string | undefined;
  if (!json) throw new LifeboatError('not_found', `no reconciliation run ${runId}`);
  return JSON.parse(json) as BrokerSnapshot;
}

export function getDiscrepancies(db: Database, runId: string): Discrepancy[] {
  return (db.prepare('SELECT discrepancy_json, resolution, resolution_reason, resolved_by, resolved_at FROM recon_discrepancies WHERE run_id = ? ORDER BY item_id').all(runId) as {
    discrepancy_json: string;
    resolution: Discrepancy['resolution'];
    resolution_reason: string | null;
    resolved_by: string | null;
    resolved_at: string | null;
  }[]).map((r) => ({ ...(JSON.parse(r.discrepancy_json) as Discrepancy), resolution: r.resolution, resolutionReason: r.resolution_reason, resolvedBy: r.resolved_by, resolvedAt: r.resolved_at }));
}

export function getReport(db: Database, runId: string): ReconcileReport {
  return { ...getRun(db, runId), discrepancies: getDiscrepancies(db, runId) };
}

export function recordResolution(db: Database, runId: string, itemId: string, resolution: NonNullable<Discrepancy['resolution']>, reason: string | null, actor: string, at: string): void {
  const r = db
    .prepare('UPDATE recon_discrepancies SET resolution = ?, resolution_reason = ?, resolved_by = ?, resolved_at = ? WHERE run_id = ? AND item_id = ?')
    .run(resolution, reason, actor, at, runId, itemId);
  if (r.changes === 0) throw new LifeboatError('not_found', `run ${runId} has no item ${itemId}`);
}

export function updateSummary(db: Database, runId: string, summary: ReconcileRun['summary']): void {
  db.prepare('UPDATE recon_runs SET summary_json = ? WHERE run_id = ?').run(JSON.stringify(summary), runId);
}
