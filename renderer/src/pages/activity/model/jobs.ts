// Jobs as the activity list shows them: newest first, with how long they took (or have been
// running), how far along they are, and a badge tone per state.
import type { JobInfo, JobKind, JobState, StepReport, StepState } from '../../../../../shared/api/contract';
import type { BadgeTone } from '../../../components/Badge';

export interface JobRow {
  jobId: string;
  kind: JobKind;
  kindLabel: string;
  state: JobState;
  startedAt: string;
  /** Finished: finish − start; running: now − start. */
  durationMs: number;
  /** "done / total", the percentage, or the message while the total is unknown. */
  progress: string;
  message: string;
  job: JobInfo;
}

export const KIND_LABELS: Record<JobKind, string> = {
  simulate: 'Simulation',
  verify: 'Verify checkpoints',
  rollback: 'Rollback',
  reconcile: 'Reconciliation',
  backup: 'Backup',
  'backup-verify': 'Verify backups',
  restore: 'Restore',
  'test-restore': 'Test restore',
  'backup-prune': 'Forget and prune',
  'restore-live': 'Restore over the live desk',
  drill: 'Recovery drill',
  'tiers-demote': 'Demote to cold',
  'tiers-promote': 'Promote to warm',
  'checkpoint-retention': 'Checkpoint retention',
  recovery: 'Recovery playbook',
};

const TONES: Record<JobState | StepState, BadgeTone> = {
  running: 'info',
  pending: 'neutral',
  waiting: 'warn',
  succeeded: 'ok',
  failed: 'halt',
  cancelled: 'neutral',
  undone: 'warn',
  interrupted: 'warn',
};
export const stateTone = (state: JobState | StepState): BadgeTone => TONES[state] ?? 'neutral';

export function jobDurationMs(job: Pick<JobInfo, 'startedAt' | 'finishedAt'>, nowMs: number): number {
  const start = Date.parse(job.startedAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : nowMs;
  return Math.max(0, end - start);
}

export function stepDurationMs(step: StepReport, nowMs: number): number | null {
  if (step.durationMs !== null) return step.durationMs;
  return step.state === 'running' && step.startedAt ? Math.max(0, nowMs - Date.parse(step.startedAt)) : null;
}

/** 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function progressText(job: JobInfo): string {
  const { done, total } = job.progress;
  if (total) return `${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`;
  return job.state === 'running' ? '…' : '';
}

/** The jobs, newest first (ties by id, so the order never flickers). */
export function jobRows(jobs: Record<string, JobInfo>, nowMs: number): JobRow[] {
  return Object.values(jobs)
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.jobId < b.jobId ? 1 : -1))
    .map((job) => ({
      jobId: job.jobId,
      kind: job.kind,
      kindLabel: KIND_LABELS[job.kind] ?? job.kind,
      state: job.state,
      startedAt: job.startedAt,
      durationMs: jobDurationMs(job, nowMs),
      progress: progressText(job),
      message: job.state === 'running' ? job.progress.message : (job.error ?? job.progress.message),
      job,
    }));
}

/** What the job did, in a line, from its typed result. */
export function resultSummary(job: JobInfo): string | null {
  switch (job.kind) {
    case 'simulate':
      return job.result ? `${job.result.ticks} ticks: ${job.result.created} created, ${job.result.filled} filled, ${job.result.cancelled} cancelled` : null;
    case 'verify':
      return job.result ? `${job.result.reports.length} checked, ${job.result.reports.filter((r) => !r.ok).length} damaged` : null;
    case 'rollback':
      return job.result
        ? `to ${job.result.targetId}: ${job.result.applied.added} added, ${job.result.applied.removed} removed, ${job.result.applied.changed} changed`
        : null;
    case 'reconcile':
      return job.result ? `run ${job.result.runId}: ${job.result.summary.unresolved} unresolved` : null;
    case 'backup': {
      if (!job.result) return null;
      const sent = job.result.destinations.filter((d) => d.ok);
      const failed = job.result.destinations.length - sent.length;
      return `${job.result.type} to ${sent.map((d) => d.destination).join(', ') || 'no destination'}${failed ? `, ${failed} failed` : ''}`;
    }
    case 'backup-verify':
      return job.result ? `${job.result.destination}: ${job.result.packs} packs, ${job.result.problems.length} problems` : null;
    case 'restore':
      return job.result ? `snapshot ${job.result.snapshotId} into ${job.result.target}: ${job.result.rows} rows, ${job.result.files} files` : null;
    case 'test-restore':
      return job.result ? `snapshot ${job.result.snapshotId}: ${job.result.ok ? 'restored and checked' : 'did not match'}` : null;
    case 'restore-live':
      return job.result
        ? `snapshot ${job.result.snapshotId}: ${job.result.applied.added} added, ${job.result.applied.removed} removed, ${job.result.applied.changed} changed; undo: roll back to ${job.result.preRestoreId}`
        : null;
    case 'backup-prune':
      return job.result ? `${job.result.destination}: ${job.result.forgotten.length} forgotten, ${job.result.packsRemoved} packs removed` : null;
    case 'drill':
      if (!job.result) return null;
      return job.result.passed && job.result.record ? `${job.result.playbook}: back and verified, RTO ${job.result.record.rtoSeconds.toFixed(2)} s` : `${job.result.playbook}: ${job.result.failure}`;
    case 'recovery':
      if (!job.result) return null;
      return job.result.confirmed ? `${job.result.playbook}: ${job.result.summary.split('\n')[0]}` : `${job.result.playbook}: stopped before the first step that waits`;
    case 'tiers-demote':
    case 'tiers-promote':
      return job.result ? `${job.result.chunks} objects ${job.kind === 'tiers-demote' ? 'to cold' : 'to warm'} (${job.result.packs.length} packs)` : null;
    case 'checkpoint-retention':
      return job.result ? `${job.result.removed.length} checkpoints pruned, ${job.result.chunksRemoved} chunks freed` : null;
  }
}
