// Incremental backups as the console runs them: the desk open in this process, the job started on
// the engine's own channel and waited for — no process start-up, no opening of the database, which
// the CLI figure includes. What a schedule of one incremental a minute costs the console.
import { Engine } from '../../electron/engine/engine';

export interface InConsole {
  /** Wall seconds of each job, from the call to its end. */
  seconds: number[];
  medianSeconds: number;
  bytesAdded: number[];
}

export async function inConsoleIncrementals(stateDir: string, destination: string, rounds: number, churn: () => void): Promise<InConsole> {
  const seconds: number[] = [];
  const bytesAdded: number[] = [];
  for (let i = 0; i < rounds; i++) {
    churn();
    const engine = Engine.open({ stateDir, mode: 'write', purpose: 'bench backup' });
    try {
      const started = process.hrtime.bigint();
      const job = await engine.call('backups.create', { type: 'incremental', destination });
      const done = await engine.jobs.wait(job.jobId);
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
      if (done.state !== 'succeeded' || done.kind !== 'backup' || !done.result) throw new Error(`the in-console incremental ${done.state}: ${done.error ?? ''}`);
      bytesAdded.push(done.result.destinations.reduce((n, d) => n + (d.snapshot?.bytesAdded ?? 0), 0));
    } finally {
      await engine.close();
    }
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  return { seconds, medianSeconds: sorted[Math.floor(sorted.length / 2)], bytesAdded };
}
