// Resolving discrepancies one by one: accept the broker's value, keep ours, or ignore with a
// reason. Each resolution is applied in a transaction, journaled on the discrepancy and audited.
import type { Discrepancy, Resolution } from '../../../shared/api/reconcile';
import { LifeboatError } from '../../../shared/result';
import { appendAudit, currentActor } from '../audit/audit-log';
import type { DeskContext } from '../runtime/context';
import { acceptBroker, cannotAcceptBroker } from './corrections';
import { getDiscrepancies, getRun, getSnapshot, recordResolution, updateSummary } from './runs-store';
import { summarise } from './summary';

class PreviewOnly extends Error {}

function discrepancyOf(desk: DeskContext, runId: string, itemId: string): { discrepancy: Discrepancy; against: string } {
  const run = getRun(desk.store.db, runId);
  const discrepancy = getDiscrepancies(desk.store.db, runId).find((f) => f.itemId === itemId);
  if (!discrepancy) throw new LifeboatError('not_found', `run ${runId} has no item ${itemId}`);
  return { discrepancy, against: run.against };
}

/** What accepting the broker's value would do, computed by applying it and rolling back. */
export function previewResolution(desk: DeskContext, runId: string, itemId: string): { itemId: string; effect: string | null; refused: string | null } {
  const { discrepancy, against } = discrepancyOf(desk, runId, itemId);
  const refused = against !== 'live' ? 'the run compared a checkpoint or Freqtrade, not the live state' : cannotAcceptBroker(discrepancy);
  if (refused) return { itemId, effect: null, refused };
  let effect: string | null = null;
  try {
    desk.store.db.transaction(() => {
      effect = acceptBroker(desk.store, discrepancy, new Date().toISOString());
      throw new PreviewOnly();
    })();
  } catch (err) {
    if (!(err instanceof PreviewOnly)) return { itemId, effect: null, refused: err instanceof Error ? err.message : String(err) };
  }
  return { itemId, effect, refused: null };
}

export function resolveDiscrepancy(desk: DeskContext, runId: string, itemId: string, resolution: Resolution, reason?: string): Discrepancy {
  const db = desk.store.db;
  const { discrepancy, against } = discrepancyOf(desk, runId, itemId);
  if (discrepancy.resolution) {
    throw new LifeboatError('conflict', `${itemId} was already resolved (${discrepancy.resolution} by ${discrepancy.resolvedBy} at ${discrepancy.resolvedAt})`);
  }
  if (resolution === 'ignore' && !reason?.trim()) throw new LifeboatError('bad_request', 'ignoring a discrepancy needs a reason', 'reason');
  if (resolution === 'accept_broker' && against !== 'live') {
    throw new LifeboatError('conflict', `run ${runId} compared ${against}, not the live state: there is nothing to change`);
  }
  const actor = currentActor();
  const at = new Date().toISOString();
  // Inside the caller's commit (api/reconcile.ts): one request's items are all resolved or none is.
  db.transaction(() => {
    const done = resolution === 'accept_broker' ? acceptBroker(desk.store, discrepancy, at) : null;
    const note = [reason?.trim(), done].filter(Boolean).join(' — ') || null;
    recordResolution(db, runId, itemId, resolution, note, actor, at);
    const { local, broker } = getRun(db, runId).summary;
    updateSummary(db, runId, summarise(getSnapshot(db, runId), getDiscrepancies(db, runId), local, broker));
    appendAudit(db, 'reconcile.resolve', { runId, itemId, kind: discrepancy.kind, accountId: discrepancy.accountId, resolution, reason: reason ?? null, effect: done });
  })();
  return getDiscrepancies(db, runId).find((f) => f.itemId === itemId)!;
}
