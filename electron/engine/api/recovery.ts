// API handlers for recovery: doctor, read-only, on a pool thread (workers/doctor-task.ts) where
// the process has them — inline otherwise, as everything else.
import type { HandlersOf } from './handler';

export const recoveryHandlers: HandlersOf<'recovery.doctor'> = {
  'recovery.doctor': (desk) => desk.workers.run('doctor', { stateDir: desk.paths.dir }),
};
