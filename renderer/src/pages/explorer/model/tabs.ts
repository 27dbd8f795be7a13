// The state explorer's tabs, kept in the address: #/state/positions, #/state/orders, …
export const STATE_TABS = [
  { id: 'positions', label: 'Positions' },
  { id: 'orders', label: 'Orders' },
  { id: 'strategies', label: 'Strategies' },
  { id: 'balances', label: 'Balances' },
  { id: 'risk', label: 'Risk' },
] as const;
export type StateTab = (typeof STATE_TABS)[number]['id'];

/** The tab an address names (positions when it names none), or null off the explorer. */
export function parseStateTab(hash: string): StateTab | null {
  const [page, tab] = hash.replace(/^#\/?/, '').split(/[/&?]/);
  if (page !== 'state') return null;
  return STATE_TABS.find((t) => t.id === tab)?.id ?? 'positions';
}

export const stateTabHash = (tab: StateTab): string => `#/state/${tab}`;
