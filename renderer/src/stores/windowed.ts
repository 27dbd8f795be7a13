// A long server-side list held as one window around what is on screen: the table reports the rows
// it shows (showRange), the store fetches the window that covers them; state.changed keys are
// patched in (patch) and only what they may have moved is fetched again.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ChannelName } from '../../../shared/api/contract';
import { asCallError, type ApiCallError } from '../api/errors';
import { patchWindow, type PatchRules, type WindowRows } from '../live/patch-window';

/** Rows fetched per window: several screens, a small answer. */
export const WINDOW_ROWS = 300;
/** Rows kept above what is on screen when a new window is fetched. */
const LEAD = 100;

export interface WindowSource<T, P extends WindowRows<T>> extends PatchRules<T> {
  channel: ChannelName;
  fetchWindow(offset: number, limit: number): Promise<P>;
  fetchRows(keys: string[]): Promise<T[]>;
}

export interface WindowedList<T, P extends WindowRows<T>> {
  page: P | null;
  error: ApiCallError | null;
  loading: boolean;
  /** Bumped when the rows change. */
  stamp: number;
  /** Fetch the current window again (the start, after reset()). */
  load(): Promise<void>;
  /** A new query: back to the first window. */
  reset(): Promise<void>;
  /** The table shows rows first..last: fetch a window around them unless the current one covers them. */
  showRange(first: number, last: number): void;
  /** state.changed named these keys: fetch those rows and patch them in. */
  patch(keys: string[]): Promise<void>;
}

export function windowCovers(page: WindowRows<unknown> | null, first: number, last: number): boolean {
  if (!page) return false;
  const end = Math.min(last, page.total - 1);
  return first >= page.offset && end < page.offset + page.rows.length;
}

/** The window start that shows first..last with room around them. */
export function windowStart(first: number, last: number, total: number): number {
  const lead = Math.max(0, Math.min(LEAD, WINDOW_ROWS - (last - first + 1)));
  return Math.max(0, Math.min(first - lead, total - WINDOW_ROWS));
}

export function createWindowedList<T, P extends WindowRows<T>>(source: () => WindowSource<T, P>): UseBoundStore<StoreApi<WindowedList<T, P>>> {
  return create<WindowedList<T, P>>()((set, get) => {
    let seq = 0;
    let offset = 0;
    let inFlight = false;
    let wanted: [number, number] | null = null;

    const fetchAt = async (at: number) => {
      const mine = ++seq;
      offset = at;
      set({ loading: true });
      try {
        const page = await source().fetchWindow(at, WINDOW_ROWS);
        if (mine !== seq) return;
        // A list that shrank under the window: show its end instead.
        if (page.rows.length === 0 && page.total > 0 && at > 0) return void fetchAt(Math.max(0, page.total - WINDOW_ROWS));
        set((s) => ({ page, error: null, loading: false, stamp: s.stamp + 1 }));
      } catch (e) {
        if (mine === seq) set({ error: asCallError(source().channel, e), loading: false });
      }
    };

    const pump = async () => {
      if (inFlight || !wanted) return;
      const [first, last] = wanted;
      wanted = null;
      if (windowCovers(get().page, first, last)) return;
      inFlight = true;
      try {
        await fetchAt(windowStart(first, last, get().page?.total ?? last + 1));
      } finally {
        inFlight = false;
        void pump();
      }
    };

    return {
      page: null,
      error: null,
      loading: false,
      stamp: 0,
      load: () => fetchAt(offset),
      reset: () => fetchAt(0),
      showRange(first, last) {
        wanted = [first, last];
        void pump();
      },
      async patch(keys) {
        const src = source();
        const before = seq;
        let fetched: T[];
        try {
          fetched = await src.fetchRows(keys);
        } catch {
          return get().load();
        }
        const page = get().page;
        // A window fetched since has the rows already, or will be fetched again.
        if (!page || seq !== before) return;
        const patched = patchWindow(page, keys, fetched, src);
        if (patched.refetch) return get().load();
        if (patched.rows.some((r, i) => r !== page.rows[i])) set((s) => ({ page: { ...page, rows: patched.rows }, stamp: s.stamp + 1 }));
        if (patched.recount) {
          const mine = seq;
          const counts = await src.fetchWindow(page.offset, 0).catch(() => null);
          const current = get().page;
          if (counts && current && mine === seq) set({ page: { ...counts, rows: current.rows, offset: current.offset } });
        }
      },
    };
  });
}
