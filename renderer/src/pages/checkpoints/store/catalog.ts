// The checkpoint catalog and what the person does with it on the timeline: the visible window,
// the one or two checkpoints picked, the view inside the page (kept in the address), and taking
// a checkpoint by hand.
import { create } from 'zustand';
import type { CheckpointInfo, CheckpointList, JobInfo, LifeboatEvent } from '../../../../../shared/api/contract';
import type { CheckpointType } from '../../../../../shared/api/checkpoints';
import { api } from '../../../api/client';
import { ApiCallError, asCallError } from '../../../api/errors';
import { onAnyEvent } from '../../../live/live';
import { RefreshThrottle } from '../../../live/throttle';
import { followJob } from '../../../jobs/jobs';
import { newestAnswer } from '../../../stores/resource';
import { showView, type ViewAddress } from '../../../routing/views';
import { checkpointViewHash, parseCheckpointView, type CheckpointView } from '../model/route';
import { toTimeline, type TimelineCheckpoint, type Zoom } from '../model/timeline';

export interface CheckpointsState {
  data: CheckpointList | null;
  /** The catalog sorted oldest first, for the timeline. */
  timeline: TimelineCheckpoint[];
  byId: Map<string, CheckpointInfo>;
  error: ApiCallError | null;
  loading: boolean;
  stamp: number;
  loadedAt: number | null;
  load(): Promise<void>;
  /** Rows of the live state changed since the newest checkpoint (followed between catalog loads). */
  changedRows: number | null;
  refreshChangedRows(): Promise<void>;

  view: CheckpointView;
  /** Shows a view and records it in the address (a new history entry unless `replace`). */
  show(view: CheckpointView, replace?: boolean): void;

  zoom: Zoom;
  setZoom(zoom: Zoom): void;

  /** Up to two checkpoint ids, in the order picked. */
  picked: string[];
  /** Pick one (replacing the picks) or, with `add`, a second to compare with. */
  pick(id: string, add?: boolean): void;
  unpick(id: string): void;

  creating: boolean;
  createError: ApiCallError | null;
  create(type: CheckpointType, label: string): Promise<CheckpointInfo | null>;

  /** Verifying every checkpoint: the job, and what it found. */
  verifyAllJob: JobInfo | null;
  verifyAllResult: { checked: number; corrupt: string[] } | null;
  verifyAllError: ApiCallError | null;
  verifyAll(): Promise<void>;
  /** Asks the engine to stop the running verify-all; the verdicts so far stay recorded. */
  cancelVerifyAll(): Promise<void>;
}

export const useCheckpoints = create<CheckpointsState>()((set, get) => ({
  data: null,
  timeline: [],
  byId: new Map(),
  error: null,
  loading: false,
  stamp: 0,
  loadedAt: null,
  load: newestAnswer('checkpoints.list', () => api.call('checkpoints.list', {}), {
    started: () => set({ loading: true }),
    loaded: (data) => {
      const byId = new Map(data.checkpoints.map((c) => [c.checkpointId, c]));
      set((s) => ({
        data,
        byId,
        timeline: toTimeline(data.checkpoints),
        changedRows: data.changedRows,
        // A pruned checkpoint cannot stay picked.
        picked: s.picked.filter((id) => byId.has(id)),
        error: null,
        loading: false,
        stamp: s.stamp + 1,
        loadedAt: Date.now(),
      }));
    },
    failed: (error) => set({ error, loading: false }),
  }),

  changedRows: null,
  async refreshChangedRows() {
    try {
      const { changedRows } = await api.call('state.hash', {});
      set({ changedRows });
    } catch {
      // the catalog's own figure stays; the next load corrects it
    }
  },

  // The router sets the view the address names (see checkpointViews below).
  view: { kind: 'timeline' },
  show: (view, replace = false) => showView(checkpointViews, view, replace),

  zoom: { kind: 'all' },
  setZoom: (zoom) => set({ zoom }),

  picked: [],
  pick(id, add = false) {
    set((s) => {
      if (!add) return { picked: [id] };
      if (s.picked.includes(id)) return { picked: s.picked.filter((p) => p !== id) };
      return { picked: s.picked.length >= 2 ? [s.picked[0], id] : [...s.picked, id] };
    });
  },
  unpick: (id) => set((s) => ({ picked: s.picked.filter((p) => p !== id) })),

  creating: false,
  createError: null,
  async create(type, label) {
    set({ creating: true, createError: null });
    try {
      const trimmed = label.trim();
      const info = await api.call('checkpoints.create', { type, ...(trimmed ? { label: trimmed } : {}) });
      set({ creating: false, picked: [info.checkpointId] });
      await get().load();
      return info;
    } catch (e) {
      set({ creating: false, createError: asCallError('checkpoints.create', e) });
      return null;
    }
  },

  verifyAllJob: null,
  verifyAllResult: null,
  verifyAllError: null,
  async verifyAll() {
    if (get().verifyAllJob?.state === 'running') return;
    set({ verifyAllError: null, verifyAllResult: null });
    try {
      const started = await api.call('checkpoints.verify', { all: true });
      set({ verifyAllJob: started });
      const job = await followJob(started, (j) => set({ verifyAllJob: j }));
      const reports = (job.kind === 'verify' ? job.result?.reports : null) ?? [];
      set({
        verifyAllJob: job,
        verifyAllResult: job.state === 'succeeded' ? { checked: reports.length, corrupt: reports.filter((r) => !r.ok).map((r) => r.checkpointId) } : null,
        verifyAllError: job.state === 'failed' ? new ApiCallError('checkpoints.verify', { code: 'internal', message: job.error ?? 'verification failed' }) : null,
      });
      await get().load();
    } catch (e) {
      set({ verifyAllError: asCallError('checkpoints.verify', e) });
    }
  },
  async cancelVerifyAll() {
    const job = get().verifyAllJob;
    if (job?.state !== 'running') return;
    try {
      await api.call('jobs.cancel', { jobId: job.jobId });
    } catch (e) {
      set({ verifyAllError: asCallError('jobs.cancel', e) });
    }
  },
}));

/** The page's view in the address (#/checkpoints/…), for the router and for show(). */
export const checkpointViews: ViewAddress<CheckpointView> = {
  page: 'checkpoints',
  parse: parseCheckpointView,
  format: checkpointViewHash,
  current: () => useCheckpoints.getState().view,
  set: (view) => useCheckpoints.setState({ view }),
};

/**
 * While the page is open: reload the catalog when checkpoints change (a few times a second at
 * most); when only the state changes, ask for the cheap "rows changed since" figure instead of
 * the whole catalog (4.5 MB with 10,000 checkpoints).
 */
export function startCheckpointsLive(): () => void {
  const load = () => useCheckpoints.getState().load();
  const onCheckpoints = new RefreshThrottle(load, 330);
  const onState = new RefreshThrottle(() => useCheckpoints.getState().refreshChangedRows(), 1_000);
  const stopEvents = onAnyEvent((event: LifeboatEvent) => {
    if (event.name === 'checkpoints.changed') onCheckpoints.request();
    else if (event.name === 'state.changed') onState.request();
  });
  void load();
  return () => {
    stopEvents();
    onCheckpoints.dispose();
    onState.dispose();
  };
}
