// Playbook: unclean shutdown. The previous holder died without closing the desk (its lease names a
// process that no longer runs, or jobs are recorded as running with nobody holding the desk).
// Confirm it (the unclean-shutdown detector), take the lease over, check the database whole
// (integrity_check) and the newest checkpoint sound (verify), reconcile against the newest broker
// snapshot, resume (the jobs it left marked interrupted) and record with RTO and RPO — or, when
// the database or the checkpoint is damaged, fall through to the damaged-database playbook.
import { uncleanShutdown as detector } from '../detectors/unclean-shutdown';
import type { InPlaceState } from './in-place-state';
import { confirmStep, integrityStep, leaseStep, reconcileStep, recordStep, resumeStep, verifyStep } from './in-place-steps';
import type { Playbook } from './playbook';

export const uncleanShutdown: Playbook<InPlaceState> = {
  id: 'unclean-shutdown',
  title: 'Unclean shutdown',
  steps: [
    confirmStep(detector, 'Confirm the fault with the unclean-shutdown detector (a lease of a dead process, jobs left running); a desk closed cleanly is not touched'),
    leaseStep,
    integrityStep,
    verifyStep,
    reconcileStep,
    resumeStep,
    recordStep,
  ],
};
