// The detectors' report for the Recovery page: run on open and on request (recovery.doctor reads
// the desk without a lock or a write, on a pool thread).
import { create } from 'zustand';
import type { DoctorReport } from '../../../../../shared/api/recovery';
import { api } from '../../../api/client';
import { asCallError, type ApiCallError } from '../../../api/errors';

export interface DoctorState {
  report: DoctorReport | null;
  running: boolean;
  error: ApiCallError | null;
  stamp: number;
  run(): Promise<void>;
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
}));
