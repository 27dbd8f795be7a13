// First run of the desktop app or `npm start`: a live demo desk in the state folder, so there is
// something real to look at. Never touches a folder that already holds a desk.
import { existsSync } from 'node:fs';
import { Engine } from '../engine';
import { stateFolderPaths } from '../store/state-folder';
import { generateDesk } from './generate-desk';
import { writeDemoSnapshots } from './broker-snapshots/write-demo-snapshots';

/** Creates the small demo desk (as of now) when the folder has no database yet. Returns true if it did. */
export async function ensureDemoDesk(stateDir: string): Promise<boolean> {
  if (existsSync(stateFolderPaths(stateDir).db)) return false;
  const engine = Engine.open({ stateDir, mode: 'write', purpose: 'first run', create: true });
  try {
    const desk = generateDesk(engine.store, { size: 'small', seed: 1, asOf: new Date().toISOString() });
    writeDemoSnapshots(engine, 1, desk.asOf);
  } finally {
    await engine.close();
  }
  return true;
}
