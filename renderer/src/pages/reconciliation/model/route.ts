// Where the person is inside the reconciliation page, kept in the address after
// "#/reconciliation": #/reconciliation/history, #/reconciliation/new, #/reconciliation/run/REC_….
import { addressParts } from '../../../routing/address';

export type ReconView = { kind: 'history' } | { kind: 'new' } | { kind: 'run'; runId: string };

const RUN_ID = /^REC_\d{8}_\d{6}_[0-9a-f]{4}$/;
export const isRunId = (s: string): boolean => RUN_ID.test(s);

/** The view an address names; null when it names none (another page, or a bare #/reconciliation). */
export function parseReconView(hash: string): ReconView | null {
  const parts = addressParts(hash);
  if (parts[0] !== 'reconciliation') return null;
  const [, kind, id] = parts;
  if (kind === 'history') return { kind: 'history' };
  if (kind === 'new') return { kind: 'new' };
  if (kind === 'run' && id && isRunId(id)) return { kind: 'run', runId: id };
  return null;
}

export function reconViewHash(view: ReconView): string {
  return view.kind === 'run' ? `#/reconciliation/run/${view.runId}` : `#/reconciliation/${view.kind}`;
}
