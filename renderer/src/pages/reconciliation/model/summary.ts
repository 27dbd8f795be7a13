// The report's summary shaped for the page: the verdict's tone, counts by severity and kind, and
// one row per account with what the broker's file covered.
import type { DiscrepancyKind, ReconcileSummary, Severity } from '../../../../../shared/api/reconcile';
import { DISCREPANCY_KINDS } from '../../../../../shared/api/reconcile';

export type RunTone = 'agree' | 'open' | 'resolved';

/** Agree: nothing above tolerance. Open: something above tolerance still needs a decision. */
export function runTone(s: Pick<ReconcileSummary, 'aboveTolerance' | 'unresolved'>): RunTone {
  if (s.aboveTolerance === 0) return 'agree';
  return s.unresolved > 0 ? 'open' : 'resolved';
}

export function kindCounts(s: Pick<ReconcileSummary, 'byKind'>): { kind: DiscrepancyKind; count: number }[] {
  return DISCREPANCY_KINDS.filter((k) => (s.byKind[k] ?? 0) > 0).map((kind) => ({ kind, count: s.byKind[kind] ?? 0 }));
}

export function severityCount(s: Pick<ReconcileSummary, 'bySeverity'>, severity: Severity): number {
  return s.bySeverity[severity] ?? 0;
}

export interface AccountLine {
  accountId: string;
  total: number;
  open: number;
  critical: number;
  /** Currency → broker − local. */
  cashDelta: [string, string][];
  /** Sections the file did not report for this account ("not covered"). */
  notCovered: ('positions' | 'orders' | 'cash')[];
}

/** Accounts in name order; one the file named but which has no discrepancies still gets its line. */
export function accountLines(s: Pick<ReconcileSummary, 'perAccount' | 'coverage'>): AccountLine[] {
  const ids = [...new Set([...Object.keys(s.perAccount), ...Object.keys(s.coverage)])].sort();
  return ids.map((accountId) => {
    const a = s.perAccount[accountId] ?? { total: 0, open: 0, critical: 0, cashDelta: {} };
    const c = s.coverage[accountId];
    const notCovered = c ? (['positions', 'orders', 'cash'] as const).filter((k) => !c[k]) : [];
    return {
      accountId,
      total: a.total,
      open: a.open,
      critical: a.critical,
      cashDelta: Object.entries(a.cashDelta).sort(([x], [y]) => x.localeCompare(y)),
      notCovered: [...notCovered],
    };
  });
}
