// The inbox, public face: processInboxOnce (one scan, see inbox-scan.ts) and watchInbox.
// Watching the inbox while a console holds the state folder: fs.watch events on the folder
// (debounced) trigger a scan, and a periodic rescan catches what fs.watch misses (network file
// systems, events dropped under load). Scans are synchronous, so two never overlap.
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import type { LiveStore } from '../live/live-store';
import type { StateFolder } from '../store/state-folder';
import { processInboxOnce, type InboxEvent, type InboxOptions } from '../state-files/inbox-scan';

export { inboxCandidates, processInboxOnce, type InboxEvent, type InboxOptions } from '../state-files/inbox-scan';

export interface WatchInboxOptions extends InboxOptions {
  /** Rescan period, the fallback for missed events. Default 2000 ms. */
  intervalMs?: number;
  /** Wait this long after a file-system event before scanning, so a burst is one scan. Default 50 ms. */
  debounceMs?: number;
  /** Errors of the watcher or a scan (the watcher keeps going). */
  onError?: (err: unknown) => void;
}

export interface InboxWatcher {
  stop(): void;
}

export function watchInbox(
  store: LiveStore,
  paths: StateFolder,
  notify: (e: InboxEvent) => void,
  opts: WatchInboxOptions = {},
): InboxWatcher {
  const onError = opts.onError ?? (() => undefined);
  let stopped = false;
  let pending: NodeJS.Timeout | null = null;
  // A file kept for retry is reported once per distinct reason, not on every rescan.
  const keptReported = new Map<string, string>();

  const deliver = (e: InboxEvent) => {
    if (stopped) return;
    if (!e.ok && e.kept) {
      if (keptReported.get(e.file) === e.reason) return;
      keptReported.set(e.file, e.reason);
    } else {
      keptReported.delete(e.file);
    }
    try {
      notify(e);
    } catch (err) {
      onError(err);
    }
  };

  const scan = () => {
    pending = null;
    if (stopped) return;
    try {
      processInboxOnce(store, paths, deliver, opts);
    } catch (err) {
      onError(err);
    }
  };

  const schedule = (delay: number) => {
    if (stopped || pending) return;
    pending = setTimeout(scan, delay);
  };

  let watcher: FSWatcher | null = null;
  try {
    mkdirSync(paths.inbox, { recursive: true });
    watcher = watch(paths.inbox, () => schedule(opts.debounceMs ?? 50));
    watcher.on('error', (err) => {
      watcher?.close();
      watcher = null;
      onError(err);
    });
  } catch (err) {
    onError(err); // the periodic rescan still works
  }
  const interval = setInterval(() => schedule(0), opts.intervalMs ?? 2000);
  schedule(0); // files that arrived while nobody was watching

  return {
    stop() {
      stopped = true;
      if (pending) clearTimeout(pending);
      clearInterval(interval);
      watcher?.close();
    },
  };
}
