// The recovery history as the page draws it: a run's kind, and RTO and RPO over time, oldest
// first, for the chart (floats for drawing only; the table shows the recorded figures).
import type { RecoveryRecord } from '../../../../../shared/api/recovery';

export const runKind = (r: RecoveryRecord): 'drill' | 'recovery' => (r.drill ? 'drill' : 'recovery');

export interface RecoveryPoint {
  at: number;
  rtoSeconds: number;
  rpoSeconds: number;
  kind: 'drill' | 'recovery';
}

/** `history` newest first, as the store keeps it. */
export function recoveryPoints(history: readonly RecoveryRecord[]): RecoveryPoint[] {
  return [...history]
    .map((r) => ({ at: Date.parse(r.detectedAt), rtoSeconds: r.rtoSeconds, rpoSeconds: r.rpoSeconds, kind: runKind(r) }))
    .sort((a, b) => a.at - b.at);
}
