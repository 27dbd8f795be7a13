// Whole desk, one account, or one strategy: the scope of a compare or a rollback.
import { useEffect } from 'react';
import type { RollbackScope } from '../../../../shared/api/checkpoints';
import { useStrategies } from '../../stores/book';
import { useDesk } from '../../stores/desk';

const encode = (s: RollbackScope) => (s.strategyId ? `s:${s.strategyId}` : s.accountId ? `a:${s.accountId}` : '');
const decode = (v: string): RollbackScope => (v.startsWith('s:') ? { strategyId: v.slice(2) } : v.startsWith('a:') ? { accountId: v.slice(2) } : {});

export function ScopePicker({ scope, onChange, testId, disabled }: { scope: RollbackScope; onChange(scope: RollbackScope): void; testId: string; disabled?: boolean }) {
  const accounts = useDesk((s) => s.data?.accounts);
  const strategies = useStrategies((s) => s.data);
  const loadStrategies = useStrategies((s) => s.load);
  useEffect(() => {
    if (!strategies) void loadStrategies();
  }, [strategies, loadStrategies]);
  return (
    <select className="input cp-scope" value={encode(scope)} onChange={(e) => onChange(decode(e.target.value))} data-testid={testId} disabled={disabled} aria-label="Scope">
      <option value="">Whole desk</option>
      {(accounts ?? []).map(({ account }) => (
        <optgroup key={account.accountId} label={`${account.name} (${account.accountId})`}>
          <option value={`a:${account.accountId}`}>Account {account.accountId}</option>
          {(strategies ?? [])
            .filter((s) => s.accountId === account.accountId)
            .map((s) => (
              <option key={s.strategyId} value={`s:${s.strategyId}`}>
                Strategy {s.strategyId}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

/** The scope in words. */
export function scopeText(scope: RollbackScope): string {
  if (scope.strategyId) return `strategy ${scope.strategyId}`;
  if (scope.accountId) return `account ${scope.accountId}`;
  return 'the whole desk';
}
