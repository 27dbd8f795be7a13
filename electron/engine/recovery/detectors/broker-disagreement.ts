// 8. Broker disagreement: the newest reconciliation run has critical differences nobody resolved
// (and not within tolerance), or no reconciliation ran today (UTC).
import type { Discrepancy } from '../../../../shared/api/reconcile';
import { getDiscrepancies, getRun } from '../../reconcile/runs-store';
import type { Detector, Verdict } from '../detector';

export interface BrokerFacts {
  newest: { runId: string; createdAt: string; against: string; fileName: string; strategy: string } | null;
  /** The newest run's critical differences above tolerance with no resolution. */
  openCritical: Pick<Discrepancy, 'itemId' | 'accountId' | 'kind' | 'symbol' | 'orderRef' | 'message'>[];
}

const SHOWN = 3;

export function decideBrokerDisagreement(f: BrokerFacts, now: Date): Verdict {
  const today = now.toISOString().slice(0, 10);
  if (!f.newest) return { found: true, severity: 'warning', text: 'No reconciliation against a broker has ever run on this desk: nothing says the broker agrees.', details: { newest: null, today } };
  const run = f.newest;
  const ranToday = run.createdAt.slice(0, 10) === today;
  const details = { newest: run, openCritical: f.openCritical, ranToday, today };
  const sentences: string[] = [];
  if (f.openCritical.length) {
    const shown = f.openCritical.slice(0, SHOWN).map((d) => `${d.itemId} ${d.kind} ${d.accountId}${d.symbol ? ` ${d.symbol}` : ''}${d.orderRef ? ` ${d.orderRef}` : ''}`);
    const more = f.openCritical.length > SHOWN ? `, and ${f.openCritical.length - SHOWN} more` : '';
    sentences.push(`The newest reconciliation ${run.runId} (${run.createdAt}, ${run.fileName}) has ${f.openCritical.length} open critical difference${f.openCritical.length === 1 ? '' : 's'}: ${shown.join('; ')}${more}.`);
  }
  if (!ranToday) sentences.push(`No reconciliation ran today (${today} UTC); the newest is ${run.runId} of ${run.createdAt}.`);
  if (sentences.length === 0) return { found: false, text: `The newest reconciliation ${run.runId} (${run.createdAt}, ${run.fileName}) ran today and has no open critical difference.`, details };
  return { found: true, severity: f.openCritical.length ? 'critical' : 'warning', text: sentences.join(' '), details };
}

export const brokerDisagreement: Detector<BrokerFacts> = {
  id: 'broker-disagreement',
  title: 'Broker disagreement',
  severity: 'critical',
  playbook: 'broker-disagreement',
  needs: 'database',
  gather(ctx) {
    const db = ctx.db!;
    const runId = db.prepare('SELECT run_id FROM recon_runs ORDER BY created_at DESC, run_id DESC LIMIT 1').pluck().get() as string | undefined;
    if (!runId) return { newest: null, openCritical: [] };
    const run = getRun(db, runId);
    const openCritical = getDiscrepancies(db, runId)
      .filter((d) => d.severity === 'critical' && !d.withinTolerance && d.resolution === null)
      .map(({ itemId, accountId, kind, symbol, orderRef, message }) => ({ itemId, accountId, kind, symbol, orderRef, message }));
    return { newest: { runId, createdAt: run.createdAt, against: run.against, fileName: run.fileName, strategy: run.strategy }, openCritical };
  },
  decide: (facts, { now }) => decideBrokerDisagreement(facts, now),
};
