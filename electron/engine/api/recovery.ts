// API handlers for recovery: doctor, read-only, on a pool thread (workers/doctor-task.ts) where
// the process has them — inline otherwise, as everything else; the recoveries run so far, the
// escalations, and the newest start-up (what the coordinator found when the desk was last opened
// for writing); and a drill, as a job. The playbooks that run on the open desk: their plans, a run
// as a `recovery` job (recovery/desk/runner.ts) and a person's confirmation of a waiting step.
import { confirmStep, listDeskPlaybooks, prepareDeskPlaybook, startRecovery } from '../recovery/desk/runner';
import { startDrill } from '../recovery/drill-job';
import { readEscalations, readRecoveryHistory } from '../recovery/playbooks/history';
import { readStartup } from '../recovery/startup/record';
import type { HandlersOf } from './handler';

export const recoveryHandlers: HandlersOf<
  'recovery.doctor' | 'recovery.history' | 'recovery.escalations' | 'recovery.startup' | 'recovery.drill' | 'recovery.playbooks' | 'recovery.plan' | 'recovery.run' | 'recovery.confirm'
> = {
  'recovery.doctor': (desk) => desk.workers.run('doctor', { stateDir: desk.paths.dir }),
  'recovery.history': (desk) => readRecoveryHistory(desk.paths.dir),
  'recovery.escalations': (desk) => readEscalations(desk.paths.dir),
  'recovery.startup': (desk) => readStartup(desk.paths.dir),
  'recovery.drill': (desk) => startDrill(desk),
  'recovery.playbooks': () => listDeskPlaybooks(),
  'recovery.plan': async (desk, req) => (await prepareDeskPlaybook(desk, req.playbook, req.input)).plan,
  'recovery.run': (desk, req) => startRecovery(desk, req),
  'recovery.confirm': (desk, req) => confirmStep(desk, req),
};
