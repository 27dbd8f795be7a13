// Which account and strategy the state explorer is narrowed to, across all its tabs.
import { create } from 'zustand';

export interface ScopeState {
  accountId: string | null;
  strategyId: string | null;
  setAccount(accountId: string | null): void;
  /** Choosing a strategy also chooses its account. */
  setStrategy(strategyId: string | null, accountId?: string): void;
}

export const useScope = create<ScopeState>()((set) => ({
  accountId: null,
  strategyId: null,
  // A strategy belongs to one account: changing the account clears the strategy.
  setAccount: (accountId) => set({ accountId, strategyId: null }),
  setStrategy: (strategyId, accountId) => set(accountId ? { strategyId, accountId } : { strategyId }),
}));
