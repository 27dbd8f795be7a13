// Doctor: every detector over one state folder. The folder's facts are gathered once, the database
// is opened for reading without writing the folder (reader.ts), and each detector gathers and
// decides on its own: one that fails to gather is "not checked" with the reason, and the others
// run on. A database that cannot be read leaves the detectors that need it not checked, and the
// rest (lease, WAL, disk, inbox) still run. Doctor never takes the lease and writes nothing.
import type { DoctorReport, Finding, FindingSeverity } from '../../../shared/api/recovery';
import { LifeboatError } from '../../../shared/result';
import { LiveStore } from '../live/live-store';
import { explainError } from '../store/io-errors';
import { requireStateFolder, stateFolderPaths, type StateFolder } from '../store/state-folder';
import { finding, notChecked, type Detector, type DoctorContext } from './detector';
import { DETECTORS } from './detectors';
import { gatherFolderFacts } from './folder-facts';
import { resolveLimits, type Limits } from './limits';
import { openDeskReader } from './reader';

export interface DoctorOptions {
  /** The time to judge by (tests); default: now. */
  now?: Date;
  /** Thresholds that override the desk's settings and the defaults. */
  limits?: Partial<Limits>;
}

/** The state folder, also when its database is gone (that is a finding, not an error). */
function doctorFolder(stateDir: string): StateFolder {
  try {
    return requireStateFolder(stateDir);
  } catch (err) {
    // A folder that has held a desk and lost its database: exactly what doctor is for.
    if (err instanceof LifeboatError && Array.isArray((err.details as { traces?: unknown } | undefined)?.traces)) return stateFolderPaths(stateDir);
    throw err;
  }
}

function runDetector(d: Detector, ctx: DoctorContext): Finding {
  if (d.needs === 'database' && !ctx.db) {
    return notChecked(d, `it needs the database, and ${ctx.paths.db} cannot be read (see "database damaged")`, { file: ctx.paths.db }, ctx.now);
  }
  let facts: unknown;
  try {
    facts = d.gather(ctx);
  } catch (err) {
    const e = explainError(err, ctx.paths.db);
    return notChecked(d, `reading what it needs failed: ${e.reason}`, { code: e.code, where: ctx.paths.db }, ctx.now);
  }
  try {
    return finding(d, d.decide(facts, { now: ctx.now, limits: ctx.limits }), ctx.now);
  } catch (err) {
    // A decision that fails on what it was given (a stored cron no longer valid, say) leaves the others to run.
    return notChecked(d, `judging what it read failed: ${explainError(err).reason}`, {}, ctx.now);
  }
}

export function runDoctor(stateDir: string, options: DoctorOptions = {}): DoctorReport {
  const paths = doctorFolder(stateDir);
  const now = options.now ?? new Date();
  const folder = gatherFolderFacts(paths);
  const reader = openDeskReader(paths, folder);
  try {
    let settings: Record<string, unknown> = {};
    try {
      if (reader.db) settings = new LiveStore(reader.db).settings();
    } catch {
      // Unreadable settings: the defaults judge.
    }
    const ctx: DoctorContext = { paths, now, folder, open: reader.open, db: reader.db, limits: resolveLimits(settings, options.limits) };
    const findings = DETECTORS.map((d) => runDetector(d, ctx));
    const found: Record<FindingSeverity, number> = { critical: 0, warning: 0, info: 0 };
    for (const f of findings) if (f.found) found[f.severity]++;
    return { stateDir: paths.dir, checkedAt: now.toISOString(), readFrom: reader.readFrom, findings, found, problems: found.critical + found.warning > 0 };
  } finally {
    reader.close();
  }
}
