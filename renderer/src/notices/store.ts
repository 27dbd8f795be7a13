// The session's notices: the toast stack, the entries the Activity page lists, and the count on the
// Activity item of the rail (failures not yet seen). Kept for the session only: the engine keeps no
// record of refused inbox files or failed automatic checkpoints that the console could load.
import { create } from 'zustand';
import { addToast, countsOnBadge, dismissToast, listedInActivity, type Notice } from './model';

/** The Activity page lists at most this many of the session's notices. */
const MAX_LISTED = 500;

export interface NoticesState {
  toasts: Notice[];
  /** Newest first. */
  listed: Notice[];
  unseen: number;
  add(n: Notice, seenNow: boolean): void;
  dismiss(id: string): void;
  /** The Activity page was opened: the badge clears. */
  seen(): void;
}

export const useNotices = create<NoticesState>()((set) => ({
  toasts: [],
  listed: [],
  unseen: 0,
  add: (n, seenNow) =>
    set((s) => ({
      toasts: addToast(s.toasts, n),
      listed: listedInActivity(n) ? [n, ...s.listed].slice(0, MAX_LISTED) : s.listed,
      unseen: countsOnBadge(n) && !seenNow ? s.unseen + 1 : s.unseen,
    })),
  dismiss: (id) => set((s) => ({ toasts: dismissToast(s.toasts, id) })),
  seen: () => set((s) => (s.unseen ? { unseen: 0 } : s)),
}));
