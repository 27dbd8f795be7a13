// The detectors' report for the Recovery page: run on open and on request (recovery.doctor reads
// the desk without a lock or a write, on a pool thread); the recoveries run so far, and the
// steps that were escalated to a person.
import { create } from 'zustand';
import type { DoctorReport, RecoveryEscalation, RecoveryRecord } from '../../../../../shared/api/recovery';
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
  /** The playbook steps that failed after their retries and were escalated, newest first. */
  escalations: RecoveryEscalation[] | null;
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
  escalations: null,
  historyError: null,
  async loadHistory() {
    try {
      const [all, escalated] = await Promise.all([api.call('recovery.history', {}), api.call('recovery.escalations', {})]);
      set({ history: [...all].reverse(), escalations: [...escalated].reverse(), historyError: null });
    } catch (e) {
      set({ historyError: asCallError('recovery.history', e) });
    }
  },
}));
