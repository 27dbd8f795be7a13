// API handlers for recovery: doctor, read-only, on a pool thread (workers/doctor-task.ts) where
// the process has them — inline otherwise, as everything else; the recoveries run so far, the
// escalations, and the newest start-up (what the coordinator found when the desk was last opened
// for writing); and a drill, as a job.
import { startDrill } from '../recovery/drill-job';
import { readEscalations, readRecoveryHistory } from '../recovery/playbooks/history';
import { readStartup } from '../recovery/startup/record';
import type { HandlersOf } from './handler';

export const recoveryHandlers: HandlersOf<'recovery.doctor' | 'recovery.history' | 'recovery.escalations' | 'recovery.startup' | 'recovery.drill'> = {
  'recovery.doctor': (desk) => desk.workers.run('doctor', { stateDir: desk.paths.dir }),
  'recovery.history': (desk) => readRecoveryHistory(desk.paths.dir),
  'recovery.escalations': (desk) => readEscalations(desk.paths.dir),
  'recovery.startup': (desk) => readStartup(desk.paths.dir),
  'recovery.drill': (desk) => startDrill(desk),
};
