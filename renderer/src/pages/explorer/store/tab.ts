// Which table of the book the explorer shows; the router keeps it in the address (#/state/<tab>).
import { create } from 'zustand';
import { goToView, type ViewAddress } from '../../../routing/views';
import { parseStateTab, stateTabHash, type StateTab } from '../model/tabs';

export const useStateTab = create<{ tab: StateTab }>()(() => ({ tab: 'positions' }));

export const stateTabViews: ViewAddress<StateTab> = {
  page: 'state',
  parse: parseStateTab,
  format: stateTabHash,
  current: () => useStateTab.getState().tab,
  set: (tab) => useStateTab.setState({ tab }),
};

/** Opens a tab of the explorer, from the explorer or from another page. */
export const openTab = (tab: StateTab): void => goToView(stateTabViews, tab);
