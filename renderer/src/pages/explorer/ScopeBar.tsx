// Narrow every tab of the explorer to one account and/or strategy.
import { useEffect } from 'react';
import { useDesk } from '../../stores/desk';
import { useStrategies } from '../../stores/book';
import { useScope } from '../../stores/scope';

const NONE: never[] = [];

export function ScopeBar() {
  const { accountId, strategyId, setAccount, setStrategy } = useScope();
  // Selectors must return stable references (zustand 5): pick, then default.
  const accounts = useDesk((s) => s.data?.accounts) ?? NONE;
  const strategies = useStrategies((s) => s.data) ?? NONE;
  useEffect(() => {
    if (useStrategies.getState().data === null) void useStrategies.getState().load();
  }, []);
  const choices = strategies.filter((st) => !accountId || st.accountId === accountId);
  return (
    <div className="scope-bar">
      <label className="field">
        <span className="field-label">Account</span>
        <select className="input" value={accountId ?? ''} onChange={(e) => setAccount(e.target.value || null)} data-testid="scope-account">
          <option value="">All accounts</option>
          {accounts.map(({ account }) => (
            <option key={account.accountId} value={account.accountId}>
              {account.name} ({account.accountId})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Strategy</span>
        <select
          className="input"
          value={strategyId ?? ''}
          onChange={(e) => {
            const chosen = choices.find((st) => st.strategyId === e.target.value);
            setStrategy(chosen ? chosen.strategyId : null, chosen?.accountId);
          }}
          data-testid="scope-strategy"
        >
          <option value="">All strategies</option>
          {choices.map((st) => (
            <option key={st.strategyId} value={st.strategyId}>
              {st.name} ({st.strategyId})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
