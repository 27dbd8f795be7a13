// A demo desk with checkpoint history worth demoting: checkpoints with trading between them, each
// compacted (given its own chunk lists, as the console does every 16 layers), so an old one's
// chunks are its own. Closed when made, for a CLI process to open.
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { generateDesk } from '../../electron/engine/demo/generate-desk';
import { simulate } from '../../electron/engine/demo/simulate';
import { DEMO_AS_OF } from './demo-desk';
import { tempDir } from './temp-state';

/** Every placement rule off but "the newest stays": all older history is demotable now. */
export const DEMOTE_ALL = ['--demote-after-days', '0', '--unread-for-days', '0', '--keep-newest', '1'];

export async function deskWithHistory(seed: number, checkpoints: number, dir = join(tempDir(), 'desk')): Promise<{ state: string; ids: string[] }> {
  const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: 'test', create: true });
  let clock = Date.parse('2026-11-21T09:00:00.000Z');
  const now = () => new Date((clock += 1000)).toISOString();
  const ids: string[] = [];
  try {
    generateDesk(engine.store, { size: 'small', seed, asOf: DEMO_AS_OF });
    for (let i = 0; i < checkpoints; i++) {
      if (i > 0) simulate(engine.store, { ticks: 60, seed: seed + i }, now);
      const id = engine.checkpoints.create('manual', `c${i}`).checkpointId;
      engine.checkpoints.compact(id);
      ids.push(id);
    }
  } finally {
    await engine.close();
  }
  return { state: dir, ids };
}
