// Comparing two states (checkpoints or the live state), whole desk or one account or strategy.
import { create } from 'zustand';
import type { CheckpointDiff, RollbackScope } from '../../../../../shared/api/checkpoints';
import { api } from '../../../api/client';
import { ApiCallError, asCallError } from '../../../api/errors';
import type { CheckpointRef } from '../model/route';

/** Row changes fetched at once; the summary counts every change even past this. */
export const DIFF_LIMIT = 50_000;

export interface CheckpointCompareState {
  from: CheckpointRef | null;
  to: CheckpointRef | null;
  scope: RollbackScope;
  diff: CheckpointDiff | null;
  error: ApiCallError | null;
  loading: boolean;
  stamp: number;
  /** Compare these two; loads unless that is what is shown already. */
  compare(from: CheckpointRef, to: CheckpointRef): void;
  setScope(scope: RollbackScope): void;
  load(): Promise<void>;
}

let seq = 0;

export const useCheckpointCompare = create<CheckpointCompareState>()((set, get) => ({
  from: null,
  to: null,
  scope: {},
  diff: null,
  error: null,
  loading: false,
  stamp: 0,

  compare(from, to) {
    const s = get();
    if (s.from === from && s.to === to && (s.diff || s.loading)) return;
    set({ from, to, diff: null, error: null });
    void get().load();
  },

  setScope(scope) {
    set({ scope, diff: null });
    void get().load();
  },

  async load() {
    const { from, to, scope } = get();
    if (!from || !to) return;
    const mine = ++seq;
    set({ loading: true });
    try {
      const diff = await api.call('checkpoints.diff', { from, to, scope, limit: DIFF_LIMIT });
      if (mine !== seq) return;
      set((s) => ({ diff, error: null, loading: false, stamp: s.stamp + 1 }));
    } catch (e) {
      if (mine !== seq) return;
      set({ error: asCallError('checkpoints.diff', e), loading: false });
    }
  },
}));
