// A fetched value with its loading and error state. Stale answers (an older request finishing
// after a newer one) are dropped, and a refresh keeps showing the previous value.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { ApiCallError } from '../api/errors';

export interface Resource<T> {
  data: T | null;
  error: ApiCallError | null;
  loading: boolean;
  /** Bumped on every successful load: drives the "updated" pulse. */
  stamp: number;
  loadedAt: number | null;
  load(): Promise<void>;
}

export function createResource<T>(
  channel: ConstructorParameters<typeof ApiCallError>[0],
  fetcher: () => Promise<T>,
): UseBoundStore<StoreApi<Resource<T>>> {
  let seq = 0;
  return create<Resource<T>>()((set) => ({
    data: null,
    error: null,
    loading: false,
    stamp: 0,
    loadedAt: null,
    async load() {
      const mine = ++seq;
      set({ loading: true });
      try {
        const data = await fetcher();
        if (mine !== seq) return;
        set((s) => ({ data, error: null, loading: false, stamp: s.stamp + 1, loadedAt: Date.now() }));
      } catch (e) {
        if (mine !== seq) return;
        const error = e instanceof ApiCallError ? e : new ApiCallError(channel, { code: 'internal', message: String(e) });
        set({ error, loading: false });
      }
    },
  }));
}
