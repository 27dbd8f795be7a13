// A run's summary: counts by kind, severity and account, cash deltas, coverage and a verdict.
import type { BrokerSideFacts, BrokerSnapshot, Discrepancy, LocalSideFacts, ReconcileSummary } from '../../../shared/api/reconcile';
import { Dec, toStored } from '../../../shared/decimal';

/** `broker` defaults to the snapshot's own notes (how its file was read). */
export function summarise(
  snapshot: BrokerSnapshot,
  discrepancies: Discrepancy[],
  local: LocalSideFacts = { cashCovered: true, notes: [] },
  broker: BrokerSideFacts = { notes: snapshot.notes ?? [] },
): ReconcileSummary {
  const byKind: ReconcileSummary['byKind'] = {};
  const bySeverity: ReconcileSummary['bySeverity'] = {};
  const perAccount: ReconcileSummary['perAccount'] = {};
  for (const a of snapshot.accounts) perAccount[a.accountId] = { total: 0, open: 0, critical: 0, cashDelta: {} };
  for (const f of discrepancies) {
    byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    const acc = (perAccount[f.accountId] ??= { total: 0, open: 0, critical: 0, cashDelta: {} });
    acc.total++;
    if (f.resolution === null && !f.withinTolerance) acc.open++;
    if (f.severity === 'critical') acc.critical++;
    if (f.kind === 'cash_mismatch' && f.symbol) acc.cashDelta[f.symbol] = toStored(new Dec(f.delta.amount ?? '0'));
  }
  const aboveTolerance = discrepancies.filter((f) => !f.withinTolerance).length;
  const open = discrepancies.filter((f) => !f.withinTolerance && f.resolution === null);
  const unresolved = open.length;
  // The critical ones among those still needing a decision: a resolved one is no longer counted.
  const openCritical = open.filter((f) => f.severity === 'critical').length;
  const coverage = Object.fromEntries(
    snapshot.accounts.map((a) => [a.accountId, { positions: a.positions !== null, orders: a.orders !== null, cash: a.cash !== null && local.cashCovered }]),
  );
  const accounts = snapshot.accounts.length;
  const verdict =
    aboveTolerance === 0
      ? `Books agree with the broker on ${accounts} account${accounts === 1 ? '' : 's'}${discrepancies.length ? ` (${discrepancies.length} within tolerance)` : ''}.`
      : unresolved === 0
        ? `${aboveTolerance} discrepancies, all resolved.`
        : `${unresolved} of ${aboveTolerance} discrepancies need a decision (${openCritical} critical).`;
  return { byKind, bySeverity, perAccount, aboveTolerance, unresolved, coverage, local, broker, verdict };
}
