// The start-up coordinator's decision (pure): the fast detectors' findings in, how the desk stands
// and what happens next out. One state, the worst that applies, in this order: no state (a desk
// just created), damaged (the database or its WAL: not opened, a playbook answers), unclean (the
// previous holder died: taking over its lease and marking its jobs interrupted is all it needs at
// open), stale (nothing changed for a day: rebuild from the broker), partial (the newest
// reconciliation left critical differences open), happy. Nothing destructive is ever automatic:
// those states name the playbook a person runs.
import type { DetectorId, Finding, StartupVerdict } from '../../../../shared/api/recovery';

/** The detectors the coordinator runs at open: each reads a file's header or a few rows, never a whole database. */
export const STARTUP_DETECTORS = ['unclean-shutdown', 'database-damaged', 'wal-lost-or-foreign', 'live-state-stale', 'broker-disagreement'] as const satisfies readonly DetectorId[];

export interface StartupFacts {
  /** The folder had no database and the open created a new, empty desk. */
  fresh: boolean;
  /** The fast detectors' findings (those not found or not checked are ignored). */
  findings: Finding[];
}

const FULL_CHECKS = 'Run `lifeboat doctor` for the full checks (integrity, every checkpoint, the audit chain).';

function sentence(findings: Finding[]): string {
  return findings.map((f) => f.evidence.text).join(' ');
}

export function decideStartup(facts: StartupFacts): StartupVerdict {
  if (facts.fresh) {
    return {
      state: 'no-state',
      says: 'The folder held no desk: a new, empty one was created.',
      automatic: [],
      playbook: 'no-state',
      // Not `lifeboat reconcile --strategy sync`: a fresh desk has no accounts, and reconcile refuses a snapshot naming accounts the desk has not.
      next: 'Load the books from a broker snapshot: `lifeboat recover no-state --broker FILE`.',
    };
  }
  const found = (id: DetectorId) => facts.findings.filter((f) => f.detector === id && f.found && f.checked);
  const damaged = found('database-damaged');
  if (damaged.length) {
    return { state: 'damaged', says: sentence(damaged), automatic: [], playbook: 'damaged-database', next: 'Not opened for writing. Run `lifeboat recover damaged-database`.' };
  }
  // A lost WAL with nothing in it is a leftover -shm (a warning): SQLite opens past it safely.
  const wal = found('wal-lost-or-foreign').filter((f) => f.severity === 'critical');
  if (wal.length) {
    return { state: 'damaged', says: sentence(wal), automatic: [], playbook: 'lost-wal', next: 'Not opened for writing: a writer would fold the log in or lose it. Run `lifeboat recover lost-wal`.' };
  }
  const unclean = found('unclean-shutdown');
  const stale = found('live-state-stale');
  const partial = found('broker-disagreement').filter((f) => f.severity === 'critical');
  const also = [...stale, ...partial];
  if (unclean.length) {
    return {
      state: 'unclean',
      says: sentence([...unclean, ...also]),
      automatic: ["take over the dead holder's lease", 'mark the jobs it left running as interrupted', 'let SQLite replay its log'],
      playbook: null,
      next: FULL_CHECKS,
    };
  }
  if (stale.length) {
    return { state: 'stale', says: sentence(also), automatic: [], playbook: 'stale-state', next: 'Rebuild the books from a broker snapshot: `lifeboat recover stale-state --broker FILE`.' };
  }
  if (partial.length) {
    return { state: 'partial', says: sentence(partial), automatic: [], playbook: 'broker-disagreement', next: 'Reconcile against the broker and settle what differs: `lifeboat reconcile --broker FILE`.' };
  }
  // No reconciliation today (a warning) is not a disagreement: happy, saying so.
  const unsure = found('broker-disagreement');
  const broker = unsure.length ? ` ${sentence(unsure)}` : ' The broker agreed at the newest reconciliation.';
  return { state: 'happy', says: `The desk was closed cleanly and its database and log are sound.${broker}`, automatic: [], playbook: null, next: 'Resume.' };
}
