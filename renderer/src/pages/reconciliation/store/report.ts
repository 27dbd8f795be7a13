// The open reconciliation run: its report, how the diff table is filtered, sorted, folded and
// checked, the item whose details are open, and resolving items — the effect of accepting the
// broker's value is previewed before anything is applied.
import { create } from 'zustand';
import type { LifeboatEvent } from '../../../../../shared/api/contract';
import type { Discrepancy, ReconcileReport, Resolution } from '../../../../../shared/api/reconcile';
import { api } from '../../../api/client';
import { ApiCallError, asCallError } from '../../../api/errors';
import { RefreshThrottle } from '../../../live/throttle';
import { NO_FILTERS, type DiffFilters, type SortKey } from '../model/rows';
import { onReconciliationEvent, useReconciliation } from './runs';

export type Preview = { state: 'loading' } | { state: 'ready'; effect: string | null; refused: string | null } | { state: 'failed'; error: ApiCallError };

export interface ResolveDraft {
  resolution: Resolution;
  itemIds: string[];
  reason: string;
}

export interface ReportState {
  runId: string | null;
  report: ReconcileReport | null;
  error: ApiCallError | null;
  loading: boolean;
  stamp: number;
  open(runId: string): Promise<void>;
  reload(): Promise<void>;

  filters: DiffFilters;
  setFilters(patch: Partial<DiffFilters>): void;
  sorting: SortKey[];
  setSorting(sorting: SortKey[]): void;
  collapsed: ReadonlySet<string>;
  toggleCollapsed(groupId: string, collapsed?: boolean): void;
  checked: ReadonlySet<string>;
  setChecked(checked: ReadonlySet<string>): void;
  toggleChecked(itemId: string): void;

  /** The item whose details are open. */
  drawerId: string | null;
  openDrawer(itemId: string | null): void;

  /** What accepting the broker's value would do, per item, fetched when shown. */
  previews: Record<string, Preview>;
  preview(itemId: string, fresh?: boolean): Promise<void>;

  draft: ResolveDraft | null;
  /** Opens the resolution dialog for these items; accepting fetches their previews first. */
  ask(resolution: Resolution, itemIds: string[]): void;
  setReason(reason: string): void;
  cancel(): void;
  applying: boolean;
  resolveError: ApiCallError | null;
  apply(): Promise<boolean>;
  /** What the last resolution did, for the status line. */
  lastResolved: { resolution: Resolution; itemIds: string[] } | null;

  exporting: 'csv' | 'json' | null;
  exportError: ApiCallError | null;
  exportAs(format: 'csv' | 'json'): Promise<{ fileName: string; contentType: string; content: string } | null>;

  rechecking: boolean;
  recheckError: ApiCallError | null;
  recheck(): Promise<string | null>;
}

let seq = 0;
/** Previews asked at once for a bulk accept: enough to be quick, few enough not to crowd the engine. */
const PREVIEW_CONCURRENCY = 6;

export const useReconReport = create<ReportState>()((set, get) => ({
  runId: null,
  report: null,
  error: null,
  loading: false,
  stamp: 0,
  async open(runId) {
    // Coming back to the same run keeps the table as it was and refreshes the report.
    if (get().runId === runId) return get().reload();
    set({
      runId,
      report: null,
      error: null,
      checked: new Set(),
      collapsed: new Set(),
      drawerId: null,
      previews: {},
      draft: null,
      resolveError: null,
      lastResolved: null,
      exportError: null,
      recheckError: null,
      filters: NO_FILTERS,
    });
    await get().reload();
  },
  async reload() {
    const runId = get().runId;
    if (!runId) return;
    const mine = ++seq;
    set({ loading: true });
    try {
      const report = await api.call('reconcile.get', { runId });
      if (mine !== seq || get().runId !== runId) return;
      set((s) => ({ report, error: null, loading: false, stamp: s.stamp + 1 }));
    } catch (e) {
      if (mine !== seq) return;
      set({ error: asCallError('reconcile.get', e), loading: false });
    }
  },

  filters: NO_FILTERS,
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  sorting: [],
  setSorting: (sorting) => set({ sorting }),
  collapsed: new Set(),
  toggleCollapsed: (groupId, collapsed) =>
    set((s) => {
      const next = new Set(s.collapsed);
      const fold = collapsed ?? !next.has(groupId);
      if (fold) next.add(groupId);
      else next.delete(groupId);
      return { collapsed: next };
    }),
  checked: new Set(),
  setChecked: (checked) => set({ checked }),
  toggleChecked: (itemId) =>
    set((s) => {
      const next = new Set(s.checked);
      if (next.has(itemId)) next.delete(itemId);
      else next.add(itemId);
      return { checked: next };
    }),

  drawerId: null,
  openDrawer: (itemId) => {
    set({ drawerId: itemId });
    const f = itemId ? discrepancyOf(get().report, itemId) : null;
    if (f && f.resolution === null) void get().preview(f.itemId, true);
  },

  previews: {},
  async preview(itemId, fresh = false) {
    const runId = get().runId;
    if (!runId) return;
    const known = get().previews[itemId];
    if (!fresh && known && known.state !== 'failed') return;
    set((s) => ({ previews: { ...s.previews, [itemId]: { state: 'loading' } } }));
    try {
      const p = await api.call('reconcile.preview', { runId, itemId });
      if (get().runId !== runId) return;
      set((s) => ({ previews: { ...s.previews, [itemId]: { state: 'ready', effect: p.effect, refused: p.refused } } }));
    } catch (e) {
      if (get().runId !== runId) return;
      set((s) => ({ previews: { ...s.previews, [itemId]: { state: 'failed', error: asCallError('reconcile.preview', e) } } }));
    }
  },

  draft: null,
  ask(resolution, itemIds) {
    const report = get().report;
    // Only unresolved items can take a resolution; the dialog says how many were left out.
    const open = itemIds.filter((id) => discrepancyOf(report, id)?.resolution === null);
    set({ draft: { resolution, itemIds: open, reason: '' }, resolveError: null });
    if (resolution === 'accept_broker') void previewAll(open);
  },
  setReason: (reason) => set((s) => (s.draft ? { draft: { ...s.draft, reason } } : s)),
  cancel: () => set({ draft: null, resolveError: null }),
  applying: false,
  resolveError: null,
  async apply() {
    const { draft, runId } = get();
    if (!draft || !runId || get().applying) return false;
    const itemIds = applicableIds(draft, get().previews);
    if (!itemIds.length) return false;
    if (draft.resolution === 'ignore' && !draft.reason.trim()) return false;
    set({ applying: true, resolveError: null });
    try {
      const updated = await api.call('reconcile.resolve', {
        runId,
        itemIds,
        resolution: draft.resolution,
        ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}),
      });
      set((s) => ({
        applying: false,
        draft: null,
        report: s.report && s.report.runId === runId ? mergeDiscrepancies(s.report, updated) : s.report,
        checked: new Set([...s.checked].filter((id) => !itemIds.includes(id))),
        previews: {},
        lastResolved: { resolution: draft.resolution, itemIds },
      }));
      void get().reload();
      void useReconciliation.getState().load();
      return true;
    } catch (e) {
      set({ applying: false, resolveError: asCallError('reconcile.resolve', e) });
      // Some items may have been resolved before one was refused: show the stored truth.
      void get().reload();
      return false;
    }
  },
  lastResolved: null,

  exporting: null,
  exportError: null,
  async exportAs(format) {
    const runId = get().runId;
    if (!runId) return null;
    set({ exporting: format, exportError: null });
    try {
      const file = await api.call('reconcile.export', { runId, format });
      set({ exporting: null });
      return file;
    } catch (e) {
      set({ exporting: null, exportError: asCallError('reconcile.export', e) });
      return null;
    }
  },

  rechecking: false,
  recheckError: null,
  async recheck() {
    const runId = get().runId;
    if (!runId) return null;
    set({ rechecking: true, recheckError: null });
    try {
      const report = await api.call('reconcile.recheck', { runId });
      set({ rechecking: false });
      void useReconciliation.getState().load();
      return report.runId;
    } catch (e) {
      set({ rechecking: false, recheckError: asCallError('reconcile.recheck', e) });
      return null;
    }
  },
}));

function discrepancyOf(report: ReconcileReport | null, itemId: string): Discrepancy | undefined {
  return report?.discrepancies.find((f) => f.itemId === itemId);
}

function mergeDiscrepancies(report: ReconcileReport, updated: Discrepancy[]): ReconcileReport {
  const by = new Map(updated.map((f) => [f.itemId, f]));
  return { ...report, discrepancies: report.discrepancies.map((f) => by.get(f.itemId) ?? f) };
}

/** Accepting skips the items the engine refuses (and those whose preview is still out); the rest apply as asked. */
export function applicableIds(draft: ResolveDraft, previews: Record<string, Preview>): string[] {
  if (draft.resolution !== 'accept_broker') return draft.itemIds;
  return draft.itemIds.filter((id) => {
    const p = previews[id];
    return p?.state === 'ready' && p.refused === null;
  });
}

async function previewAll(itemIds: string[]): Promise<void> {
  const store = useReconReport.getState();
  let next = 0;
  const worker = async () => {
    while (next < itemIds.length) {
      const id = itemIds[next++];
      await store.preview(id, true);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PREVIEW_CONCURRENCY, itemIds.length) }, worker));
}

/** While the report is on screen: reload it when its run changes (resolutions from anywhere). */
export function followReport(): () => void {
  const reload = new RefreshThrottle(() => useReconReport.getState().reload(), 330);
  const stop = onReconciliationEvent((event: LifeboatEvent) => {
    const runId = useReconReport.getState().runId;
    if (!runId) return;
    if (event.name === 'reconcile.changed' && (event as LifeboatEvent<'reconcile.changed'>).payload.runId === runId) reload.request();
    if (event.name === 'state.changed' && (event as LifeboatEvent<'state.changed'>).payload.reason === 'reconnected') reload.request();
  });
  return () => {
    stop();
    reload.dispose();
  };
}
