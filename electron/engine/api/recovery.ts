// API handlers for recovery: doctor, read-only, on a pool thread (workers/doctor-task.ts) where
// the process has them — inline otherwise, as everything else; the recoveries run so far, and the
// escalations; and a drill, as a job.
import { startDrill } from '../recovery/drill-job';
import { readEscalations, readRecoveryHistory } from '../recovery/playbooks/history';
import type { HandlersOf } from './handler';

export const recoveryHandlers: HandlersOf<'recovery.doctor' | 'recovery.history' | 'recovery.escalations' | 'recovery.drill'> = {
  'recovery.doctor': (desk) => desk.workers.run('doctor', { stateDir: desk.paths.dir }),
  'recovery.history': (desk) => readRecoveryHistory(desk.paths.dir),
  'recovery.escalations': (desk) => readEscalations(desk.paths.dir),
  'recovery.drill': (desk) => startDrill(desk),
};
