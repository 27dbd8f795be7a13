// The state explorer: the live book, one tab per table, narrowed by account/strategy.
import type { KeyboardEvent } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useBalances, useRisk, useStrategies } from '../../stores/book';
import { useDesk } from '../../stores/desk';
import { STATE_TABS, type StateTab } from './model/tabs';
import { useOrders } from './store/orders';
import { usePositions } from './store/positions';
import { openTab, useStateTab } from './store/tab';
import { BalancesTab } from './BalancesTab';
import { OrdersTab } from './OrdersTab';
import { PositionsTab } from './PositionsTab';
import { RiskTab } from './RiskTab';
import { ScopeBar } from './ScopeBar';
import { StrategiesTab } from './StrategiesTab';

const TAB_VIEWS: Record<StateTab, () => React.JSX.Element> = {
  positions: PositionsTab,
  orders: OrdersTab,
  strategies: StrategiesTab,
  balances: BalancesTab,
  risk: RiskTab,
};

function useTabStamp(tab: StateTab): number {
  const positions = usePositions((s) => s.stamp);
  const orders = useOrders((s) => s.stamp);
  const strategies = useStrategies((s) => s.stamp);
  const balances = useBalances((s) => s.stamp);
  const risk = useRisk((s) => s.stamp);
  return { positions, orders, strategies, balances, risk }[tab];
}

export function StateExplorer() {
  const tab = useStateTab((s) => s.tab);
  const counts = useDesk((s) => s.data?.counts);
  const stamp = useTabStamp(tab);
  const View = TAB_VIEWS[tab];
  const badge: Partial<Record<StateTab, number | undefined>> = {
    positions: counts?.positions,
    orders: counts?.orders,
    strategies: counts?.strategies,
  };

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = STATE_TABS.findIndex((t) => t.id === tab);
    const next = STATE_TABS[(i + (e.key === 'ArrowRight' ? 1 : STATE_TABS.length - 1)) % STATE_TABS.length];
    openTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  return (
    <section className="page page-explorer" data-testid="page-state">
      <PageHeader title="State" stamp={stamp} right={<ScopeBar />}>
        <div className="tabs" role="tablist" aria-label="State tables" onKeyDown={onTabKey}>
          {STATE_TABS.map((t) => (
            <button
              key={t.id}
              id={`tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              tabIndex={tab === t.id ? 0 : -1}
              className={tab === t.id ? 'tab active' : 'tab'}
              onClick={() => openTab(t.id)}
              data-testid={`tab-${t.id}`}
            >
              {t.label}
              {badge[t.id] !== undefined ? <span className="tab-count num">{badge[t.id]!.toLocaleString('en-US')}</span> : null}
            </button>
          ))}
        </div>
      </PageHeader>
      <div className="page-body explorer-body" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <View key={tab} />
      </div>
    </section>
  );
}
