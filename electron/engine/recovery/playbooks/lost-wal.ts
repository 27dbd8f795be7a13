// Playbook: lost WAL. A -shm without its -wal (the log is gone: its index says how many committed
// frames were never copied back), or a -wal of another database beside lifeboat.db. Confirm it (the
// wal-lost-or-foreign detector), take the lease, move the -shm and -wal aside into
// damaged/<UTC time>/ (renamed, never deleted) before any writer folds a foreign log in, check the
// database whole and the newest checkpoint sound, reconcile, resume and record — RPO counting from
// the newest audit entry that survived when frames were lost — or fall through to damaged-database.
import { walLostOrForeign as detector } from '../detectors/wal';
import { SIDE_FILES, moveSideFilesAside, moveSideFilesBack } from './aside';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LifeboatError } from '../../../../shared/result';
import { writeProgress, type InPlaceState } from './in-place-state';
import { confirmStep, integrityStep, leaseStep, reconcileStep, recordStep, resumeStep, verifyStep } from './in-place-steps';
import { transientRetry, type Playbook } from './playbook';

export const lostWal: Playbook<InPlaceState> = {
  id: 'lost-wal',
  title: 'Lost or foreign WAL',
  steps: [
    confirmStep(
      detector,
      'Confirm the fault with the wal-lost-or-foreign detector (a -shm without its -wal, a -wal of another database); a desk without one is not touched',
      (details) => (typeof details.framesLost === 'number' ? details.framesLost : 0),
    ),
    leaseStep,
    {
      id: 'move-aside',
      says: 'Move lifeboat.db-shm and lifeboat.db-wal aside into damaged/<UTC time>/ (renamed, never deleted), so no writer folds a foreign or broken log in',
      auto: false,
      retry: transientRetry(),
      async run(s) {
        await s.pauseBefore?.('move-aside');
        moveSideFilesAside(s, () => writeProgress(s));
        writeProgress(s);
      },
      check(s) {
        const left = SIDE_FILES.filter((f) => existsSync(join(s.paths.dir, f)));
        if (left.length) throw new LifeboatError('internal', `still in the state folder after the move: ${left.join(', ')}`, s.paths.dir);
        return `${s.resumed ? 'continuing an unfinished recovery: ' : ''}set aside in ${s.aside}${s.movedNow.length ? ` (moved now: ${s.movedNow.join(', ')})` : ''}`;
      },
      // Put back as it was when a later step fails — except on a fall-through: damaged-database takes it from here.
      undo: (s) => (s.fellThrough ? undefined : moveSideFilesBack(s)),
    },
    integrityStep,
    verifyStep,
    reconcileStep,
    resumeStep,
    recordStep,
  ],
};
