// A fetched value with its loading and error state. Stale answers (an older request finishing
// after a newer one) are dropped, and a refresh keeps showing the previous value.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ChannelName } from '../../../shared/api/contract';
import { asCallError, type ApiCallError } from '../api/errors';

export interface Resource<T> {
  data: T | null;
  error: ApiCallError | null;
  loading: boolean;
  /** Bumped on every successful load: drives the "updated" pulse. */
  stamp: number;
  loadedAt: number | null;
  load(): Promise<void>;
}

/**
 * A loader whose answers land only while they are the newest asked for: each call fetches, then
 * hands the data (or the error, as an ApiCallError) on unless a later call has started since.
 */
export function newestAnswer<T>(
  channel: ChannelName,
  fetcher: () => Promise<T>,
  land: { started(): void; loaded(data: T): void; failed(error: ApiCallError): void },
): () => Promise<void> {
  let seq = 0;
  return async () => {
    const mine = ++seq;
    land.started();
    try {
      const data = await fetcher();
      if (mine === seq) land.loaded(data);
    } catch (e) {
      if (mine === seq) land.failed(asCallError(channel, e));
    }
  };
}

export function createResource<T>(channel: ChannelName, fetcher: () => Promise<T>): UseBoundStore<StoreApi<Resource<T>>> {
  return create<Resource<T>>()((set) => ({
    data: null,
    error: null,
    loading: false,
    stamp: 0,
    loadedAt: null,
    load: newestAnswer(channel, fetcher, {
      started: () => set({ loading: true }),
      loaded: (data) => set((s) => ({ data, error: null, loading: false, stamp: s.stamp + 1, loadedAt: Date.now() })),
      failed: (error) => set({ error, loading: false }),
    }),
  }));
}
