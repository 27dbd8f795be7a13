// A drill from start to end: the desk copied into a sandbox, the fault injected there, the playbook
// run on the sandbox with every step allowed, the sandbox removed. What the console's drill job
// runs on a pool thread (workers/drill-task.ts); the live desk is only read.
//
// The console keeps writing while a drill copies it, and most of a live database may sit in its
// WAL: a file copy could catch the two halves at different moments, and the damage would land in a
// near-empty main file. So the sandbox's database is one consistent copy, taken in one read
// transaction (VACUUM INTO), with no WAL beside it. A closed desk (no -wal) is copied as it is:
// opening it, even to read, would leave a -wal and -shm in the live folder.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillOutcome } from '../../../../shared/api/jobs';
import { openReader } from '../../store/database';
import { stateFolderPaths } from '../../store/state-folder';
import { damagedDatabase, newDamagedDatabaseState, NothingToRecover, releaseDamagedDatabase } from './damaged-database';
import { drillSandbox, injectDamage } from './drill';
import { runPlaybook, type RunHooks } from './playbook';

export const DRILL_STEPS = damagedDatabase.steps.length;

/** `onSandbox`: told where the sandbox is and what was injected, before the playbook runs (the CLI says so). */
export async function practiseDamagedDatabase(stateDir: string, hooks: RunHooks = {}, onSandbox?: (dir: string, fault: DrillOutcome['fault']) => void): Promise<DrillOutcome> {
  const sandbox = drillSandbox(stateDir);
  try {
    const file = join(sandbox.dir, 'lifeboat.db');
    consistentCopy(stateFolderPaths(stateDir).db, file);
    const fault = { file: 'lifeboat.db', ...injectDamage(file) };
    onSandbox?.(sandbox.dir, fault);
    const state = newDamagedDatabaseState(sandbox.dir);
    try {
      const steps = await runPlaybook(damagedDatabase, state, {}, hooks);
      return { playbook: 'damaged-database', passed: true, fault, record: state.record, steps, failure: null };
    } catch (err) {
      if (!(err instanceof NothingToRecover)) throw err;
      return { playbook: 'damaged-database', passed: false, fault, record: null, steps: [], failure: `the injected damage was not detected (${err.reason})` };
    } finally {
      releaseDamagedDatabase(state);
    }
  } finally {
    sandbox.dispose();
  }
}

function consistentCopy(live: string, target: string): void {
  if (!existsSync(`${live}-wal`)) return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  const reader = openReader(live);
  try {
    reader.prepare('VACUUM INTO ?').run(target);
  } finally {
    reader.close();
  }
}
