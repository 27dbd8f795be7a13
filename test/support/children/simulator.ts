// Holds the state folder and simulates ticks until killed, announcing each committed tick.
import { Engine } from '../../../electron/engine/engine';
import { createRng } from '../../../electron/engine/demo/rng';
import { simulateTick } from '../../../electron/engine/demo/simulate';

const [dir, seed] = process.argv.slice(2);
const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: 'test simulator' });
const rng = createRng(Number(seed));
for (let tick = 1; ; tick++) {
  simulateTick(engine.store, rng, new Date(Date.UTC(2026, 10, 22, 9) + tick * 1000).toISOString());
  process.stdout.write(`tick ${tick}\n`);
}
