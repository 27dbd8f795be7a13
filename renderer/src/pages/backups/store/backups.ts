// The backups page: its destinations, the snapshots of the one shown, pins, and which view is
// showing (kept in the address). Operations, the add form, policies and the restore wizard have
// their own stores beside this one.
import { create } from 'zustand';
import type { DestinationInfo } from '../../../../../shared/api/backup-channels';
import type { Problem, SnapshotListing } from '../../../../../shared/api/backups';
import type { JobInfo, LifeboatEvent } from '../../../../../shared/api/contract';
import { api } from '../../../api/client';
import { type ApiCallError, asCallError } from '../../../api/errors';
import { onAnyEvent } from '../../../live/live';
import { RefreshThrottle } from '../../../live/throttle';
import { newestAnswer } from '../../../stores/resource';
import { showView, type ViewAddress } from '../../../routing/views';
import { backupsViewHash, parseBackupsView, viewDestination, type BackupsView } from '../model/route';
import { forgetPassphrase, rememberPassphrase, targetOf } from './passphrases';

export interface SnapshotsOf {
  list: SnapshotListing[] | null;
  error: ApiCallError | null;
  loading: boolean;
}

export interface BackupsState {
  destinations: DestinationInfo[] | null;
  error: ApiCallError | null;
  loading: boolean;
  stamp: number;
  load(): Promise<void>;

  view: BackupsView;
  show(view: BackupsView, replace?: boolean): void;

  snapshots: Record<string, SnapshotsOf>;
  loadSnapshots(destination: string): Promise<void>;

  /** Destinations whose passphrase was given on this page (it is held elsewhere, never here). */
  unlocked: string[];
  unlock(destination: string, passphrase: string): Promise<void>;
  lock(destination: string): void;

  pinning: string | null;
  pinError: ApiCallError | null;
  pin(destination: string, snapshotId: string, pinned: boolean): Promise<void>;

  /** Per destination, the snapshots the last verify found damage in. */
  damaged: Record<string, Map<string, Problem[]>>;
  setDamaged(destination: string, damaged: Map<string, Problem[]>): void;
}

const NO_SNAPSHOTS: SnapshotsOf = { list: null, error: null, loading: false };
const seqs = new Map<string, number>();

export const useBackups = create<BackupsState>()((set, get) => ({
  destinations: null,
  error: null,
  loading: false,
  stamp: 0,
  load: newestAnswer('backups.destinations', () => api.call('backups.destinations', {}), {
    started: () => set({ loading: true }),
    loaded: (destinations) => set((s) => ({ destinations, error: null, loading: false, stamp: s.stamp + 1 })),
    failed: (error) => set({ error, loading: false }),
  }),

  // The router sets the view the address names (see backupsViews below).
  view: { kind: 'snapshots', destination: null },
  show: (view, replace = false) => showView(backupsViews, view, replace),

  snapshots: {},
  async loadSnapshots(destination) {
    const mine = (seqs.get(destination) ?? 0) + 1;
    seqs.set(destination, mine);
    const patch = (p: Partial<SnapshotsOf>) => set((s) => ({ snapshots: { ...s.snapshots, [destination]: { ...(s.snapshots[destination] ?? NO_SNAPSHOTS), ...p } } }));
    patch({ loading: true });
    try {
      const list = await api.call('backups.list', targetOf(destination));
      if (seqs.get(destination) === mine) patch({ list, error: null, loading: false });
    } catch (e) {
      if (seqs.get(destination) === mine) patch({ list: null, error: asCallError('backups.list', e), loading: false });
    }
  },

  unlocked: [],
  async unlock(destination, passphrase) {
    rememberPassphrase(destination, passphrase);
    set((s) => ({ unlocked: s.unlocked.includes(destination) ? s.unlocked : [...s.unlocked, destination] }));
    await get().loadSnapshots(destination);
    // A passphrase that opens nothing is not kept.
    if (get().snapshots[destination]?.error?.code === 'wrong_passphrase') get().lock(destination);
  },
  lock(destination) {
    forgetPassphrase(destination);
    set((s) => ({ unlocked: s.unlocked.filter((d) => d !== destination) }));
  },

  pinning: null,
  pinError: null,
  async pin(destination, snapshotId, pinned) {
    set({ pinning: snapshotId, pinError: null });
    try {
      await api.call('backups.pin', { destination, snapshotId, pinned });
      set((s) => {
        const of = s.snapshots[destination];
        if (!of?.list) return { pinning: null };
        return { pinning: null, snapshots: { ...s.snapshots, [destination]: { ...of, list: of.list.map((x) => (x.id === snapshotId ? { ...x, pinned } : x)) } } };
      });
    } catch (e) {
      set({ pinning: null, pinError: asCallError('backups.pin', e) });
    }
  },

  damaged: {},
  setDamaged: (destination, damaged) => set((s) => ({ damaged: { ...s.damaged, [destination]: damaged } })),
}));

/** The page's view in the address (#/backups/…), for the router and for show(). */
export const backupsViews: ViewAddress<BackupsView> = {
  page: 'backups',
  parse: parseBackupsView,
  format: backupsViewHash,
  current: () => useBackups.getState().view,
  set: (view) => useBackups.setState({ view }),
};

/** The destination the page is about: the view's, else the first there is. */
export function currentDestination(view: BackupsView, destinations: readonly DestinationInfo[] | null): DestinationInfo | null {
  if (!destinations || destinations.length === 0) return null;
  const named = viewDestination(view);
  return destinations.find((d) => d.name === named) ?? (named ? null : destinations[0]);
}

/** Reloads what a finished backup job changed: the destinations' figures and the snapshots shown. */
export function reloadAfterJob(destination?: string): void {
  const s = useBackups.getState();
  void s.load();
  const shown = currentDestination(s.view, s.destinations)?.name;
  for (const d of new Set([destination, shown].filter((x): x is string => Boolean(x)))) void s.loadSnapshots(d);
}

const BACKUP_KINDS = new Set<JobInfo['kind']>(['backup', 'backup-prune', 'backup-verify', 'restore-live']);

/** While the page is open: load, and reload when a backup job (a scheduled one too) finishes. */
export function startBackupsLive(): () => void {
  const refresh = new RefreshThrottle(async () => reloadAfterJob(), 1_000);
  const stop = onAnyEvent((event) => {
    if (event.name !== 'job.updated') return;
    const job = (event as LifeboatEvent<'job.updated'>).payload;
    if (BACKUP_KINDS.has(job.kind) && job.state !== 'running') refresh.request();
  });
  void useBackups.getState().load();
  return () => {
    stop();
    refresh.dispose();
  };
}
