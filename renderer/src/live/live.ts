// Pushed events → refetches of whatever is on screen, throttled to a few per second.
import { useEffect, useRef } from 'react';
import type { LifeboatEvent } from '../../../shared/api/contract';
import { api } from '../api/client';
import { useConnection } from '../stores/connection';
import { RefreshThrottle, touches } from './throttle';

/** At most ~3 refreshes a second per view. */
export const REFRESH_INTERVAL_MS = 330;

interface Watch {
  tables: readonly string[];
  throttle: RefreshThrottle;
}

const watches = new Set<Watch>();
const eventListeners = new Set<(event: LifeboatEvent) => void>();

/** Starts listening to the engine's events; returns the stop function. */
export function startLive(): () => void {
  return api.onEvent((event) => {
    useConnection.getState().eventArrived();
    if (event.name === 'state.changed') {
      const { tables, auditSeq } = (event as LifeboatEvent<'state.changed'>).payload;
      // Every journaled change appends to the audit log, whether or not it lists the table.
      const changed = auditSeq != null && tables?.length ? [...tables, 'audit_log'] : (tables ?? []);
      for (const w of watches) if (touches(w.tables, changed)) w.throttle.request();
    }
    for (const l of eventListeners) l(event);
  });
}

/** Refetch with `refresh` whenever one of `tables` changes ('*' for any change). */
export function watchTables(tables: readonly string[], refresh: () => Promise<unknown>): () => void {
  const watch: Watch = { tables, throttle: new RefreshThrottle(refresh, REFRESH_INTERVAL_MS) };
  watches.add(watch);
  return () => {
    watches.delete(watch);
    watch.throttle.dispose();
  };
}

/** Loads once when mounted, then again (throttled) when the given tables change. */
export function useLiveRefresh(tables: readonly string[], refresh: () => Promise<unknown>): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const key = tables.join(',');
  useEffect(() => {
    void latest.current();
    return watchTables(key.split(','), () => latest.current());
  }, [key]);
}

/** Every event, for views that follow jobs or inbox activity. */
export function onAnyEvent(listener: (event: LifeboatEvent) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}
