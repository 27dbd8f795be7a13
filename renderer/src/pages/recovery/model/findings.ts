// What the detectors said, in the order an operator reads it: what is wrong first (critical,
// warning, then notes), then what could not be looked at, then what is fine. Pure.
import type { DoctorReport, Finding, PlaybookId } from '../../../../../shared/api/recovery';

export type FindingState = 'critical' | 'warning' | 'info' | 'not-checked' | 'ok';

export function findingState(f: Finding): FindingState {
  if (!f.checked) return 'not-checked';
  return f.found ? f.severity : 'ok';
}

const ORDER: Record<FindingState, number> = { critical: 0, warning: 1, info: 2, 'not-checked': 3, ok: 4 };

/** Problems first, then what was not checked, then what is fine; the detectors' own order within each. */
export function orderedFindings(report: DoctorReport): Finding[] {
  return report.findings.map((f, i) => ({ f, i })).sort((a, b) => ORDER[findingState(a.f)] - ORDER[findingState(b.f)] || a.i - b.i).map((x) => x.f);
}

export const STATE_LABEL: Record<FindingState, string> = { critical: 'CRITICAL', warning: 'WARNING', info: 'NOTE', 'not-checked': 'NOT CHECKED', ok: 'OK' };

/** The playbook's name as the operator reads it: "damaged database". */
export const playbookName = (id: PlaybookId): string => id.replace(/-/g, ' ');

/** The line above the list: "2 problems: 1 critical, 1 warning (and 1 note)", or that all is well. */
export function doctorHeadline(report: DoctorReport): string {
  const { critical, warning, info } = report.found;
  const notChecked = report.findings.filter((f) => !f.checked).length;
  const unchecked = notChecked ? `; ${notChecked} detector${notChecked === 1 ? '' : 's'} could not look` : '';
  const notes = info ? ` (and ${info} note${info === 1 ? '' : 's'})` : '';
  const problems = critical + warning;
  if (problems === 0) return `No problem found by ${report.findings.length} detectors${notes}${unchecked}.`;
  const parts = [critical ? `${critical} critical` : null, warning ? `${warning} warning${warning === 1 ? '' : 's'}` : null].filter(Boolean).join(', ');
  return `${problems} problem${problems === 1 ? '' : 's'}: ${parts}${notes}${unchecked}.`;
}
