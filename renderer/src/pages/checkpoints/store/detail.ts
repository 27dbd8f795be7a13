// One checkpoint inspected: its catalog entry, its rows table by table (loaded when a tab opens),
// verifying it, pinning it and exporting it.
import { create } from 'zustand';
import type { CheckpointInfo, CheckpointRows, JobInfo, LifeboatEvent, VerifyReport } from '../../../../../shared/api/contract';
import { api } from '../../../api/client';
import { ApiCallError, asCallError } from '../../../api/errors';
import { onAnyEvent } from '../../../live/live';
import { followJob } from '../../../jobs/jobs';

export type CheckpointTable = 'positions' | 'orders' | 'strategies' | 'cash_balances' | 'risk_state';

/** Rows per table fetched at once; the status line says when a table holds more. */
export const ROWS_LIMIT = 50_000;

interface TableRows {
  data: CheckpointRows | null;
  error: ApiCallError | null;
  loading: boolean;
}

export interface CheckpointDetailState {
  id: string | null;
  info: CheckpointInfo | null;
  error: ApiCallError | null;
  loading: boolean;
  tables: Partial<Record<CheckpointTable, TableRows>>;
  verifyJob: JobInfo | null;
  verifyReport: VerifyReport | null;
  verifyError: ApiCallError | null;
  actionError: ApiCallError | null;
  exported: string[] | null;
  busy: 'pin' | 'export' | null;
  open(id: string): void;
  reload(): Promise<void>;
  loadTable(table: CheckpointTable): Promise<void>;
  verify(): Promise<void>;
  setPinned(pinned: boolean): Promise<void>;
  exportFiles(): Promise<void>;
}

let seq = 0;

export const useCheckpointDetail = create<CheckpointDetailState>()((set, get) => ({
  id: null,
  info: null,
  error: null,
  loading: false,
  tables: {},
  verifyJob: null,
  verifyReport: null,
  verifyError: null,
  actionError: null,
  exported: null,
  busy: null,

  open(id) {
    if (get().id === id) return void get().reload();
    seq += 1; // answers for the previous checkpoint are dropped
    set({ id, info: null, error: null, tables: {}, verifyJob: null, verifyReport: null, verifyError: null, actionError: null, exported: null });
    void get().reload();
  },

  async reload() {
    const id = get().id;
    if (!id) return;
    const mine = seq;
    set({ loading: true });
    try {
      const info = await api.call('checkpoints.get', { checkpointId: id });
      if (mine !== seq) return;
      set({ info, error: null, loading: false });
    } catch (e) {
      if (mine !== seq) return;
      set({ error: asCallError('checkpoints.get', e), loading: false });
    }
  },

  async loadTable(table) {
    const id = get().id;
    if (!id) return;
    const current = get().tables[table];
    if (current?.data || current?.loading) return; // a checkpoint never changes
    const mine = seq;
    set((s) => ({ tables: { ...s.tables, [table]: { data: null, error: null, loading: true } } }));
    try {
      const data = await api.call('checkpoints.rows', { checkpointId: id, table, limit: ROWS_LIMIT });
      if (mine !== seq) return;
      set((s) => ({ tables: { ...s.tables, [table]: { data, error: null, loading: false } } }));
    } catch (e) {
      if (mine !== seq) return;
      set((s) => ({ tables: { ...s.tables, [table]: { data: null, error: asCallError('checkpoints.rows', e), loading: false } } }));
    }
  },

  async verify() {
    const id = get().id;
    if (!id || get().verifyJob?.state === 'running') return;
    const mine = seq;
    set({ verifyError: null, verifyReport: null });
    try {
      const started = await api.call('checkpoints.verify', { checkpointId: id });
      if (mine !== seq) return;
      set({ verifyJob: started });
      const job = await followJob(started, (j) => mine === seq && set({ verifyJob: j }));
      if (mine !== seq) return;
      const result = job.kind === 'verify' ? job.result : null;
      set({
        verifyJob: job,
        verifyReport: result?.reports?.find((r) => r.checkpointId === id) ?? null,
        verifyError: job.state === 'failed' ? new ApiCallError('checkpoints.verify', { code: 'internal', message: job.error ?? 'verification failed' }) : null,
      });
      await get().reload();
    } catch (e) {
      if (mine !== seq) return;
      set({ verifyError: asCallError('checkpoints.verify', e) });
    }
  },

  async setPinned(pinned) {
    const id = get().id;
    if (!id) return;
    set({ busy: 'pin', actionError: null });
    try {
      const info = await api.call('checkpoints.pin', { checkpointId: id, pinned });
      set({ info, busy: null });
    } catch (e) {
      set({ actionError: asCallError('checkpoints.pin', e), busy: null });
    }
  },

  async exportFiles() {
    const id = get().id;
    if (!id) return;
    set({ busy: 'export', actionError: null, exported: null });
    try {
      const result = await api.call('checkpoints.export', { checkpointId: id });
      set({ exported: result.files, busy: null });
    } catch (e) {
      set({ actionError: asCallError('checkpoints.export', e), busy: null });
    }
  },
}));

// Another window verifying or pinning this checkpoint updates what this one shows.
onAnyEvent((event) => {
  if (event.name !== 'checkpoints.changed') return;
  const { checkpointId } = (event as LifeboatEvent<'checkpoints.changed'>).payload;
  const { id, reload } = useCheckpointDetail.getState();
  if (id && (checkpointId === id || checkpointId === null)) void reload();
});
