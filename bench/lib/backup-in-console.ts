// Incremental backups as the console runs them: one engine open for the whole run (as the desktop
// app or `serve` keeps it), the churn done by the console itself (a simulation job and a
// checkpoint), and each backup started on the engine's own channel and waited for — no process
// start-up, no opening of the database, which the CLI figure includes. What a schedule of one
// incremental a minute costs the console. The first round is the console's first backup since it
// opened (it unlocks the repository: one scrypt); the later rounds are the steady state.
import { Engine } from '../../electron/engine/engine';

export interface InConsole {
  /** Wall seconds of each job, from the call to its end. */
  seconds: number[];
  /** The first round's: the repository unlocked, nothing remembered yet. */
  firstSeconds: number;
  /** Median of the rounds after the first: the steady state of a schedule. */
  medianSeconds: number;
  bytesAdded: number[];
}

export async function inConsoleIncrementals(stateDir: string, destination: string, rounds: number, ticks: number): Promise<InConsole> {
  const seconds: number[] = [];
  const bytesAdded: number[] = [];
  const engine = Engine.open({ stateDir, mode: 'write', purpose: 'bench backup' });
  try {
    for (let i = 0; i < rounds; i++) {
      const sim = await engine.call('simulate.start', { ticks });
      const simmed = await engine.jobs.wait(sim.jobId);
      if (simmed.state !== 'succeeded') throw new Error(`the churn's simulation ${simmed.state}: ${simmed.error ?? ''}`);
      await engine.call('checkpoints.create', { label: 'churn' });
      const started = process.hrtime.bigint();
      const job = await engine.call('backups.create', { type: 'incremental', destination });
      const done = await engine.jobs.wait(job.jobId);
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
      if (done.state !== 'succeeded' || done.kind !== 'backup' || !done.result) throw new Error(`the in-console incremental ${done.state}: ${done.error ?? ''}`);
      bytesAdded.push(done.result.destinations.reduce((n, d) => n + (d.snapshot?.bytesAdded ?? 0), 0));
    }
  } finally {
    await engine.close();
  }
  const steady = seconds.slice(1).sort((a, b) => a - b);
  return { seconds, firstSeconds: seconds[0], medianSeconds: steady.length ? steady[Math.floor(steady.length / 2)] : seconds[0], bytesAdded };
}
