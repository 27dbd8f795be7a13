// What a detector is: an id, a title, a severity and the playbook that answers it; a thin shell
// that gathers its facts from the state folder, and a pure decision over those facts.
import type { Database } from 'better-sqlite3';
import type { DetectorInfo, Evidence, Finding, FindingSeverity } from '../../../shared/api/recovery';
import type { StateFolder } from '../store/state-folder';
import type { FolderFacts } from './folder-facts';
import type { Limits } from './limits';
import type { OpenFacts } from './reader';

/** What every detector's gatherer may look at; nothing in it writes the state folder. */
export interface DoctorContext {
  paths: StateFolder;
  now: Date;
  /** The files beside the database, the lease, free space: gathered once for every detector. */
  folder: FolderFacts;
  /** How opening the database went (for the detectors of the database itself). */
  open: OpenFacts;
  /** A read-only connection to the desk's database (or a scratch copy of it); null when it cannot be read. */
  db: Database | null;
  limits: Limits;
}

/** A decision: whether the failure is there, and what was seen. */
export interface Verdict extends Evidence {
  found: boolean;
  /** Overrides the detector's severity for this finding (e.g. a warning where it is usually critical). */
  severity?: FindingSeverity;
  /** False when the facts were not enough to judge (the text says why). */
  checked?: boolean;
}

export interface Detector<F = unknown> extends DetectorInfo {
  /** 'database': gathered from the open database, and not checked when it cannot be read. */
  needs: 'folder' | 'database';
  /** The thin I/O shell: reads what the decision needs. */
  gather(ctx: DoctorContext): F;
  /** Pure: the facts (and the clock and limits) in, the verdict out. */
  decide(facts: F, env: { now: Date; limits: Limits }): Verdict;
}

export function finding(detector: DetectorInfo, verdict: Verdict, at: Date): Finding {
  return {
    detector: detector.id,
    title: detector.title,
    severity: verdict.severity ?? detector.severity,
    found: verdict.found,
    checked: verdict.checked ?? true,
    evidence: { text: verdict.text, details: verdict.details },
    playbook: detector.playbook,
    checkedAt: at.toISOString(),
  };
}

/** A detector that could not look: neither found nor clear, with the reason. */
export function notChecked(detector: DetectorInfo, why: string, details: Record<string, unknown>, at: Date): Finding {
  return {
    detector: detector.id,
    title: detector.title,
    severity: detector.severity,
    found: false,
    checked: false,
    evidence: { text: `not checked: ${why}`, details },
    playbook: detector.playbook,
    checkedAt: at.toISOString(),
  };
}

/** "3 h 20 min", "2 days 4 h": an age for reading. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h${s % 3600 >= 60 ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  return `${days} day${days === 1 ? '' : 's'}${hours ? ` ${hours} h` : ''}`;
}

export const secondsBetween = (from: string, to: Date): number => (to.getTime() - Date.parse(from)) / 1000;
