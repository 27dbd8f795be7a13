// Adding a destination and making its repository (backups.destinations.add, then backups.init),
// and init alone for a destination added without one. The recovery key is held until the person
// closes its dialog, then dropped: it is shown once.
import { create } from 'zustand';
import type { InitResult } from '../../../../../shared/api/backup-channels';
import { api } from '../../../api/client';
import { type ApiCallError, asCallError } from '../../../api/errors';
import type { BuiltDestination } from '../model/destination-form';
import { useBackups } from './backups';

export interface AddDestinationState {
  sending: 'add' | 'schedules' | 'init' | null;
  error: ApiCallError | null;
  /** Shown once, in the recovery key dialog; null once it is closed. */
  recoveryKey: InitResult | null;
  /** Adds the destination, leaves its schedules off when asked, then makes its repository. */
  submit(built: BuiltDestination, schedules: boolean): Promise<boolean>;
  init(destination: string, passphrase: string, keepPassphrase: boolean): Promise<boolean>;
  closeRecoveryKey(): void;
  clearError(): void;
}

export const useAddDestination = create<AddDestinationState>()((set, get) => ({
  sending: null,
  error: null,
  recoveryKey: null,

  async submit(built, schedules) {
    if (get().sending) return false;
    set({ sending: 'add', error: null });
    const name = built.add.name;
    try {
      await api.call('backups.destinations.add', built.add);
    } catch (e) {
      set({ sending: null, error: asCallError('backups.destinations.add', e) });
      return false;
    }
    if (!schedules) {
      set({ sending: 'schedules' });
      try {
        for (const s of await api.call('backups.schedules', { destination: name })) {
          await api.call('backups.schedules.set', { destination: name, type: s.type, cron: s.cron, enabled: false });
        }
      } catch (e) {
        set({ sending: null, error: asCallError('backups.schedules.set', e) });
        void useBackups.getState().load();
        return false;
      }
    }
    void useBackups.getState().load();
    return get().init(name, built.init.passphrase, built.init.keepPassphrase);
  },

  async init(destination, passphrase, keepPassphrase) {
    set({ sending: 'init', error: null });
    try {
      const result = await api.call('backups.init', { destination, passphrase, keepPassphrase });
      set({ sending: null, recoveryKey: result });
      return true;
    } catch (e) {
      set({ sending: null, error: asCallError('backups.init', e) });
      return false;
    } finally {
      void useBackups.getState().load();
    }
  },

  closeRecoveryKey: () => set({ recoveryKey: null }),
  clearError: () => set({ error: null }),
}));
