// The audit trail, newest first, loaded a page at a time; and the result of verifying its chain.
import { create } from 'zustand';
import type { AuditVerification } from '../../../../../shared/api/contract';
import type { AuditEntry } from '../../../../../shared/domain';
import { api } from '../../../api/client';
import { ApiCallError } from '../../../api/errors';
import { mergeAuditEntries } from '../model/audit';

export const AUDIT_PAGE = 500;

export interface AuditState {
  entries: AuditEntry[];
  total: number;
  action: string;
  error: ApiCallError | null;
  loading: boolean;
  loadingOlder: boolean;
  /** Whether older entries (matching the action filter) may remain to be loaded. */
  hasOlder: boolean;
  stamp: number;
  verification: AuditVerification | null;
  verifying: boolean;
  verifyError: ApiCallError | null;
  setAction(action: string): void;
  /** Fetches the newest page and merges it with what is loaded (the log only grows). */
  refresh(): Promise<void>;
  loadOlder(): Promise<void>;
  verify(): Promise<void>;
}

let seq = 0;

const wrap = (channel: 'audit.list' | 'audit.verify', e: unknown) =>
  e instanceof ApiCallError ? e : new ApiCallError(channel, { code: 'internal', message: String(e) });

export const useAudit = create<AuditState>()((set, get) => ({
  entries: [],
  total: 0,
  action: '',
  error: null,
  loading: false,
  loadingOlder: false,
  hasOlder: false,
  stamp: 0,
  verification: null,
  verifying: false,
  verifyError: null,

  setAction(action) {
    seq += 1; // whatever was in flight belongs to the old filter
    set({ action, entries: [], total: 0, hasOlder: false });
    void get().refresh();
  },

  async refresh() {
    const mine = ++seq;
    const action = get().action.trim();
    set({ loading: true });
    try {
      const page = await api.call('audit.list', { limit: AUDIT_PAGE, ...(action ? { action } : {}) });
      if (mine !== seq) return;
      set((s) => ({
        entries: mergeAuditEntries(s.entries, page.entries),
        total: page.total,
        // A short first page is the whole (filtered) trail; later refreshes only add newer entries.
        hasOlder: s.entries.length === 0 ? page.entries.length === AUDIT_PAGE : s.hasOlder,
        error: null,
        loading: false,
        stamp: s.stamp + 1,
      }));
    } catch (e) {
      if (mine !== seq) return;
      set({ error: wrap('audit.list', e), loading: false });
    }
  },

  async loadOlder() {
    const { entries, action, loadingOlder } = get();
    if (loadingOlder || entries.length === 0) return;
    const beforeSeq = entries[entries.length - 1].seq;
    if (beforeSeq <= 1) return;
    const mine = seq;
    set({ loadingOlder: true });
    try {
      const trimmed = action.trim();
      const page = await api.call('audit.list', { beforeSeq, limit: AUDIT_PAGE, ...(trimmed ? { action: trimmed } : {}) });
      if (mine !== seq) return set({ loadingOlder: false });
      set((s) => ({
        entries: mergeAuditEntries(s.entries, page.entries),
        total: page.total,
        hasOlder: page.entries.length === AUDIT_PAGE,
        loadingOlder: false,
      }));
    } catch (e) {
      set({ error: wrap('audit.list', e), loadingOlder: false });
    }
  },

  async verify() {
    set({ verifying: true, verifyError: null });
    try {
      const verification = await api.call('audit.verify', {});
      set({ verification, verifying: false });
    } catch (e) {
      set({ verifyError: wrap('audit.verify', e), verifying: false, verification: null });
    }
  },
}));
