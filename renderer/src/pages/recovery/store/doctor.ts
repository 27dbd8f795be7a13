// The detectors' report for the Recovery page: run on open and on request (recovery.doctor reads
// the desk without a lock or a write, on a pool thread); and the recoveries run so far.
import { create } from 'zustand';
import type { DoctorReport, RecoveryRecord } from '../../../../../shared/api/recovery';
import { api } from '../../../api/client';
import { asCallError, type ApiCallError } from '../../../api/errors';

export interface DoctorState {
  report: DoctorReport | null;
  running: boolean;
  error: ApiCallError | null;
  stamp: number;
  run(): Promise<void>;
  /** The recoveries run on this desk (recovery-history.jsonl), newest first. */
  history: RecoveryRecord[] | null;
  historyError: ApiCallError | null;
  loadHistory(): Promise<void>;
}

export const useDoctor = create<DoctorState>()((set, get) => ({
  report: null,
  running: false,
  error: null,
  stamp: 0,
  async run() {
    if (get().running) return;
    set({ running: true, error: null });
    try {
      const report = await api.call('recovery.doctor', {});
      set((s) => ({ report, running: false, stamp: s.stamp + 1 }));
    } catch (e) {
      set({ running: false, error: asCallError('recovery.doctor', e) });
    }
  },
  history: null,
  historyError: null,
  async loadHistory() {
    try {
      const all = await api.call('recovery.history', {});
      set({ history: [...all].reverse(), historyError: null });
    } catch (e) {
      set({ historyError: asCallError('recovery.history', e) });
    }
  },
}));
