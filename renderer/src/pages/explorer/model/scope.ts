// Narrowing rows to the explorer's account/strategy scope.
export interface Scope {
  accountId: string | null;
  strategyId: string | null;
}

/** Rows of the scope; a row without a strategy (an account-level record) stays when only the account is chosen. */
export function inScope<T extends { accountId: string; strategyId?: string }>(rows: readonly T[], scope: Scope): readonly T[] {
  if (!scope.accountId && !scope.strategyId) return rows;
  return rows.filter(
    (r) =>
      (!scope.accountId || r.accountId === scope.accountId) &&
      (!scope.strategyId || r.strategyId === undefined || r.strategyId === scope.strategyId || r.strategyId === ''),
  );
}
