// Reconciliation: the history of runs and which view of the page is showing (kept in the address).
// The open report and the start form have their own stores (report.ts, start.ts).
import { create } from 'zustand';
import type { LifeboatEvent } from '../../../../../shared/api/contract';
import type { ReconcileRun } from '../../../../../shared/api/reconcile';
import { api } from '../../../api/client';
import { ApiCallError, asCallError } from '../../../api/errors';
import { onAnyEvent } from '../../../live/live';
import { RefreshThrottle } from '../../../live/throttle';
import { showView, type ViewAddress } from '../../../routing/views';
import { parseReconView, reconViewHash, type ReconView } from '../model/route';

export interface ReconciliationState {
  /** Newest first. */
  runs: ReconcileRun[] | null;
  error: ApiCallError | null;
  loading: boolean;
  stamp: number;
  load(): Promise<void>;

  view: ReconView;
  /** Shows a view and records it in the address (a new history entry unless `replace`). */
  show(view: ReconView, replace?: boolean): void;
}

let seq = 0;

export const useReconciliation = create<ReconciliationState>()((set) => ({
  runs: null,
  error: null,
  loading: false,
  stamp: 0,
  async load() {
    const mine = ++seq;
    set({ loading: true });
    try {
      const runs = await api.call('reconcile.list', {});
      if (mine !== seq) return;
      const sorted = [...runs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.runId.localeCompare(a.runId)));
      set((s) => ({ runs: sorted, error: null, loading: false, stamp: s.stamp + 1 }));
    } catch (e) {
      if (mine !== seq) return;
      set({ error: asCallError('reconcile.list', e), loading: false });
    }
  },

  // The router sets the view the address names (see reconciliationViews below).
  view: { kind: 'history' },
  show: (view, replace = false) => showView(reconciliationViews, view, replace),
}));

/** The page's view in the address (#/reconciliation/…), for the router and for show(). */
export const reconciliationViews: ViewAddress<ReconView> = {
  page: 'reconciliation',
  parse: parseReconView,
  format: reconViewHash,
  current: () => useReconciliation.getState().view,
  set: (view) => useReconciliation.setState({ view }),
};

type Listener = (event: LifeboatEvent) => void;
const extra = new Set<Listener>();

/** Lets the other reconciliation stores hear events only while the page is open. */
export function onReconciliationEvent(listener: Listener): () => void {
  extra.add(listener);
  return () => extra.delete(listener);
}

/**
 * While the page is open: reload the history when a run is added or resolved
 * (a few times a second at most), and pass events on to the report and start stores.
 */
export function startReconciliationLive(): () => void {
  const load = () => useReconciliation.getState().load();
  const onRuns = new RefreshThrottle(load, 330);
  const stopEvents = onAnyEvent((event) => {
    if (event.name === 'reconcile.changed') onRuns.request();
    // After a reconnect events may have been missed.
    if (event.name === 'state.changed' && (event as LifeboatEvent<'state.changed'>).payload.reason === 'reconnected') onRuns.request();
    for (const l of extra) l(event);
  });
  void load();
  return () => {
    stopEvents();
    onRuns.dispose();
  };
}
