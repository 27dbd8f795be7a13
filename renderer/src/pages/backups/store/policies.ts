// A destination's schedules and retention rules: read, changed one schedule at a time (an invalid
// cron comes back from the engine as a bad_request for that row), and the retention rules
// previewed as a dry run before they are saved.
import { create } from 'zustand';
import type { BackupRetention, BackupType, RetentionPreview, ScheduleInfo } from '../../../../../shared/api/backups';
import { api } from '../../../api/client';
import { type ApiCallError, asCallError } from '../../../api/errors';
import { useBackups } from './backups';

export interface PoliciesState {
  destination: string | null;
  schedules: ScheduleInfo[] | null;
  schedulesError: ApiCallError | null;
  /** Per type: saving, and the engine's answer when it refused. */
  savingType: BackupType | null;
  rowErrors: Partial<Record<BackupType, ApiCallError>>;
  open(destination: string): Promise<void>;
  saveSchedule(type: BackupType, cron: string, enabled: boolean): Promise<boolean>;

  /** The saved rules with what they keep and forget now. */
  retention: RetentionPreview | null;
  /** Rules not saved yet, previewed. */
  draft: RetentionPreview | null;
  retentionError: ApiCallError | null;
  retentionBusy: 'preview' | 'save' | null;
  previewRetention(retention: BackupRetention): Promise<void>;
  saveRetention(retention: BackupRetention): Promise<boolean>;
}

let seq = 0;

export const usePolicies = create<PoliciesState>()((set, get) => ({
  destination: null,
  schedules: null,
  schedulesError: null,
  savingType: null,
  rowErrors: {},
  retention: null,
  draft: null,
  retentionError: null,
  retentionBusy: null,

  async open(destination) {
    const mine = ++seq;
    set({ destination, schedules: null, schedulesError: null, rowErrors: {}, retention: null, draft: null, retentionError: null });
    const [schedules, retention] = await Promise.allSettled([api.call('backups.schedules', { destination }), api.call('backups.retention', { destination })]);
    if (mine !== seq) return;
    set({
      schedules: schedules.status === 'fulfilled' ? schedules.value : null,
      schedulesError: schedules.status === 'rejected' ? asCallError('backups.schedules', schedules.reason) : null,
      retention: retention.status === 'fulfilled' ? retention.value : null,
      retentionError: retention.status === 'rejected' ? asCallError('backups.retention', retention.reason) : null,
    });
  },

  async saveSchedule(type, cron, enabled) {
    const destination = get().destination;
    if (!destination) return false;
    set((s) => ({ savingType: type, rowErrors: { ...s.rowErrors, [type]: undefined } }));
    try {
      const info = await api.call('backups.schedules.set', { destination, type, cron, enabled });
      set((s) => {
        const list = s.schedules ?? [];
        const next = list.some((x) => x.type === type) ? list.map((x) => (x.type === type ? info : x)) : [...list, info];
        return { savingType: null, schedules: next };
      });
      void useBackups.getState().load(); // the destination's next runs
      return true;
    } catch (e) {
      set((s) => ({ savingType: null, rowErrors: { ...s.rowErrors, [type]: asCallError('backups.schedules.set', e) } }));
      return false;
    }
  },

  async previewRetention(retention) {
    const destination = get().destination;
    if (!destination) return;
    const mine = seq;
    set({ retentionBusy: 'preview', retentionError: null });
    try {
      const draft = await api.call('backups.retention', { destination, retention });
      if (mine === seq) set({ draft, retentionBusy: null });
    } catch (e) {
      if (mine === seq) set({ retentionBusy: null, retentionError: asCallError('backups.retention', e) });
    }
  },

  async saveRetention(retention) {
    const destination = get().destination;
    if (!destination) return false;
    set({ retentionBusy: 'save', retentionError: null });
    try {
      const saved = await api.call('backups.retention.set', { destination, retention });
      set({ retention: saved, draft: null, retentionBusy: null });
      void useBackups.getState().load();
      return true;
    } catch (e) {
      set({ retentionBusy: null, retentionError: asCallError('backups.retention.set', e) });
      return false;
    }
  },
}));
