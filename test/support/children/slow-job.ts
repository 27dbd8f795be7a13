// Holds the state folder with a simulation job that ticks once a minute, until killed; says
// "running <jobId>" once the job's step is recorded as running.
import { Engine } from '../../../electron/engine/engine';

const [dir] = process.argv.slice(2);
const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: 'test slow job' });
const off = engine.events.subscribe((e) => {
  if (e.name === 'job.updated' && e.payload.steps[0]?.state === 'running') {
    off();
    process.stdout.write(`running ${e.payload.jobId}\n`);
  }
});
void engine.call('simulate.start', { ticks: 1000, seed: 1, intervalMs: 60_000 });
