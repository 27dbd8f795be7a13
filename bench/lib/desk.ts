// The demo desk both benches measure against: its fixed "now", and building it with progress.
import { generateDesk, type DemoSummary, type DeskSize } from '../../electron/engine/demo/generate-desk';
import type { LiveStore } from '../../electron/engine/live/live-store';
import { time, type Progress, type Timed } from './util';

/** The demo desk's "now" (as `lifeboat demo` uses); the simulator's fixed clock starts here. */
export const AS_OF = '2026-11-20T21:00:00.000Z';

/**
 * Builds the demo desk into `store` (timed, progress on stderr), then folds the WAL back into the
 * database so the first measurements do not pay for the build's WAL.
 */
export function buildDemoDesk(store: LiveStore, size: DeskSize, seed: number, progress: Progress): Timed<DemoSummary> {
  progress.status('building the demo desk…');
  const gen = time(() =>
    generateDesk(store, { size, seed, asOf: AS_OF }, (done, total, message) => progress.status(`building the ${size} demo desk: ${message} (${done}/${total})`)),
  );
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return gen;
}
