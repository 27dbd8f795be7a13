// Pushed events → refetches of whatever is on screen, throttled to a few per second; views of long
// lists patch the rows state.changed names instead (useLiveRows).
import { useEffect, useRef } from 'react';
import type { LifeboatEvent } from '../../../shared/api/contract';
import { api } from '../api/client';
import { useConnection } from '../stores/connection';
import type { ChangedTable } from '../../../shared/api/changes';
import { RowChanges } from './row-changes';
import { RefreshThrottle, touches } from './throttle';

/** At most ~3 refreshes a second per view. */
export const REFRESH_INTERVAL_MS = 330;

interface Watch {
  tables: readonly string[];
  throttle: RefreshThrottle;
  /** For row watches: the keys named since the view last caught up. */
  rows?: { table: ChangedTable; changes: RowChanges };
}

const watches = new Set<Watch>();
const eventListeners = new Set<(event: LifeboatEvent) => void>();

/** Starts listening to the engine's events; returns the stop function. */
export function startLive(): () => void {
  return api.onEvent((event) => {
    useConnection.getState().eventArrived();
    if (event.name === 'state.changed') {
      const { tables, auditSeq, rows } = (event as LifeboatEvent<'state.changed'>).payload;
      // Every journaled change appends to the audit log, whether or not it lists the table.
      const changed = auditSeq != null && tables?.length ? [...tables, 'audit_log'] : (tables ?? []);
      for (const w of watches) {
        if (w.rows) {
          if (!tables?.includes(w.rows.table)) continue;
          w.rows.changes.add(rows?.[w.rows.table] ?? null);
          w.throttle.request();
        } else if (touches(w.tables, changed)) w.throttle.request();
      }
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

export interface RowView {
  /** Fetch the whole window again. */
  load(): Promise<unknown>;
  /** Fetch the rows with these keys and patch them in. */
  patch(keys: string[]): Promise<unknown>;
}

/** Patch `view` with the rows of `table` that state.changed names (throttled); refetch when it names too many. */
export function watchRows(table: ChangedTable, view: () => RowView): () => void {
  const changes = new RowChanges();
  const run = () => {
    const next = changes.take();
    if (next.kind === 'refetch') return view().load();
    if (next.kind === 'patch') return view().patch(next.keys);
    return Promise.resolve();
  };
  const watch: Watch = { tables: [table], throttle: new RefreshThrottle(run, REFRESH_INTERVAL_MS), rows: { table, changes } };
  watches.add(watch);
  return () => {
    watches.delete(watch);
    watch.throttle.dispose();
  };
}

/** Loads once when mounted, then patches the rows of `table` that change (see watchRows). */
export function useLiveRows(table: ChangedTable, view: RowView): void {
  const latest = useRef(view);
  latest.current = view;
  useEffect(() => {
    void latest.current.load();
    return watchRows(table, () => latest.current);
  }, [table]);
}

/** Every event, for views that follow jobs or inbox activity. */
export function onAnyEvent(listener: (event: LifeboatEvent) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}
