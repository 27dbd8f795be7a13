// The pool's tasks, by name: the bundled worker exports each under its name (worker.ts), and the
// pool calls them here, in this thread, when there is no bundled worker (tests run TypeScript).
import { backupCreateTask, backupPruneTask, backupRestoreTask, backupVerifyTask } from './backup-tasks';
import { doctorTask } from './doctor-task';
import { drillTask } from './drill-task';
import { exportTask } from './export-task';
import { packTask } from './pack-task';
import { parseTask } from './parse-task';
import { readTask } from './read-task';
import { verifyChunksTask } from './verify-chunks-task';
import { verifyTask } from './verify-task';

export const TASKS = {
  pack: packTask,
  parse: parseTask,
  verify: verifyTask,
  verifyChunks: verifyChunksTask,
  exportCheckpoint: exportTask,
  backupCreate: backupCreateTask,
  backupVerify: backupVerifyTask,
  backupRestore: backupRestoreTask,
  backupPrune: backupPruneTask,
  doctor: doctorTask,
  drill: drillTask,
  read: readTask,
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;

/**
 * The console's reads run on threads of their own: a verify or an export holding the job
 * threads for seconds never holds a desk.status up behind it.
 */
export const READ_TASKS: ReadonlySet<TaskName> = new Set<TaskName>(['read']);
