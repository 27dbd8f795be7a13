// The summary's cash chart: per currency, each account's broker − local difference. Bars are
// drawn from floats; every label and tooltip shows the exact decimal strings.
import type { Discrepancy, ReconcileSummary } from '../../../../../shared/api/reconcile';
import { Dec } from '../../../../../shared/decimal';
import { compareDecimalText } from '../../../../../shared/decimal-text';

export interface CashDeltaPoint {
  accountId: string;
  itemId: string | null;
  /** For drawing only. */
  value: number;
  delta: string;
  local: string | null;
  broker: string | null;
  withinTolerance: boolean;
  resolved: boolean;
}

export interface CashDeltaSeries {
  currency: string;
  points: CashDeltaPoint[];
}

/**
 * One series per currency with a cash difference, accounts in name order. The discrepancies carry
 * both balances; the summary's per-account deltas fill in anything the discrepancies do not list.
 */
export function cashDeltaSeries(discrepancies: readonly Discrepancy[], summary?: Pick<ReconcileSummary, 'perAccount'>): CashDeltaSeries[] {
  const by = new Map<string, Map<string, CashDeltaPoint>>();
  const put = (currency: string, p: CashDeltaPoint) => {
    const m = by.get(currency) ?? by.set(currency, new Map()).get(currency)!;
    if (!m.has(p.accountId)) m.set(p.accountId, p);
  };
  for (const f of discrepancies) {
    if (f.kind !== 'cash_mismatch' || !f.symbol) continue;
    const delta = f.delta.amount ?? null;
    if (delta === null) continue;
    put(f.symbol, {
      accountId: f.accountId,
      itemId: f.itemId,
      value: new Dec(delta).toNumber(),
      delta,
      local: f.local?.amount ?? null,
      broker: f.broker?.amount ?? null,
      withinTolerance: f.withinTolerance,
      resolved: f.resolution !== null,
    });
  }
  for (const [accountId, a] of Object.entries(summary?.perAccount ?? {})) {
    for (const [currency, delta] of Object.entries(a.cashDelta)) {
      put(currency, { accountId, itemId: null, value: new Dec(delta).toNumber(), delta, local: null, broker: null, withinTolerance: false, resolved: false });
    }
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, m]) => ({ currency, points: [...m.values()].sort((a, b) => a.accountId.localeCompare(b.accountId)) }));
}

/** The largest |difference| of a series, exactly, for the axis note. */
export function largestDelta(series: CashDeltaSeries): string | null {
  let best: string | null = null;
  for (const p of series.points) {
    const abs = p.delta.replace(/^-/, '');
    if (best === null || compareDecimalText(abs, best) > 0) best = abs;
  }
  return best;
}

/** A round number a little above m: 125.5 → 150, 0.03 → 0.04. */
export function niceBound(m: number): number {
  if (!(m > 0) || !Number.isFinite(m)) return 1;
  const raw = m * 1.08;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * pow >= raw) return step * pow;
  return 10 * pow;
}

/** A symmetric axis around zero, so left is always "broker has less" and right "broker has more". */
export function symmetricAxis(series: CashDeltaSeries): { domain: [number, number]; ticks: number[] } {
  const b = niceBound(Math.max(0, ...series.points.map((p) => Math.abs(p.value))));
  return { domain: [-b, b], ticks: [-b, -b / 2, 0, b / 2, b] };
}
