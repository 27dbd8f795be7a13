// Doctor off the main thread: every detector over a state folder, on a connection (or a scratch
// copy) of the task's own (recovery/doctor.ts). A console's recovery.doctor runs here, so verifying
// every checkpoint (seconds on a large desk) never holds its other channels up.
import type { DoctorReport } from '../../../shared/api/recovery';
import { runDoctor } from '../recovery/doctor';

export interface DoctorInput {
  stateDir: string;
}

export function doctorTask({ stateDir }: DoctorInput): DoctorReport {
  return runDoctor(stateDir);
}
