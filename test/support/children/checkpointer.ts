// Holds the state folder and, until killed, either takes checkpoints between simulated ticks
// ("checkpoint") or rolls the desk back and forth between two checkpoints ("rollback"),
// announcing each finished operation.
import { join } from 'node:path';
import { Engine } from '../../../electron/engine/engine';
import { createRng } from '../../../electron/engine/demo/rng';
import { simulateTick } from '../../../electron/engine/demo/simulate';
import { WorkerPool } from '../../../electron/engine/workers/pool';

const [dir, mode, seed, a, b] = process.argv.slice(2);
// Bundled with its worker next to it (bundleChild withWorker), as dist/cli.cjs has dist/worker.cjs.
const workers = new WorkerPool({ script: join(__dirname, 'worker.cjs') });
const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: `test ${mode}`, workers });
// Every other child packs its layers on a second thread, as the console does, so kills land there too.
const packing = Number(seed) % 2 === 0 ? engine.checkpoints.startPackingThread(workers) : Promise.resolve(false);
void packing.then(work);

function work(): void {
  const rng = createRng(Number(seed));
  let clock = Date.UTC(2026, 10, 22, 9) + Number(seed) * 10_000_000;
  for (let n = 1; ; n++) {
    if (mode === 'checkpoint') {
      for (let t = 0; t < 3; t++) simulateTick(engine.store, rng, new Date((clock += 1000)).toISOString());
      const c = engine.checkpoints.create('automatic');
      process.stdout.write(`done ${n} ${c.checkpointId}\n`);
    } else {
      const r = engine.checkpoints.rollback(n % 2 ? a : b, {});
      process.stdout.write(`done ${n} ${r.rootHash}\n`);
    }
  }
}
