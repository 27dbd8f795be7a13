// The desk's settings for the Settings page: loaded (and reloaded when the settings rows change),
// saved or reset one key at a time. A refused value's message is kept per key, for beside its field.
import { create } from 'zustand';
import type { CheckpointRetentionPreview, SettingView } from '../../../../../shared/api/settings';
import { api } from '../../../api/client';
import { asCallError, type ApiCallError } from '../../../api/errors';
import { applyTheme } from './theme';
import { applyTimeZone } from '../../../stores/time-zone';

export interface SettingsState {
  list: SettingView[] | null;
  error: ApiCallError | null;
  stamp: number;
  /** Per key: the engine's refusal of the last save, or a note that it was saved. */
  outcome: Record<string, { ok: boolean; message: string }>;
  busy: string | null;
  load(): Promise<void>;
  save(key: string, value: unknown): Promise<boolean>;
  reset(key: string): Promise<boolean>;
}

function themeOf(list: SettingView[]): unknown {
  return list.find((s) => s.key === 'console.theme')?.value;
}

const timeZoneOf = (list: SettingView[]): unknown => list.find((s) => s.key === 'console.timeZone')?.value;

/** The console's own settings (theme, clock) follow the desk's. */
function applyConsoleSettings(list: SettingView[]): void {
  applyTheme(themeOf(list));
  applyTimeZone(timeZoneOf(list));
}

export const useSettings = create<SettingsState>()((set, get) => {
  const change = async (key: string, call: () => Promise<{ auditSeq: number }>, done: string): Promise<boolean> => {
    set({ busy: key });
    try {
      const c = await call();
      set((s) => ({ busy: null, outcome: { ...s.outcome, [key]: { ok: true, message: `${done} (audit entry ${c.auditSeq})` } } }));
      await get().load();
      return true;
    } catch (e) {
      const err = asCallError('settings.set', e);
      set((s) => ({ busy: null, outcome: { ...s.outcome, [key]: { ok: false, message: err.message } } }));
      return false;
    }
  };
  return {
    list: null,
    error: null,
    stamp: 0,
    outcome: {},
    busy: null,
    async load() {
      try {
        const list = await api.call('settings.list', {});
        applyConsoleSettings(list);
        set((s) => ({ list, error: null, stamp: s.stamp + 1 }));
      } catch (e) {
        set({ error: asCallError('settings.list', e) });
      }
    },
    save: (key, value) => change(key, () => api.call('settings.set', { key, value: value as never }), 'Saved'),
    reset: (key) => change(key, () => api.call('settings.reset', { key }), 'Reset to the default'),
  };
});

/** What a retention would prune now (nothing written). */
export function previewRetention(policy: unknown): Promise<CheckpointRetentionPreview> {
  return api.call('settings.retentionPreview', { policy: policy as never });
}

/** Loads the theme and the clock at start-up, before anyone opens the Settings page. */
export async function loadTheme(): Promise<void> {
  try {
    applyConsoleSettings(await api.call('settings.list', {}));
  } catch {
    // No desk answer yet: the remembered theme (or the system's) stays.
  }
}
