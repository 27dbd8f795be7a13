// Job reports kept in SQLite, so the activity list survives a restart. A job is saved when it
// starts, at each step's start and end, and when it finishes; progress in between is not.
import type { Database, Statement } from 'better-sqlite3';
import type { JobInfo } from '../../../shared/api/jobs';

/** How many finished jobs are kept; older ones are dropped as new ones finish. */
export const KEEP_JOBS = 1000;

export class JobHistory {
  private readonly put: Statement;
  private readonly trim: Statement;

  constructor(private readonly db: Database) {
    this.put = db.prepare(
      `INSERT INTO jobs (job_id, kind, state, started_at, finished_at, report_json) VALUES (@jobId, @kind, @state, @startedAt, @finishedAt, @report)
       ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, finished_at = excluded.finished_at, report_json = excluded.report_json`,
    );
    this.trim = db.prepare(
      `DELETE FROM jobs WHERE state != 'running' AND job_id NOT IN (SELECT job_id FROM jobs ORDER BY started_at DESC, job_id DESC LIMIT ${KEEP_JOBS})`,
    );
  }

  save(job: JobInfo): void {
    if (this.db.readonly) return; // a desk opened read-only shows its history and adds nothing
    this.put.run({ jobId: job.jobId, kind: job.kind, state: job.state, startedAt: job.startedAt, finishedAt: job.finishedAt, report: JSON.stringify(job) });
    if (job.state !== 'running') this.trim.run();
  }

  get(jobId: string): JobInfo | null {
    const text = this.db.prepare('SELECT report_json FROM jobs WHERE job_id = ?').pluck().get(jobId) as string | undefined;
    return text === undefined ? null : (JSON.parse(text) as JobInfo);
  }

  /** Newest first. */
  list(limit = 100): JobInfo[] {
    const texts = this.db.prepare('SELECT report_json FROM jobs ORDER BY started_at DESC, job_id DESC LIMIT ?').pluck().all(limit) as string[];
    return texts.map((t) => JSON.parse(t) as JobInfo);
  }

  /**
   * Marks jobs left "running" by a process that is gone as interrupted, with the step that was
   * running. Called when a writer opens the folder: the lease says no other process runs jobs here.
   */
  interruptLeftovers(at: string): number {
    const left = (this.db.prepare("SELECT report_json FROM jobs WHERE state = 'running'").pluck().all() as string[]).map((t) => JSON.parse(t) as JobInfo);
    for (const job of left) {
      for (const step of job.steps) if (step.state === 'running' || step.state === 'pending' || step.state === 'waiting') step.state = 'interrupted';
      this.save({ ...job, state: 'interrupted', finishedAt: at, error: 'the process running it stopped before it finished', errorCode: null, errorWhere: null });
    }
    return left.length;
  }
}
