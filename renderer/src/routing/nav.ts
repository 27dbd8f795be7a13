// Which page of the console is showing. The shell's router keeps it and the address in step
// (shell/router.ts): going to a page records that page's current view in the address.
import { create } from 'zustand';

export interface NavState {
  /** A page id from the registry (shell/pages.ts); '' until the router has read the address. */
  page: string;
  go(page: string): void;
}

export const useNav = create<NavState>()((set) => ({
  page: '',
  go: (page) => set({ page }),
}));
